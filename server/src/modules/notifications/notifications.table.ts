import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { NotificationType } from "../../../../shared/schemas/notifications";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { users } from "../users/users.table";

export const notifications = pgTable(
  "notifications",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    userId: uuid("user_id").notNull(),
    type: text("type").notNull(),
    title: text("title").notNull(),
    body: text("body"),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    data: jsonb("data").$type<Record<string, unknown>>(),
    readAt: timestamptz("read_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("notifications_user_idx").on(t.workspaceId, t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.workspaceId, t.userId).where(sql`${t.readAt} is null`),
  ],
);

// Only the choices a user changed are stored; a missing row means the defaults (in-app on, e-mail off).
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    workspaceId: workspaceIdColumn(),
    userId: uuid("user_id").notNull(),
    type: text("type").$type<NotificationType>().notNull(),
    inApp: boolean("in_app").notNull().default(true),
    // Stored for the e-mail digest to come; nothing sends e-mail yet.
    email: boolean("email").notNull().default(false),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId, t.type] }),
    foreignKey({
      name: "notification_preferences_user_fk",
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }),
  ],
);
