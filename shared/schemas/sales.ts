import { z } from "zod";
import { CurrencySchema } from "./common";

// The sales dashboard: confirmed orders (confirmed up to completed, not cancelled) counted in the
// month they were confirmed, in the workspace's time zone.

export const SALES_GROUPINGS = ["month", "country", "owner"] as const;
export type SalesGrouping = (typeof SALES_GROUPINGS)[number];

// The longest range one request may cover: three years of months.
export const MAX_SALES_MONTHS = 36;

const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "must be a month such as 2026-03" });

export const SalesReportQuerySchema = z.object({
  // Both default to the last 12 months up to the current one.
  from: MonthSchema.optional(),
  to: MonthSchema.optional(),
  groupBy: z.enum(SALES_GROUPINGS).default("month"),
  // Only orders in this currency.
  currency: CurrencySchema.optional(),
});
export type SalesReportQuery = z.infer<typeof SalesReportQuerySchema>;

// An amount in an order currency.
const CurrencyAmountSchema = z.object({ currency: z.string(), amount: z.string() });

const SalesFiguresSchema = z.object({
  orders: z.number().int(),
  lines: z.number().int(),
  // In the reporting currency, each order at the rate stored when it was confirmed.
  amount: z.string(),
  // Every order in its own currency, converted or not.
  byCurrency: z.array(CurrencyAmountSchema),
});

export const SalesRowSchema = SalesFiguresSchema.extend({
  // 2026-03 by month, the ISO country code by country, the user's id by owner.
  key: z.string(),
  // The month again, the country's English name, the owner's name.
  label: z.string(),
});
export type SalesRow = z.infer<typeof SalesRowSchema>;

export const SalesReportSchema = z.object({
  reportingCurrency: z.string(),
  groupBy: z.enum(SALES_GROUPINGS),
  from: z.string(),
  to: z.string(),
  // By month every month of the range in order, empty ones included; otherwise largest amount first.
  rows: z.array(SalesRowSchema),
  total: SalesFiguresSchema,
  // Orders confirmed when no rate to the reporting currency was known: in byCurrency, not in amount.
  unconverted: z.array(CurrencyAmountSchema),
});
export type SalesReport = z.infer<typeof SalesReportSchema>;
