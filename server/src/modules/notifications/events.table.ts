import { sql } from "drizzle-orm";
import { bigserial, customType, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { RealtimeEventType } from "../../../../shared/schemas/notifications";
import { createdAtColumn, workspaceIdColumn } from "../../db/columns";

// PostgreSQL's 64-bit transaction id; read back as a decimal string.
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

// The real-time outbox: written in the transaction of the change, read by every SSE connection.
// Readers follow (tx_id, id) rather than id alone: a sequence hands out ids before commit, so a
// later id can become visible before an earlier one, while every transaction older than the oldest
// running one is final (see events.service.ts).
export const events = pgTable(
  "events",
  {
    workspaceId: workspaceIdColumn(),
    id: bigserial("id", { mode: "number" }).notNull(),
    txId: xid8("tx_id").notNull().default(sql`pg_current_xact_id()`),
    // Set for events meant for one user (notifications); null for events about a record, delivered to
    // everyone who may see that record.
    userId: uuid("user_id"),
    type: text("type").$type<RealtimeEventType>().notNull(),
    entityType: text("entity_type"),
    entityId: uuid("entity_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("events_stream_idx").on(t.workspaceId, t.txId, t.id),
    index("events_created_idx").on(t.createdAt),
  ],
);
