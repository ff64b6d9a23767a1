import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  NOTIFICATION_TYPES,
  type Notification,
  type NotificationPreferences,
  type NotificationType,
  type UpdateNotificationPreferences,
} from "../../../../shared/schemas/notifications";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { iso, isoOrNull } from "../../lib/dates";
import { publish } from "./events.service";
import { ownNotificationsScope } from "./notifications.policy";
import { notificationPreferences, notifications } from "./notifications.table";

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

const recipientKey = (item: Pick<NewNotification, "workspaceId" | "userId" | "type">) =>
  `${item.workspaceId}:${item.userId}:${item.type}`;

// Written in the transaction of the change it reports, so nobody is told about something that
// did not happen. Types a recipient switched off are skipped; the rest also go out live as
// `notification` events.
export async function notify(db: DbOrTx, items: NewNotification[]): Promise<void> {
  if (items.length === 0) return;
  const muted = await db
    .select({
      workspaceId: notificationPreferences.workspaceId,
      userId: notificationPreferences.userId,
      type: notificationPreferences.type,
    })
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.inApp, false),
        sql`(${notificationPreferences.workspaceId}, ${notificationPreferences.userId}, ${notificationPreferences.type}) in (${sql.join(
          items.map((item) => sql`(${item.workspaceId}::uuid, ${item.userId}::uuid, ${item.type})`),
          sql`, `,
        )})`,
      ),
    );
  const mutedKeys = new Set(muted.map(recipientKey));
  const wanted = items.filter((item) => !mutedKeys.has(recipientKey(item)));
  if (wanted.length === 0) return;
  const rows = await db
    .insert(notifications)
    .values(
      wanted.map((item) => ({
        workspaceId: item.workspaceId,
        userId: item.userId,
        type: item.type,
        title: item.title,
        body: item.body ?? null,
        entityType: item.entityType ?? null,
        entityId: item.entityId ?? null,
        data: item.data ?? null,
      })),
    )
    .returning();
  await publish(
    db,
    rows.map((row) => ({
      workspaceId: row.workspaceId,
      userId: row.userId,
      type: "notification",
      payload: toNotification(row),
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

export async function getPreferences(db: DbOrTx, actor: Actor): Promise<NotificationPreferences> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.workspaceId, actor.workspaceId),
        eq(notificationPreferences.userId, actor.userId),
      ),
    );
  const stored = new Map(rows.map((row) => [row.type, row]));
  return Object.fromEntries(
    NOTIFICATION_TYPES.map((type) => {
      const row = stored.get(type);
      return [type, { inApp: row?.inApp ?? true, email: row?.email ?? false }];
    }),
  ) as NotificationPreferences;
}

export async function updatePreferences(
  db: DbOrTx,
  actor: Actor,
  input: UpdateNotificationPreferences,
): Promise<NotificationPreferences> {
  const current = await getPreferences(db, actor);
  const changes = NOTIFICATION_TYPES.flatMap((type) => {
    const choice = input[type];
    // Leaving `email` out keeps the stored choice.
    return choice ? [{ type, inApp: choice.inApp, email: choice.email ?? current[type].email }] : [];
  });
  if (changes.length === 0) return current;
  await db
    .insert(notificationPreferences)
    .values(changes.map((change) => ({ workspaceId: actor.workspaceId, userId: actor.userId, ...change })))
    .onConflictDoUpdate({
      target: [
        notificationPreferences.workspaceId,
        notificationPreferences.userId,
        notificationPreferences.type,
      ],
      set: { inApp: sql`excluded.in_app`, email: sql`excluded.email`, updatedAt: new Date() },
    });
  return getPreferences(db, actor);
}
