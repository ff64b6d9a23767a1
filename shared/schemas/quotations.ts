import Decimal from "decimal.js";
import { z } from "zod";
import { CurrencySchema, IdSchema, PageQuerySchema, TimestampSchema } from "./common";
import { AmountSchema, PackingSchema, QuantitySchema } from "./products";

// The trade vocabulary shared by quotations, orders (PI) and the documents printed from them.
// Amounts, quantities and measures are decimal strings; percents and container fills are numbers.

export const INCOTERMS = [
  "EXW",
  "FCA",
  "CPT",
  "CIP",
  "DAP",
  "DPU",
  "DDP",
  "FAS",
  "FOB",
  "CFR",
  "CIF",
] as const;
export const INCOTERMS_VERSION = "2020";
export const IncotermSchema = z.enum(INCOTERMS, {
  message: `must be an Incoterm 2020: ${INCOTERMS.join(", ")}`,
});
export type Incoterm = z.infer<typeof IncotermSchema>;

export const PAYMENT_METHODS = ["TT", "LC", "DP", "DA", "OA", "other"] as const;
export const PAYMENT_DUE = ["on_confirmation", "before_shipment", "at_sight", "after_bl"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type PaymentDue = (typeof PAYMENT_DUE)[number];

export const DateSchema = z.iso.date({ message: "must be a date such as 2026-03-31" });

export const PercentSchema = z
  .number()
  .min(0, { message: "must be between 0 and 100" })
  .max(100, { message: "must be between 0 and 100" })
  .refine((value) => new Decimal(value).decimalPlaces() <= 2, { message: "must have at most 2 decimals" });

export const PaymentTermSchema = z
  .strictObject({
    method: z.enum(PAYMENT_METHODS),
    percent: PercentSchema.refine((value) => value > 0, { message: "must be more than 0" }),
    due: z.enum(PAYMENT_DUE),
    days: z.number().int().min(0).max(720).optional(),
    note: z.string().trim().max(200).optional(),
  })
  .refine((term) => term.due !== "after_bl" || term.days !== undefined, {
    message: "days is required when the instalment is due after the B/L date",
    path: ["days"],
  });
export type PaymentTerm = z.infer<typeof PaymentTermSchema>;

export const PaymentTermsSchema = z
  .array(PaymentTermSchema)
  .min(1, { message: "must have at least one instalment" })
  .max(10)
  .refine((terms) => terms.reduce((sum, term) => sum.plus(term.percent), new Decimal(0)).eq(100), {
    message: "the percents of the instalments must add up to 100",
  });

export const LineInputSchema = z
  .strictObject({
    productId: IdSchema.optional(),
    description: z.string().trim().min(1).max(1000).optional(),
    quantity: QuantitySchema,
    unit: z.string().trim().min(1).max(20).optional(),
    unitPrice: AmountSchema,
    discountPercent: PercentSchema.optional(),
  })
  .refine((line) => line.productId !== undefined || line.description !== undefined, {
    message: "a line needs a productId or a description",
    path: ["description"],
  });
export type LineInput = z.infer<typeof LineInputSchema>;

export const LinesSchema = z
  .array(LineInputSchema)
  .min(1, { message: "must have at least one line" })
  .max(500);

export const LineSchema = z.object({
  id: IdSchema,
  position: z.number().int(),
  productId: IdSchema.nullable(),
  sku: z.string().nullable(),
  description: z.string(),
  descriptionZh: z.string().nullable(),
  hsCode: z.string().nullable(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.string(),
  discountPercent: z.number(),
  lineTotal: z.string(),
  // The product's list price in the document currency when the line was priced, and how far the net
  // unit price is below it: what the approval rule compares with the workspace threshold.
  listPrice: z.string().nullable(),
  discountOffListPercent: z.number().nullable(),
  packing: PackingSchema.nullable(),
  cartons: z.number().int().nullable(),
  cbm: z.string().nullable(),
  grossWeightKg: z.string().nullable(),
  // Cost in the workspace currency: only for admins and managers.
  unitCost: z.string().nullable().optional(),
});
export type Line = z.infer<typeof LineSchema>;

export const CONTAINER_TYPES = ["20GP", "40GP", "40HQ"] as const;
export type ContainerType = (typeof CONTAINER_TYPES)[number];

export const ContainerEstimateSchema = z.object({
  cartons: z.number().int(),
  cbm: z.string(),
  grossWeightKg: z.string(),
  // Share of one container's usable capacity, by volume or weight whichever limits first:
  // 0.45 is under half a container, 2.3 needs three.
  fills: z.object({ "20GP": z.number(), "40GP": z.number(), "40HQ": z.number() }),
  // Lines without packing data (free text, or a product without packing) are not in the estimate.
  linesWithoutPacking: z.number().int(),
});
export type ContainerEstimate = z.infer<typeof ContainerEstimateSchema>;

// Only admins and managers see costs and margins. The margin needs the document and the cost in one
// currency (costs are in the workspace currency); otherwise amount and percent are null with a note.
export const MarginSchema = z.object({
  costTotal: z.string(),
  costCurrency: z.string(),
  amount: z.string().nullable(),
  percent: z.number().nullable(),
  note: z.string().nullable(),
});

export const commercialInputFields = {
  contactId: IdSchema.optional(),
  currency: CurrencySchema,
  incoterm: IncotermSchema,
  namedPlace: z.string().trim().min(1).max(200),
  paymentTerms: PaymentTermsSchema,
  leadTimeDays: z.number().int().min(0).max(3650).optional(),
  remarks: z.string().trim().max(5000).optional(),
  lines: LinesSchema,
};
export type CommercialInput = z.infer<z.ZodObject<typeof commercialInputFields>> & { customerId: string };

// Fields an edit may change; the customer of a document never changes (make a new one instead).
export const commercialUpdateFields = {
  contactId: IdSchema.nullable().optional(),
  currency: CurrencySchema.optional(),
  incoterm: IncotermSchema.optional(),
  namedPlace: commercialInputFields.namedPlace.optional(),
  paymentTerms: PaymentTermsSchema.optional(),
  leadTimeDays: z.number().int().min(0).max(3650).nullable().optional(),
  remarks: z.string().trim().max(5000).nullable().optional(),
  lines: LinesSchema.optional(),
};
export type CommercialUpdate = z.infer<z.ZodObject<typeof commercialUpdateFields>>;

export const PriceRequestSchema = z.strictObject({
  currency: CurrencySchema,
  lines: LinesSchema,
});

export const PriceResultSchema = z.object({
  lines: z.array(LineSchema.omit({ id: true })),
  subtotal: z.string(),
  discountTotal: z.string(),
  total: z.string(),
  containerEstimate: ContainerEstimateSchema,
});

export const commercialFields = {
  customerId: IdSchema,
  customerName: z.string(),
  contactId: IdSchema.nullable(),
  contactName: z.string().nullable(),
  ownerId: IdSchema,
  ownerName: z.string().nullable(),
  createdBy: IdSchema,
  currency: z.string(),
  incoterm: IncotermSchema,
  incotermVersion: z.string(),
  namedPlace: z.string(),
  paymentTerms: z.array(PaymentTermSchema),
  leadTimeDays: z.number().int().nullable(),
  remarks: z.string().nullable(),
  subtotal: z.string(),
  discountTotal: z.string(),
  total: z.string(),
  containerEstimate: ContainerEstimateSchema,
  margin: MarginSchema.optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
};

// ---- Quotations ----------------------------------------------------------------------------

export const QUOTATION_STATUSES = ["draft", "sent", "accepted", "rejected", "expired"] as const;
export const QuotationStatusSchema = z.enum(QUOTATION_STATUSES);
export type QuotationStatus = z.infer<typeof QuotationStatusSchema>;

export const CreateQuotationInputSchema = z.strictObject({
  customerId: IdSchema,
  ...commercialInputFields,
  validUntil: DateSchema,
});
export type CreateQuotationInput = z.infer<typeof CreateQuotationInputSchema>;

const quotationEditFields = { ...commercialUpdateFields, validUntil: DateSchema.optional() };

// A draft's fields can be edited; the status moves draft → sent → accepted | rejected (expired is
// set by the daily check). A quotation that was sent is changed by revising it.
export const UpdateQuotationInputSchema = z.strictObject({
  ...quotationEditFields,
  status: z.enum(["sent", "accepted", "rejected"]).optional(),
  statusReason: z.string().trim().min(1).max(1000).optional(),
});
export type UpdateQuotationInput = z.infer<typeof UpdateQuotationInputSchema>;

export const ReviseQuotationInputSchema = z.strictObject(quotationEditFields);
export type ReviseQuotationInput = z.infer<typeof ReviseQuotationInputSchema>;

const FieldChangeSchema = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
const LineDigestSchema = z.object({
  sku: z.string().nullable(),
  description: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPercent: z.number(),
  lineTotal: z.string(),
});

export const RevisionDiffSchema = z.object({
  fromRevision: z.number().int(),
  fromId: IdSchema,
  fields: z.array(FieldChangeSchema),
  linesAdded: z.array(LineDigestSchema),
  linesRemoved: z.array(LineDigestSchema),
  linesChanged: z.array(
    z.object({ sku: z.string().nullable(), description: z.string(), changes: z.array(FieldChangeSchema) }),
  ),
});
export type RevisionDiff = z.infer<typeof RevisionDiffSchema>;

export const QuotationSummarySchema = z.object({
  id: IdSchema,
  number: z.string(),
  revision: z.number().int(),
  // The number with its revision as printed: "QT-2026-0007" for the first, "QT-2026-0007-R2" after.
  reference: z.string(),
  status: QuotationStatusSchema,
  statusReason: z.string().nullable(),
  validUntil: DateSchema,
  latest: z.boolean(),
  previousRevisionId: IdSchema.nullable(),
  supersededById: IdSchema.nullable(),
  orderId: IdSchema.nullable(),
  sentAt: TimestampSchema.nullable(),
  decidedAt: TimestampSchema.nullable(),
  ...commercialFields,
});
export type QuotationSummary = z.infer<typeof QuotationSummarySchema>;

export const QuotationSchema = QuotationSummarySchema.extend({
  lines: z.array(LineSchema),
  // What changed against the previous revision; null for the first.
  changes: RevisionDiffSchema.nullable(),
});
export type Quotation = z.infer<typeof QuotationSchema>;

export const QuotationListQuerySchema = PageQuerySchema.extend({
  customerId: IdSchema.optional(),
  status: QuotationStatusSchema.optional(),
  ownerId: IdSchema.optional(),
  // Earlier revisions are hidden unless asked for.
  allRevisions: z.enum(["true", "false"]).optional(),
});
export type QuotationListQuery = z.infer<typeof QuotationListQuerySchema>;
