import { eq, sql } from "drizzle-orm";
import type { PoolSettings } from "../../../../shared/schemas/customers";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { recordAudit } from "../audit/audit.service";
import { workspaces } from "../workspaces/workspaces.table";

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  releaseAfterDays: 30,
  maxPrivatePerRep: 300,
  reclaimCooldownDays: 7,
};

export async function getPoolSettings(db: DbOrTx, workspaceId: string): Promise<PoolSettings> {
  const [row] = await db
    .select({ pool: sql<Partial<PoolSettings> | null>`${workspaces.settings} -> 'pool'` })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return { ...DEFAULT_POOL_SETTINGS, ...(row?.pool ?? {}) };
}

export async function updatePoolSettings(
  db: DbOrTx,
  actor: Actor,
  input: Partial<PoolSettings>,
): Promise<PoolSettings> {
  return db.transaction(async (tx) => {
    const before = await getPoolSettings(tx, actor.workspaceId);
    const after = { ...before, ...input };
    await tx
      .update(workspaces)
      .set({
        settings: sql`jsonb_set(${workspaces.settings}, '{pool}', ${JSON.stringify(after)}::jsonb)`,
        updatedAt: new Date(),
      })
      .where(eq(workspaces.id, actor.workspaceId));
    await recordAudit(tx, actor, {
      action: "settings.pool_changed",
      entityType: "workspace",
      entityId: actor.workspaceId,
      changes: { before, after },
    });
    return after;
  });
}
