import { z } from "zod";
import {
  CurrencySchema,
  IdSchema,
  NameSchema,
  PageQuerySchema,
  TimestampSchema,
  TimeZoneSchema,
} from "./common";
import { isCountryCode } from "./countries";

export const CUSTOMER_SOURCES = [
  "trade_show",
  "website",
  "b2b_platform",
  "referral",
  "cold_outreach",
  "customs_data",
  "other",
] as const;
export const CUSTOMER_TIERS = ["A", "B", "C", "D"] as const;
export const CUSTOMER_STAGES = [
  "new",
  "contacted",
  "quoted",
  "sampled",
  "ordered",
  "repeat",
  "lost",
] as const;
export const ACTIVITY_TYPES = ["call", "email", "meeting", "visit", "im", "sample_sent", "note"] as const;

export const CustomerSourceSchema = z.enum(CUSTOMER_SOURCES);
export const CustomerTierSchema = z.enum(CUSTOMER_TIERS);
export const CustomerStageSchema = z.enum(CUSTOMER_STAGES);
export const ActivityTypeSchema = z.enum(ACTIVITY_TYPES);
export type CustomerSource = z.infer<typeof CustomerSourceSchema>;
export type CustomerTier = z.infer<typeof CustomerTierSchema>;
export type CustomerStage = z.infer<typeof CustomerStageSchema>;
export type ActivityType = z.infer<typeof ActivityTypeSchema>;

export const CountrySchema = z
  .string()
  .length(2, { message: "must be an ISO 3166-1 alpha-2 code such as DE" })
  .transform((value) => value.toUpperCase())
  .refine(isCountryCode, { message: "must be an ISO 3166-1 alpha-2 code such as DE" });

const optionalText = (max: number) => z.string().trim().max(max).optional();
const DecimalStringSchema = z
  .string()
  .regex(/^\d{1,14}(\.\d{1,4})?$/, { message: "must be a decimal amount such as 250000.00" });
const WebsiteSchema = z
  .string()
  .trim()
  .max(300)
  .regex(/^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i, { message: "must be a website such as acme.de" });

export const ContactInputSchema = z.strictObject({
  name: NameSchema,
  title: optionalText(200),
  email: z.email({ message: "must be an e-mail address" }).max(254).optional(),
  emails: z
    .array(z.email({ message: "must be an e-mail address" }).max(254))
    .max(10)
    .optional(),
  phone: z.string().trim().max(40).optional(),
  phones: z.array(z.string().trim().max(40)).max(10).optional(),
  whatsapp: optionalText(40),
  wechat: optionalText(100),
  linkedinUrl: z.url().max(300).optional(),
  preferredLanguage: optionalText(20),
  isPrimary: z.boolean().optional(),
  notes: optionalText(5000),
});
export type ContactInput = z.infer<typeof ContactInputSchema>;

export const ContactSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  name: z.string(),
  title: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  whatsapp: z.string().nullable(),
  wechat: z.string().nullable(),
  linkedinUrl: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  isPrimary: z.boolean(),
  notes: z.string().nullable(),
  createdAt: TimestampSchema,
});
export type Contact = z.infer<typeof ContactSchema>;

const customerFields = {
  name: NameSchema,
  localName: optionalText(200),
  country: CountrySchema,
  city: optionalText(100),
  address: optionalText(500),
  website: WebsiteSchema.optional(),
  phones: z.array(z.string().trim().max(40)).max(10).optional(),
  industry: optionalText(100),
  source: CustomerSourceSchema.optional(),
  tier: CustomerTierSchema.optional(),
  stage: CustomerStageSchema.optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
  productsOfInterest: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  estimatedAnnualPurchase: DecimalStringSchema.optional(),
  estimatedAnnualCurrency: CurrencySchema.optional(),
  notes: optionalText(10_000),
  timeZone: TimeZoneSchema.optional(),
};

export const CreateCustomerInputSchema = z.strictObject({
  ...customerFields,
  contacts: z.array(ContactInputSchema).max(20).optional(),
  // Only managers and admins may create a customer for someone else or straight into the pool.
  ownerId: IdSchema.nullable().optional(),
  confirmNotDuplicate: z.boolean().optional(),
});
export type CreateCustomerInput = z.infer<typeof CreateCustomerInputSchema>;

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

export const UpdateCustomerInputSchema = z.strictObject({
  name: NameSchema.optional(),
  localName: nullableText(200),
  country: CountrySchema.optional(),
  city: nullableText(100),
  address: nullableText(500),
  website: WebsiteSchema.nullable().optional(),
  phones: customerFields.phones,
  industry: nullableText(100),
  source: CustomerSourceSchema.nullable().optional(),
  tier: customerFields.tier,
  stage: customerFields.stage,
  tags: customerFields.tags,
  productsOfInterest: customerFields.productsOfInterest,
  estimatedAnnualPurchase: DecimalStringSchema.nullable().optional(),
  estimatedAnnualCurrency: CurrencySchema.nullable().optional(),
  notes: nullableText(10_000),
  timeZone: TimeZoneSchema.nullable().optional(),
  confirmNotDuplicate: z.boolean().optional(),
});
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerInputSchema>;

export const DuplicateMatchSchema = z.object({
  customerId: IdSchema,
  name: z.string(),
  country: z.string(),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  inPublicPool: z.boolean(),
  score: z.number(),
  exact: z.boolean(),
  reasons: z.array(z.string()),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatchSchema>;

export const DuplicateCheckInputSchema = z.strictObject({
  name: z.string().trim().max(200).optional(),
  website: z.string().trim().max(300).optional(),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(40).optional(),
  country: CountrySchema.optional(),
  excludeCustomerId: IdSchema.optional(),
});
export type DuplicateCheckInput = z.infer<typeof DuplicateCheckInputSchema>;
export const DuplicateCheckResultSchema = z.object({ matches: z.array(DuplicateMatchSchema) });

// What every user may learn about any customer: that it exists and who owns it.
export const CustomerCardSchema = z.object({
  id: IdSchema,
  access: z.literal("limited"),
  name: z.string(),
  country: z.string(),
  tier: CustomerTierSchema,
  stage: CustomerStageSchema,
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  inPublicPool: z.boolean(),
});
export type CustomerCard = z.infer<typeof CustomerCardSchema>;

export const CustomerSchema = CustomerCardSchema.extend({
  access: z.literal("full"),
  localName: z.string().nullable(),
  city: z.string().nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  emailDomains: z.array(z.string()),
  phones: z.array(z.string()),
  industry: z.string().nullable(),
  source: CustomerSourceSchema.nullable(),
  tags: z.array(z.string()),
  productsOfInterest: z.array(z.string()),
  estimatedAnnualPurchase: z.string().nullable(),
  estimatedAnnualCurrency: z.string().nullable(),
  notes: z.string().nullable(),
  collaboratorIds: z.array(IdSchema),
  timeZone: z.string().nullable(),
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  lastFollowUpAt: TimestampSchema.nullable(),
  nextFollowUpAt: TimestampSchema.nullable(),
  ownedSince: TimestampSchema.nullable(),
  // The day the pool clock runs out for a private customer; null in the pool.
  releaseDueAt: TimestampSchema.nullable(),
  primaryContact: z.object({ name: z.string(), email: z.string().nullable() }).nullable(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerListItemSchema = z.discriminatedUnion("access", [CustomerSchema, CustomerCardSchema]);
export type CustomerListItem = z.infer<typeof CustomerListItemSchema>;

export const LocalContextSchema = z.object({
  localTime: z.string(),
  timeZone: z.string(),
  isWeekend: z.boolean(),
  holiday: z.string().nullable(),
});
export const CustomerDetailSchema = z.discriminatedUnion("access", [
  CustomerSchema.extend({ contacts: z.array(ContactSchema), localContext: LocalContextSchema.nullable() }),
  CustomerCardSchema,
]);
export type CustomerDetail = z.infer<typeof CustomerDetailSchema>;

export const CUSTOMER_SORTS = [
  "updatedAt",
  "-updatedAt",
  "createdAt",
  "-createdAt",
  "name",
  "-name",
  "lastFollowUpAt",
  "-lastFollowUpAt",
  "nextFollowUpAt",
  "-nextFollowUpAt",
] as const;

export const CustomerListQuerySchema = PageQuerySchema.extend({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      "Words that begin words of the name, local name, website, contact names or e-mails (case and accents ignored); CJK text matches any part",
    ),
  scope: z.enum(["mine", "team", "pool", "all"]).default("all"),
  ownerId: IdSchema.optional(),
  tier: CustomerTierSchema.optional(),
  stage: CustomerStageSchema.optional(),
  country: CountrySchema.optional(),
  source: CustomerSourceSchema.optional(),
  tag: z.string().trim().max(50).optional(),
  createdFrom: z.iso.date().optional(),
  createdTo: z.iso.date().optional(),
  idleDays: z.coerce.number().int().min(0).max(3650).optional(),
  sort: z.enum(CUSTOMER_SORTS).default("-updatedAt"),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuerySchema>;

export const CustomerListSchema = z.object({
  items: z.array(CustomerListItemSchema),
  total: z.number().int(),
  // True when total was capped rather than counted exactly (very large results).
  totalIsEstimate: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const CreateFollowUpInputSchema = z.strictObject({
  type: ActivityTypeSchema,
  summary: z.string().trim().min(1, { message: "must not be empty" }).max(10_000),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  contactId: IdSchema.optional(),
  nextFollowUpAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateFollowUpInput = z.infer<typeof CreateFollowUpInputSchema>;

export const TimelineEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(["follow_up", "ownership", "edit", "contact"]),
  at: TimestampSchema,
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  type: z.string(),
  summary: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const ReleaseInputSchema = z.strictObject({
  reason: z.string().trim().min(1, { message: "must not be empty" }).max(500),
});
export const TransferInputSchema = z.strictObject({
  toUserId: IdSchema,
  reason: z.string().trim().max(500).optional(),
});
export const HandoverInputSchema = z.strictObject({
  fromUserId: IdSchema,
  toUserIds: z.array(IdSchema).min(1).max(50),
  mode: z.enum(["round-robin", "all-to-first"]).default("round-robin"),
  reason: z.string().trim().max(500).optional(),
});
export const HandoverResultSchema = z.object({
  moved: z.number().int(),
  assignments: z.array(z.object({ userId: IdSchema, count: z.number().int() })),
  // Open quotations (draft, sent) and orders (not completed or cancelled) that followed the customers.
  quotationsMoved: z.number().int(),
  ordersMoved: z.number().int(),
});
export const CollaboratorsInputSchema = z.strictObject({
  add: z.array(IdSchema).max(50).optional(),
  remove: z.array(IdSchema).max(50).optional(),
});

export const PoolSettingsSchema = z.object({
  releaseAfterDays: z.number().int().min(1).max(3650),
  maxPrivatePerRep: z.number().int().min(1).max(1_000_000),
  reclaimCooldownDays: z.number().int().min(0).max(3650),
});
export type PoolSettings = z.infer<typeof PoolSettingsSchema>;
export const UpdatePoolSettingsSchema = PoolSettingsSchema.partial().strict();

export const SavedViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
});
export const CreateSavedViewSchema = z.strictObject({
  name: NameSchema,
  filters: z.record(z.string(), z.unknown()),
});
