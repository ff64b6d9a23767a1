import { desc, inArray, isNull, sql } from "drizzle-orm";
import type { Notification, NotificationType } from "../../../../shared/schemas/notifications";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { iso, isoOrNull } from "../../lib/dates";
import { ownNotificationsScope } from "./notifications.policy";
import { notifications } from "./notifications.table";

export type NewNotification = {
  workspaceId: string;
  userId: string;
  type: NotificationType;
  title: string;
  body?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  data?: Record<string, unknown> | null;
};

// Written in the transaction of the change it reports, so nobody is told about something that
// did not happen.
export async function notify(db: DbOrTx, items: NewNotification[]): Promise<void> {
  if (items.length === 0) return;
  await db.insert(notifications).values(
    items.map((item) => ({
      workspaceId: item.workspaceId,
      userId: item.userId,
      type: item.type,
      title: item.title,
      body: item.body ?? null,
      entityType: item.entityType ?? null,
      entityId: item.entityId ?? null,
      data: item.data ?? null,
    })),
  );
}

function toNotification(row: typeof notifications.$inferSelect): Notification {
  return {
    id: row.id,
    type: row.type as NotificationType,
    title: row.title,
    body: row.body,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
    readAt: isoOrNull(row.readAt),
    createdAt: iso(row.createdAt),
  };
}

export async function listNotifications(
  db: DbOrTx,
  actor: Actor,
  query: { unread?: "true" | "false"; limit: number },
): Promise<{ items: Notification[]; unreadCount: number }> {
  const rows = await db
    .select()
    .from(notifications)
    .where(ownNotificationsScope(actor, query.unread === "true" ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit);
  const [count] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(ownNotificationsScope(actor, isNull(notifications.readAt)));
  return { items: rows.map(toNotification), unreadCount: count?.count ?? 0 };
}

export async function markRead(db: DbOrTx, actor: Actor, ids: string[] | undefined): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      ownNotificationsScope(
        actor,
        isNull(notifications.readAt),
        ids ? (ids.length > 0 ? inArray(notifications.id, ids) : sql`false`) : undefined,
      ),
    );
}
