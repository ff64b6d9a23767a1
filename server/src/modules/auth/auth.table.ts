import { foreignKey, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, timestamptz, workspaceIdColumn } from "../../db/columns";
import { users } from "../users/users.table";

// Only the SHA-256 of the cookie value is stored, so a leaked table does not hand out sessions.
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceIdColumn(),
    userId: uuid("user_id").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    lastSeenAt: timestamptz("last_seen_at").notNull().defaultNow(),
    userAgent: text("user_agent"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("sessions_user_idx").on(t.workspaceId, t.userId),
    foreignKey({
      name: "sessions_user_fk",
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete("cascade"),
  ],
);
