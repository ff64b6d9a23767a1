import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { OrderEventKind, OrderStatus } from "../../../../shared/schemas/orders";
import type { PaymentDue, PaymentMethod } from "../../../../shared/schemas/quotations";
import { createdAtColumn, idColumn, timestamptz, workspaceIdColumn } from "../../db/columns";
import { customers } from "../customers/customers.table";
import { commercialColumns, lineColumns, moneyColumn, quotations } from "../quotations/quotations.table";
import { users } from "../users/users.table";

// The exchange rate a money record was booked at, to the workspace's reporting currency of that day.
export function storedRateColumns() {
  return {
    fxRate: numeric("fx_rate", { precision: 20, scale: 10 }),
    fxRateDate: date("fx_rate_date", { mode: "string" }),
    fxRateCurrency: text("fx_rate_currency"),
  };
}

export const orders = pgTable(
  "orders",
  {
    ...commercialColumns(),
    status: text("status").$type<OrderStatus>().notNull().default("draft"),
    quotationId: uuid("quotation_id"),
    requestedDeliveryDate: date("requested_delivery_date", { mode: "string" }),
    shippingMarks: text("shipping_marks"),
    submittedAt: timestamptz("submitted_at"),
    confirmedAt: timestamptz("confirmed_at"),
    cancelledAt: timestamptz("cancelled_at"),
    cancelReason: text("cancel_reason"),
    // Set at confirmation: one unit of the order's currency in the reporting currency on the day of
    // confirmation; null (with the date and currency kept) when no rate connected the two.
    ...storedRateColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("orders_number_key").on(t.workspaceId, t.number),
    // One order per quotation: converting twice is refused, even by two requests at once.
    uniqueIndex("orders_quotation_key").on(t.workspaceId, t.quotationId),
    index("orders_customer_idx").on(t.workspaceId, t.customerId, t.createdAt),
    index("orders_owner_idx").on(t.workspaceId, t.ownerId, t.updatedAt),
    index("orders_status_idx").on(t.workspaceId, t.status, t.updatedAt),
    foreignKey({
      name: "orders_customer_fk",
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }),
    foreignKey({
      name: "orders_owner_fk",
      columns: [t.workspaceId, t.ownerId],
      foreignColumns: [users.workspaceId, users.id],
    }),
    foreignKey({
      name: "orders_quotation_fk",
      columns: [t.workspaceId, t.quotationId],
      foreignColumns: [quotations.workspaceId, quotations.id],
    }),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    ...lineColumns(),
    orderId: uuid("order_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("order_lines_order_idx").on(t.workspaceId, t.orderId, t.position),
    index("order_lines_product_idx").on(t.workspaceId, t.productId),
    foreignKey({
      name: "order_lines_order_fk",
      columns: [t.workspaceId, t.orderId],
      foreignColumns: [orders.workspaceId, orders.id],
    }).onDelete("cascade"),
  ],
);

// The payment schedule generated from the payment terms: what receivables will be raised from.
export const orderInstalments = pgTable(
  "order_instalments",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    orderId: uuid("order_id").notNull(),
    sequence: integer("sequence").notNull(),
    method: text("method").$type<PaymentMethod>().notNull(),
    percent: numeric("percent", { precision: 5, scale: 2 }).notNull(),
    amount: moneyColumn("amount").notNull(),
    currency: text("currency").notNull(),
    due: text("due").$type<PaymentDue>().notNull(),
    days: integer("days"),
    note: text("note"),
    // When the owner and finance were told it is overdue: once per receivable.
    overdueNotifiedAt: timestamptz("overdue_notified_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("order_instalments_key").on(t.workspaceId, t.orderId, t.sequence),
    foreignKey({
      name: "order_instalments_order_fk",
      columns: [t.workspaceId, t.orderId],
      foreignColumns: [orders.workspaceId, orders.id],
    }).onDelete("cascade"),
  ],
);

// The order's timeline: every status change, approval step, edit and transfer, with who and why.
export const orderEvents = pgTable(
  "order_events",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    orderId: uuid("order_id").notNull(),
    kind: text("kind").$type<OrderEventKind>().notNull(),
    fromStatus: text("from_status").$type<OrderStatus>(),
    toStatus: text("to_status").$type<OrderStatus>(),
    actorId: uuid("actor_id"),
    reason: text("reason"),
    data: jsonb("data").$type<Record<string, unknown>>(),
    // Several events of one request share a transaction time; the sequence keeps their order.
    createdAt: createdAtColumn(),
    sequence: integer("sequence").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("order_events_sequence_key").on(t.workspaceId, t.orderId, t.sequence),
    foreignKey({
      name: "order_events_order_fk",
      columns: [t.workspaceId, t.orderId],
      foreignColumns: [orders.workspaceId, orders.id],
    }).onDelete("cascade"),
  ],
);

// Colleagues following an order (a manager, logistics, finance): told of its shipments like its owner.
export const orderWatchers = pgTable(
  "order_watchers",
  {
    workspaceId: workspaceIdColumn(),
    orderId: uuid("order_id").notNull(),
    userId: uuid("user_id").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.orderId, t.userId] }),
    foreignKey({
      name: "order_watchers_order_fk",
      columns: [t.workspaceId, t.orderId],
      foreignColumns: [orders.workspaceId, orders.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "order_watchers_user_fk",
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete("cascade"),
  ],
);
