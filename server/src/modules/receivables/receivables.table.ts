import { date, foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, workspaceIdColumn } from "../../db/columns";
import { customers } from "../customers/customers.table";
import { orderInstalments, storedRateColumns } from "../orders/orders.table";
import { moneyColumn } from "../quotations/quotations.table";

// Money received from a customer. Bank charges are what the banks kept on the way: the customer paid
// `amount`, the account was credited with amount − charges, and `amount` settles the receivables.
export const payments = pgTable(
  "payments",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    customerId: uuid("customer_id").notNull(),
    amount: moneyColumn("amount").notNull(),
    currency: text("currency").notNull(),
    receivedAt: date("received_at", { mode: "string" }).notNull(),
    bankReference: text("bank_reference"),
    bankCharges: moneyColumn("bank_charges").notNull().default("0"),
    createdBy: uuid("created_by").notNull(),
    createdAt: createdAtColumn(),
    // The rate on the day received, to the reporting currency: what realised gain/loss is measured at.
    ...storedRateColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("payments_customer_idx").on(t.workspaceId, t.customerId, t.receivedAt),
    foreignKey({
      name: "payments_customer_fk",
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }),
  ],
);

// A receivable is an instalment of a confirmed order's payment schedule; allocations point at it
// directly, so the schedule and what is owed can never drift apart.
export const paymentAllocations = pgTable(
  "payment_allocations",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    paymentId: uuid("payment_id").notNull(),
    receivableId: uuid("receivable_id").notNull(),
    amount: moneyColumn("amount").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("payment_allocations_key").on(t.workspaceId, t.paymentId, t.receivableId),
    index("payment_allocations_receivable_idx").on(t.workspaceId, t.receivableId),
    foreignKey({
      name: "payment_allocations_payment_fk",
      columns: [t.workspaceId, t.paymentId],
      foreignColumns: [payments.workspaceId, payments.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "payment_allocations_receivable_fk",
      columns: [t.workspaceId, t.receivableId],
      foreignColumns: [orderInstalments.workspaceId, orderInstalments.id],
    }),
  ],
);
