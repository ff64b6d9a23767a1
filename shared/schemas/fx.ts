import { z } from "zod";
import { CurrencySchema, IdSchema } from "./common";
import { DateSchema } from "./quotations";

export const RateSchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,10})?$/, {
    message: 'must be a positive decimal such as "7.1234" (at most 10 decimals)',
  })
  .refine((value) => Number(value) > 0, { message: "must be more than zero" });

// One unit of base is worth `rate` units of quote on that date.
export const FxRateSchema = z.object({
  id: IdSchema,
  date: DateSchema,
  base: z.string(),
  quote: z.string(),
  rate: z.string(),
  source: z.string(),
});
export type FxRate = z.infer<typeof FxRateSchema>;

// The rate an order (at confirmation) or a payment (on the day received) was booked at: one unit of
// its currency in the reporting currency. rate is null, with a note, when no rate existed that day.
export const StoredRateSchema = z.object({
  reportingCurrency: z.string(),
  rate: z.string().nullable(),
  date: DateSchema,
  note: z.string().nullable(),
});
export type StoredRate = z.infer<typeof StoredRateSchema>;

export const CreateFxRateInputSchema = z
  .strictObject({ date: DateSchema, base: CurrencySchema, quote: CurrencySchema, rate: RateSchema })
  .refine((input) => input.base !== input.quote, { message: "must differ from base", path: ["quote"] });
export type CreateFxRateInput = z.infer<typeof CreateFxRateInputSchema>;

export const FxRateListQuerySchema = z.object({
  base: CurrencySchema.optional(),
  quote: CurrencySchema.optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
});

export const FxImportResultSchema = z.object({
  format: z.enum(["ecb", "simple"]),
  imported: z.number().int(),
  dates: z.number().int(),
  currencies: z.array(z.string()),
});

export const ConvertQuerySchema = z.object({
  from: CurrencySchema,
  to: CurrencySchema,
  date: DateSchema,
  amount: z.string().regex(/^-?\d{1,14}(\.\d{1,4})?$/, { message: "must be a decimal amount" }),
});
export const ConversionSchema = z.object({
  from: z.string(),
  to: z.string(),
  date: DateSchema,
  rate: z.string(),
  amount: z.string(),
  converted: z.string(),
});

export const FxExposureQuerySchema = z.object({ date: DateSchema.optional() });

const GainLoss = {
  currency: z.string(),
  // In the currency of the receivables.
  outstanding: z.string(),
  // In the reporting currency.
  atOrderRate: z.string(),
  atReportRate: z.string(),
  unrealised: z.string(),
};
export const FxExposureSchema = z.object({
  reportingCurrency: z.string(),
  date: DateSchema,
  open: z.array(z.object(GainLoss)),
  realised: z.array(
    z.object({
      ownerId: IdSchema,
      ownerName: z.string(),
      currency: z.string(),
      settled: z.string(),
      gainLoss: z.string(),
    }),
  ),
  // Receivables or payments whose currency has no rate to the reporting currency on the dates needed.
  missingRates: z.array(z.string()),
});
export type FxExposure = z.infer<typeof FxExposureSchema>;
