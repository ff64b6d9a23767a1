import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, timestamptz, workspaceIdColumn } from "../../db/columns";

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
