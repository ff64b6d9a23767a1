import { z } from "zod";
import { IdSchema } from "./common";
import { DateSchema } from "./quotations";

export const CREDIT_LEVELS = ["ok", "warning", "over"] as const;

// Exposure: what the customer still owes on confirmed orders (every open receivable, whether due yet
// or not), in the limit's currency at the rates of the report day.
export const CreditLineSchema = z.object({
  customerId: IdSchema,
  customerName: z.string(),
  ownerId: IdSchema.nullable(),
  creditLimit: z.string(),
  currency: z.string(),
  exposure: z.string(),
  usedPercent: z.number(),
  // warning above 80% of the limit, over above 100%.
  level: z.enum(CREDIT_LEVELS),
  // Receivables whose currency has no rate to the limit's currency, not counted in exposure.
  unconverted: z.array(z.object({ currency: z.string(), outstanding: z.string() })),
});
export type CreditLine = z.infer<typeof CreditLineSchema>;

export const CreditReportQuerySchema = z.object({ date: DateSchema.optional() });
export const CreditReportSchema = z.object({ date: DateSchema, items: z.array(CreditLineSchema) });
export type CreditReport = z.infer<typeof CreditReportSchema>;
