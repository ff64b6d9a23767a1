import { z } from "zod";
import { CurrencySchema, IdSchema, TimestampSchema } from "./common";
import { StoredRateSchema } from "./fx";
import { AmountSchema, PositiveAmountSchema } from "./products";
import { DateSchema, PAYMENT_DUE } from "./quotations";

export const RECEIVABLE_STATUSES = ["awaiting_event", "open", "overdue", "paid"] as const;
export type ReceivableStatus = (typeof RECEIVABLE_STATUSES)[number];

// One instalment of a confirmed order's payment schedule. Its id is the instalment's.
export const ReceivableSchema = z.object({
  id: IdSchema,
  orderId: IdSchema,
  orderNumber: z.string(),
  customerId: IdSchema,
  customerName: z.string(),
  ownerId: IdSchema,
  sequence: z.number().int(),
  currency: z.string(),
  amount: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  // Null while the event it depends on (confirmation, shipment, B/L) has not happened.
  dueDate: DateSchema.nullable(),
  dueRule: z.enum(PAYMENT_DUE),
  dueDays: z.number().int().nullable(),
  status: z.enum(RECEIVABLE_STATUSES),
});
export type Receivable = z.infer<typeof ReceivableSchema>;

const flag = z.enum(["true", "false"]).transform((value) => value === "true");

export const ReceivableListQuerySchema = z.object({
  customerId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  orderId: IdSchema.optional(),
  currency: CurrencySchema.optional(),
  overdue: flag.optional(),
  // The day "overdue" is judged on; today by default.
  asOf: DateSchema.optional(),
});
export type ReceivableListQuery = z.infer<typeof ReceivableListQuerySchema>;

export const CreatePaymentInputSchema = z.strictObject({
  customerId: IdSchema,
  amount: PositiveAmountSchema,
  currency: CurrencySchema,
  receivedAt: DateSchema,
  bankReference: z.string().trim().min(1).max(200).optional(),
  // What the banks kept: the account was credited with amount − bankCharges.
  bankCharges: AmountSchema.optional(),
  allocations: z
    .array(z.strictObject({ receivableId: IdSchema, amount: PositiveAmountSchema }))
    .max(200)
    .default([]),
});
export type CreatePaymentInput = z.infer<typeof CreatePaymentInputSchema>;

export const PaymentSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  amount: z.string(),
  currency: z.string(),
  receivedAt: DateSchema,
  bankReference: z.string().nullable(),
  bankCharges: z.string(),
  netReceived: z.string(),
  allocated: z.string(),
  // More than the receivables it settles: shown, never dropped.
  unallocated: z.string(),
  allocations: z.array(
    z.object({ receivableId: IdSchema, orderId: IdSchema, orderNumber: z.string(), amount: z.string() }),
  ),
  // Null only for payments recorded before rates were stored.
  fxRate: StoredRateSchema.nullable(),
  createdAt: TimestampSchema,
});
export type Payment = z.infer<typeof PaymentSchema>;

export const PaymentListQuerySchema = z.object({ customerId: IdSchema.optional() });

export const AGING_GROUPS = ["customer", "owner", "currency"] as const;
export const AgingQuerySchema = z.object({
  groupBy: z.enum(AGING_GROUPS).default("customer"),
  asOf: DateSchema.optional(),
});
const AgingAmounts = {
  current: z.string(),
  d1_30: z.string(),
  d31_60: z.string(),
  d61_90: z.string(),
  over90: z.string(),
  total: z.string(),
};
export const AgingReportSchema = z.object({
  reportingCurrency: z.string(),
  asOf: DateSchema,
  groups: z.array(z.object({ key: z.string(), label: z.string(), ...AgingAmounts })),
  // Receivables in a currency without a rate to the reporting currency are listed here, not guessed.
  unconverted: z.array(z.object({ currency: z.string(), outstanding: z.string() })),
});
export type AgingReport = z.infer<typeof AgingReportSchema>;
