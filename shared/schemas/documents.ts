import { z } from "zod";
import { CurrencySchema } from "./common";

// ---- Number series ---------------------------------------------------------------------------
// Tokens: {YYYY} or {YY} (the counter restarts each year), {MM} (restarts each month) and one run of
// #s for the counter, zero-padded to that width: QT-{YYYY}-{####} → QT-2026-0042.

export const NUMBER_PATTERN_RE = /^(?:[A-Za-z0-9_./-]|\{YYYY\}|\{YY\}|\{MM\}|\{#{1,10}\})+$/;

export const NumberPatternSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((value) => NUMBER_PATTERN_RE.test(value), {
    message: "may hold letters, digits, - _ . / and the tokens {YYYY}, {YY}, {MM}, {####}",
  })
  .refine((value) => (value.match(/\{#+\}/g) ?? []).length === 1, {
    message: "must hold exactly one counter token such as {####}",
  })
  .refine((value) => !value.includes("{MM}") || /\{YYYY\}|\{YY\}/.test(value), {
    message: "a pattern with {MM} needs {YYYY} or {YY} too, or numbers would repeat every year",
  });

export const NumberingSettingsSchema = z.object({
  quotation: z.string(),
  order: z.string(),
  // Commercial invoices of shipments (the packing list carries the same number).
  invoice: z.string(),
});
export type NumberingSettings = z.infer<typeof NumberingSettingsSchema>;

export const UpdateNumberingSettingsSchema = z.strictObject({
  quotation: NumberPatternSchema.optional(),
  order: NumberPatternSchema.optional(),
  invoice: NumberPatternSchema.optional(),
});

// ---- Letterhead --------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max);

export const BankAccountSchema = z.strictObject({
  // The account shown on documents in this currency; one without a currency serves the others.
  currency: CurrencySchema.optional(),
  beneficiary: text(200).min(1),
  bankName: text(200).min(1),
  bankAddress: text(500).optional(),
  accountNumber: text(60).min(1),
  swift: z
    .string()
    .trim()
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: "must be a SWIFT/BIC code such as BKCHCNBJ92A" })
    .optional(),
});
export type BankAccount = z.infer<typeof BankAccountSchema>;

// Responses carry plain strings: a schema with transforms cannot serialise.
const BankAccountOutSchema = z.object({
  currency: z.string().optional(),
  beneficiary: z.string(),
  bankName: z.string(),
  bankAddress: z.string().optional(),
  accountNumber: z.string(),
  swift: z.string().optional(),
});

export const CompanySettingsSchema = z.object({
  name: z.string(),
  localName: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  taxId: z.string().nullable(),
  bankAccounts: z.array(BankAccountOutSchema),
  // Whether a logo was uploaded (PUT /api/settings/company/logo).
  hasLogo: z.boolean(),
});
export type CompanySettings = z.infer<typeof CompanySettingsSchema>;

export const UpdateCompanySettingsSchema = z.strictObject({
  name: text(200).min(1).optional(),
  localName: text(200).nullable().optional(),
  address: text(1000).nullable().optional(),
  phone: text(60).nullable().optional(),
  email: z.email({ message: "must be an e-mail address" }).max(254).nullable().optional(),
  website: text(300).nullable().optional(),
  taxId: text(60).nullable().optional(),
  bankAccounts: z.array(BankAccountSchema).max(10).optional(),
});
export type UpdateCompanySettings = z.infer<typeof UpdateCompanySettingsSchema>;

export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
export const MAX_LOGO_BYTES = 1024 * 1024;
