import { sql } from "drizzle-orm";
import { foreignKey, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ApprovalReason, ApprovalState } from "../../../../shared/schemas/orders";
import { createdAtColumn, idColumn, timestamptz, workspaceIdColumn } from "../../db/columns";
import { orders } from "../orders/orders.table";
import { shipments } from "../shipments/shipments.table";

// One row per submission of an order that needed a manager's decision, with the reasons found.
export const orderApprovals = pgTable(
  "order_approvals",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    orderId: uuid("order_id").notNull(),
    // Set when the request is for a shipment's departure rather than the order's confirmation.
    shipmentId: uuid("shipment_id"),
    state: text("state").$type<ApprovalState>().notNull().default("pending"),
    reasons: jsonb("reasons").$type<ApprovalReason[]>().notNull(),
    notes: jsonb("notes").$type<string[]>().notNull().default([]),
    requestedBy: uuid("requested_by").notNull(),
    requestedAt: createdAtColumn(),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamptz("decided_at"),
    decisionReason: text("decision_reason"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // At most one open request per order.
    uniqueIndex("order_approvals_pending_key")
      .on(t.workspaceId, t.orderId)
      .where(sql`${t.state} = 'pending'`),
    index("order_approvals_state_idx").on(t.workspaceId, t.state, t.requestedAt),
    foreignKey({
      name: "order_approvals_order_fk",
      columns: [t.workspaceId, t.orderId],
      foreignColumns: [orders.workspaceId, orders.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "order_approvals_shipment_fk",
      columns: [t.workspaceId, t.shipmentId],
      foreignColumns: [shipments.workspaceId, shipments.id],
    }).onDelete("cascade"),
  ],
);
