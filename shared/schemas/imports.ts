import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common";
import { CustomerListQuerySchema } from "./customers";

// The customer fields a spreadsheet column can fill. "email" and "phone" go to the row's contact when
// it has one (a contact name or an e-mail), otherwise the phone is the company's.
export const IMPORT_FIELDS = [
  "name",
  "localName",
  "country",
  "city",
  "address",
  "website",
  "email",
  "phone",
  "contactName",
  "title",
  "industry",
  "tier",
  "stage",
  "source",
  "tags",
  "notes",
] as const;
export const ImportFieldSchema = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportFieldSchema>;

// A column header of the file → the field it fills, or "ignore". Overrides the automatic detection for
// the headers it names; the other columns are still detected.
export const ImportMappingSchema = z.record(
  z.string().max(200),
  z.union([ImportFieldSchema, z.literal("ignore")]),
);
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

// "me", "pool" (managers and admins) or a user id (managers and admins, unless it is yourself).
export const ImportAssignToSchema = z.union([z.literal("me"), z.literal("pool"), IdSchema]);

// The text fields sent beside the file in the multipart upload.
export const ImportUploadFieldsSchema = z.object({
  dryRun: z.enum(["true", "false"], { message: 'must be "true" or "false"' }).default("false"),
  assignTo: ImportAssignToSchema.default("me"),
  mapping: z
    .string()
    .max(50_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON object" });
        return z.NEVER;
      }
    })
    .pipe(ImportMappingSchema)
    .optional(),
});

export const ImportAcceptedSchema = z.object({ importId: IdSchema });

export const ImportColumnSchema = z.object({
  header: z.string(),
  field: z.union([ImportFieldSchema, z.literal("ignore")]),
});
export type ImportColumn = z.infer<typeof ImportColumnSchema>;

export const IMPORT_OUTCOMES = ["created", "duplicate", "error"] as const;
export const ImportOutcomeSchema = z.enum(IMPORT_OUTCOMES);

// One row of the file and what became of it. In a dry run "created" means "would be created".
export const ImportRowResultSchema = z.object({
  // Spreadsheet row number: the header is row 1.
  row: z.number().int(),
  outcome: ImportOutcomeSchema,
  name: z.string(),
  customerId: IdSchema.optional(),
  message: z.string().optional(),
  // The customer (or earlier row of the same file) this row duplicates.
  duplicateOf: z
    .object({
      customerId: IdSchema.nullable(),
      name: z.string(),
      ownerName: z.string().nullable(),
      inPublicPool: z.boolean(),
      row: z.number().int().nullable(),
      reason: z.string(),
    })
    .optional(),
});
export type ImportRowResult = z.infer<typeof ImportRowResultSchema>;

export const ImportErrorSchema = z.object({ row: z.number().int(), message: z.string() });

export const ImportQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  outcome: ImportOutcomeSchema.optional(),
});

export const ImportSchema = z.object({
  id: IdSchema,
  status: z.enum(["queued", "running", "done", "failed"]),
  dryRun: z.boolean(),
  fileName: z.string(),
  ownerId: IdSchema.nullable(),
  columns: z.array(ImportColumnSchema),
  total: z.number().int(),
  processed: z.number().int(),
  // New customers (in a dry run: that would be created), rows skipped as duplicates, rows refused.
  created: z.number().int(),
  duplicates: z.number().int(),
  errorCount: z.number().int(),
  // The first errors, in row order; every one of them is also among the results.
  errors: z.array(ImportErrorSchema),
  // Per-row outcomes once the import is done: the page from offset, optionally of one outcome.
  results: z.array(ImportRowResultSchema).optional(),
  failure: z.string().nullable(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
});
export type Import = z.infer<typeof ImportSchema>;

// The list filters of GET /api/customers, so "export" reproduces the view on screen; page and
// pageSize are accepted and ignored (the export holds the whole view, up to its cap).
export const CustomerExportQuerySchema = CustomerListQuerySchema.extend({
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
});
export type CustomerExportQuery = z.infer<typeof CustomerExportQuerySchema>;
