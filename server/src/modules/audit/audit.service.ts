import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { AuditEntry, AuditQuerySchema } from "../../../../shared/schemas/identity";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { iso } from "../../lib/dates";
import { users } from "../users/users.table";
import { auditScope } from "./audit.policy";
import { auditLog } from "./audit.table";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: unknown;
};

// Called inside the transaction of the change it records, so the trail and the change land together.
type AuditActor = Pick<Actor, "workspaceId"> & { userId: string | null };

export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditInput): Promise<void> {
  await recordAuditMany(db, actor, [entry]);
}

export async function recordAuditMany(db: DbOrTx, actor: AuditActor, entries: AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(
    entries.map((entry) => ({
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      changes: entry.changes ?? null,
    })),
  );
}

export async function listAudit(
  db: DbOrTx,
  actor: Actor,
  query: z.infer<typeof AuditQuerySchema>,
): Promise<AuditEntry[]> {
  const rows = await db
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, and(eq(users.workspaceId, auditLog.workspaceId), eq(users.id, auditLog.actorId)))
    .where(
      auditScope(
        actor,
        query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
        query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
        query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(query.limit);
  return rows.map(({ entry, actorName }) => ({
    id: entry.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    actorId: entry.actorId,
    actorName,
    changes: entry.changes,
    createdAt: iso(entry.createdAt),
  }));
}
