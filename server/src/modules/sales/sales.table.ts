import { date, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { workspaceIdColumn } from "../../db/columns";
import { moneyColumn } from "../quotations/quotations.table";

// The figures every cell of a rollup holds. A function: each table needs its own column builders.
const cellFigures = () => ({
  // In the order currency, every order of the cell.
  amount: moneyColumn("amount").notNull(),
  // In the reporting currency at each order's stored rate; orders confirmed without a rate are
  // left out here and kept in unconvertedAmount (order currency) instead, so a cell mixing both
  // stays exact.
  reportingAmount: moneyColumn("reporting_amount").notNull(),
  unconvertedAmount: moneyColumn("unconverted_amount").notNull(),
  orders: integer("orders").notNull(),
  lines: integer("lines").notNull(),
});

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
    ...cellFigures(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.month, t.ownerId, t.country, t.currency] }),
    // A rep's or a team's months without reading everyone else's.
    index("sales_monthly_owner_idx").on(t.workspaceId, t.ownerId, t.month),
  ],
);

// The same sales summed over countries, and over reps: a workspace-wide dashboard of a year reads a few
// thousand of these instead of every cell of sales_monthly (150,000 at 1,000,000 customers). Kept in
// the statement that keeps sales_monthly, and rebuilt with it.
export const salesMonthlyByOwner = pgTable(
  "sales_monthly_by_owner",
  {
    workspaceId: workspaceIdColumn(),
    month: date("month", { mode: "string" }).notNull(),
    ownerId: uuid("owner_id").notNull(),
    currency: text("currency").notNull(),
    ...cellFigures(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.month, t.ownerId, t.currency] }),
    index("sales_monthly_by_owner_owner_idx").on(t.workspaceId, t.ownerId, t.month),
  ],
);

export const salesMonthlyByCountry = pgTable(
  "sales_monthly_by_country",
  {
    workspaceId: workspaceIdColumn(),
    month: date("month", { mode: "string" }).notNull(),
    country: text("country").notNull(),
    currency: text("currency").notNull(),
    ...cellFigures(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.month, t.country, t.currency] })],
);

export type RollupTable = typeof salesMonthly | typeof salesMonthlyByOwner | typeof salesMonthlyByCountry;
