import { eq, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { PoolSettings } from "../../../../shared/schemas/customers";
import type { TaskSettings } from "../../../../shared/schemas/tasks";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { recordAudit } from "../audit/audit.service";
import { workspaces } from "../workspaces/workspaces.table";

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  releaseAfterDays: 30,
  maxPrivatePerRep: 300,
  reclaimCooldownDays: 7,
};

export const DEFAULT_TASK_SETTINGS: TaskSettings = {
  escalateAfterDays: 2,
  dueSoonHours: 24,
};

// Each group of workspace rules lives under its own key of workspaces.settings, over its defaults.
export type Section<T> = { key: string; defaults: T };
export const POOL_SECTION: Section<PoolSettings> = { key: "pool", defaults: DEFAULT_POOL_SETTINGS };
const TASKS: Section<TaskSettings> = { key: "tasks", defaults: DEFAULT_TASK_SETTINGS };

// The stored part of a section as a scalar subquery, so a hot read can fetch it with its own row.
export function storedSection<T extends object>(
  section: Section<T>,
  workspaceId: string | SQLWrapper,
): SQL<Partial<T> | null> {
  return sql<Partial<T> | null>`(select ${workspaces.settings} -> ${section.key} from ${workspaces} where ${workspaces.id} = ${workspaceId})`;
}

export const withDefaults = <T extends object>(
  section: Section<T>,
  stored: Partial<T> | null | undefined,
): T => ({
  ...section.defaults,
  ...(stored ?? {}),
});

export async function getSection<T extends object>(
  db: DbOrTx,
  workspaceId: string,
  section: Section<T>,
): Promise<T> {
  const [row] = await db
    .select({ value: sql<Partial<T> | null>`${workspaces.settings} -> ${section.key}` })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return withDefaults(section, row?.value);
}

export async function updateSection<T extends object>(
  db: DbOrTx,
  actor: Actor,
  section: Section<T>,
  input: Partial<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const before = await getSection(tx, actor.workspaceId, section);
    const after = { ...before, ...input };
    await tx
      .update(workspaces)
      .set({
        settings: sql`jsonb_set(${workspaces.settings}, array[${section.key}], ${JSON.stringify(after)}::jsonb)`,
        updatedAt: new Date(),
      })
      .where(eq(workspaces.id, actor.workspaceId));
    await recordAudit(tx, actor, {
      action: `settings.${section.key}_changed`,
      entityType: "workspace",
      entityId: actor.workspaceId,
      changes: { before, after },
    });
    return after;
  });
}

export const getPoolSettings = (db: DbOrTx, workspaceId: string) => getSection(db, workspaceId, POOL_SECTION);
export const updatePoolSettings = (db: DbOrTx, actor: Actor, input: Partial<PoolSettings>) =>
  updateSection(db, actor, POOL_SECTION, input);

export const getTaskSettings = (db: DbOrTx, workspaceId: string) => getSection(db, workspaceId, TASKS);
export const updateTaskSettings = (db: DbOrTx, actor: Actor, input: Partial<TaskSettings>) =>
  updateSection(db, actor, TASKS, input);
