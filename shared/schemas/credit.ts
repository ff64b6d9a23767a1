import { z } from "zod";
import { CurrencySchema, IdSchema } from "./common";
import { AmountSchema } from "./products";
import { DateSchema } from "./quotations";

export const CREDIT_LEVELS = ["ok", "warning", "over"] as const;

const UnconvertedSchema = z.object({ currency: z.string(), outstanding: z.string() });

// Exposure: what the customer still owes on confirmed orders, in the limit's currency at the rates of
// the day. A confirmed order's whole amount is its payment schedule, so "confirmed but unpaid order
// amounts" (instalments whose event has not happened yet) and "open receivables" (instalments due or
// overdue) are the outstanding of every instalment of its confirmed orders, each counted once.
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
  unconverted: z.array(UnconvertedSchema),
});
export type CreditLine = z.infer<typeof CreditLineSchema>;

export const CreditReportQuerySchema = z.object({ date: DateSchema.optional() });
export const CreditReportSchema = z.object({ date: DateSchema, items: z.array(CreditLineSchema) });
export type CreditReport = z.infer<typeof CreditReportSchema>;

// Credit insurance (信保, e.g. Sinosure): the insurer's approved limit on this buyer.
export const CreditInsuranceSchema = z.object({
  insurer: z.string(),
  policyNumber: z.string().nullable(),
  approvedLimit: z.string().nullable(),
  currency: z.string().nullable(),
  expiresOn: DateSchema.nullable(),
});
export type CreditInsurance = z.infer<typeof CreditInsuranceSchema>;

export const CustomerCreditSchema = z.object({
  customerId: IdSchema,
  creditLimit: z.string().nullable(),
  currency: z.string().nullable(),
  insurance: CreditInsuranceSchema.nullable(),
  // Null when no limit is set; otherwise in the limit's currency at today's rates.
  exposure: z.string().nullable(),
  usedPercent: z.number().nullable(),
  level: z.enum(CREDIT_LEVELS).nullable(),
  // The insurance's expiry date is before today (in the workspace's time zone).
  insuranceExpired: z.boolean(),
  // Outstanding amounts with no rate to the limit's currency: not in exposure, listed instead.
  unconverted: z.array(UnconvertedSchema),
});
export type CustomerCredit = z.infer<typeof CustomerCreditSchema>;

const bothOrNeither = (a: unknown, b: unknown) =>
  (a === undefined) === (b === undefined) && (a === null) === (b === null);

// Replaces the insurance as a whole; null removes it.
export const CreditInsuranceInputSchema = z
  .strictObject({
    insurer: z.string().trim().min(1, { message: "must not be empty" }).max(200),
    policyNumber: z.string().trim().min(1).max(100).nullable().default(null),
    approvedLimit: AmountSchema.nullable().default(null),
    currency: CurrencySchema.nullable().default(null),
    expiresOn: DateSchema.nullable().default(null),
  })
  .refine((input) => (input.approvedLimit === null) === (input.currency === null), {
    message: "give both the approved limit and its currency, or neither",
    path: ["currency"],
  });
export type CreditInsuranceInput = z.infer<typeof CreditInsuranceInputSchema>;

// Limit and currency change together (null for both removes the limit); omitted fields stay.
export const UpdateCustomerCreditInputSchema = z
  .strictObject({
    creditLimit: AmountSchema.nullable().optional(),
    currency: CurrencySchema.nullable().optional(),
    insurance: CreditInsuranceInputSchema.nullable().optional(),
  })
  .refine((input) => bothOrNeither(input.creditLimit, input.currency), {
    message: "give both the credit limit and its currency, or null for both",
    path: ["currency"],
  });
export type UpdateCustomerCreditInput = z.infer<typeof UpdateCustomerCreditInputSchema>;
