import { eq, sql } from "drizzle-orm";
import type { SetupInput, Workspace } from "../../../../shared/schemas/identity";
import type { Db, DbOrTx } from "../../db/client";
import { AppError, notFound } from "../../lib/app-error";
import { hashPassword } from "../../lib/passwords";
import { recordAudit } from "../audit/audit.service";
import { users } from "../users/users.table";
import { workspaces } from "./workspaces.table";

export const DEFAULT_CURRENCY = "CNY";
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";
// Serialises concurrent setup requests so exactly one workspace gets created.
const SETUP_LOCK_KEY = 7_420_002;

export function toWorkspace(row: typeof workspaces.$inferSelect): Workspace {
  return { id: row.id, name: row.name, currency: row.currency, timeZone: row.timeZone };
}

export async function isSetupNeeded(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  return row === undefined;
}

export async function getWorkspace(db: DbOrTx, workspaceId: string): Promise<Workspace> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound("Workspace");
  return toWorkspace(row);
}

export type CreatedWorkspace = { workspaceId: string; adminId: string };

// Creates a workspace and its first admin. Used by the setup page (only while no workspace exists)
// and by the demo loader and test factories (which may add further workspaces).
export async function createWorkspaceWithAdmin(
  db: Db,
  input: SetupInput,
  options: { onlyIfNone: boolean },
): Promise<CreatedWorkspace> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    if (options.onlyIfNone && !(await isSetupNeeded(tx))) {
      throw new AppError("setup_done", "This Tradewind is already set up. Sign in instead.");
    }
    const [workspace] = await tx
      .insert(workspaces)
      .values({
        name: input.workspaceName,
        currency: input.currency ?? DEFAULT_CURRENCY,
        timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
      })
      .returning();
    if (!workspace) throw new Error("insert returned no workspace");
    const [admin] = await tx
      .insert(users)
      .values({
        workspaceId: workspace.id,
        name: input.adminName,
        email: input.email,
        passwordHash,
        role: "admin",
        locale: input.locale ?? "en-US",
        timeZone: workspace.timeZone,
      })
      .returning();
    if (!admin) throw new Error("insert returned no admin");
    const actor = { workspaceId: workspace.id, userId: admin.id };
    await recordAudit(tx, actor, {
      action: "workspace.created",
      entityType: "workspace",
      entityId: workspace.id,
      changes: { name: workspace.name, currency: workspace.currency, timeZone: workspace.timeZone },
    });
    await recordAudit(tx, actor, {
      action: "user.created",
      entityType: "user",
      entityId: admin.id,
      changes: { name: admin.name, email: admin.email, role: admin.role },
    });
    return { workspaceId: workspace.id, adminId: admin.id };
  });
}
