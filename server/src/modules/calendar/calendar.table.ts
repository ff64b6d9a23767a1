import { foreignKey, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, timestamptz, workspaceIdColumn } from "../../db/columns";
import { users } from "../users/users.table";

// One private calendar subscription per user. The URL carries the token; only its SHA-256 is kept.
export const calendarTokens = pgTable(
  "calendar_tokens",
  {
    workspaceId: workspaceIdColumn(),
    userId: uuid("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAtColumn(),
    lastUsedAt: timestamptz("last_used_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    uniqueIndex("calendar_tokens_hash_key").on(t.tokenHash),
    foreignKey({
      name: "calendar_tokens_user_fk",
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete("cascade"),
  ],
);
