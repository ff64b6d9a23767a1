import { date, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { workspaceIdColumn } from "../../db/columns";
import { moneyColumn } from "../quotations/quotations.table";

// Confirmed sales per month, rep, customer country and order currency: what the sales dashboard
// reads, so it never scans order lines. Derived data, kept by recordSale in the transaction of each
// confirmation, cancellation and transfer; rebuildSalesRollup recomputes it from the orders.
export const salesMonthly = pgTable(
  "sales_monthly",
  {
    workspaceId: workspaceIdColumn(),
    // The first day of the month of confirmation, in the workspace's time zone.
    month: date("month", { mode: "string" }).notNull(),
    ownerId: uuid("owner_id").notNull(),
    country: text("country").notNull(),
    currency: text("currency").notNull(),
    // In the order currency, every order of the cell.
    amount: moneyColumn("amount").notNull(),
    // In the reporting currency at each order's stored rate; orders confirmed without a rate are
    // left out here and kept in unconvertedAmount (order currency) instead, so a cell mixing both
    // stays exact.
    reportingAmount: moneyColumn("reporting_amount").notNull(),
    unconvertedAmount: moneyColumn("unconverted_amount").notNull(),
    orders: integer("orders").notNull(),
    lines: integer("lines").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.month, t.ownerId, t.country, t.currency] }),
    // A rep's or a team's months without reading everyone else's.
    index("sales_monthly_owner_idx").on(t.workspaceId, t.ownerId, t.month),
  ],
);
