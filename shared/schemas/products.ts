import { z } from "zod";
import { CurrencySchema, IdSchema, NameSchema, PageQuerySchema, TimestampSchema } from "./common";

export const PRODUCT_UNITS = [
  "pcs",
  "set",
  "pair",
  "dozen",
  "pack",
  "box",
  "carton",
  "bag",
  "roll",
  "sheet",
  "kg",
  "g",
  "ton",
  "m",
  "m2",
  "m3",
  "l",
] as const;
export const ProductUnitSchema = z.enum(PRODUCT_UNITS);
export type ProductUnit = z.infer<typeof ProductUnitSchema>;

export const PRODUCT_STATUSES = ["active", "discontinued"] as const;
export const ProductStatusSchema = z.enum(PRODUCT_STATUSES);
export type ProductStatus = z.infer<typeof ProductStatusSchema>;

// Amounts and quantities travel as decimal strings and are numeric(18,4) in the database. Quantities and
// measures are also accepted as JSON numbers, which is what people type; money only as strings, so no
// client rounds a price through a float.
const DECIMAL_4 = /^\d{1,14}(\.\d{1,4})?$/;
const isZero = (value: string) => /^0*(\.0*)?$/.test(value);

export const AmountSchema = z.string().trim().regex(DECIMAL_4, {
  message: 'must be a decimal amount as a string, such as "12.50" (at most 4 decimals)',
});
export const PositiveAmountSchema = AmountSchema.refine((value) => !isZero(value), {
  message: "must be more than zero",
});

const numberOrString = z.union([z.string(), z.number()]).transform((value) => String(value).trim());

// A decimal with at most `places` decimals, from a string or a number.
export function decimalInput(options: { places: number; positive?: boolean; signed?: boolean }) {
  const pattern = new RegExp(`^${options.signed ? "-?" : ""}\\d{1,14}(\\.\\d{1,${options.places}})?$`);
  return numberOrString
    .pipe(
      z.string().regex(pattern, {
        message: `must be a ${options.signed ? "" : "non-negative "}number with at most ${options.places} decimals`,
      }),
    )
    .refine((value) => !options.positive || !isZero(value.replace("-", "")), {
      message: "must not be zero",
    });
}

export const QuantitySchema = decimalInput({ places: 4, positive: true });

// Customs codes are written with dots and spaces ("9405.42.90.00"); stored as the digits.
export const HsCodeSchema = z
  .string()
  .transform((value) => value.replace(/[\s.]/g, ""))
  .pipe(
    z.string().regex(/^\d{6,10}$/, { message: "must have 6 to 10 digits, such as 9405.42 or 8539500000" }),
  );

export const SkuSchema = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._\-/#+]*$/u, {
    message: "may contain letters, digits, spaces and . _ - / # + and must start with a letter or digit",
  });

export const SpecificationSchema = z.strictObject({
  key: z.string().trim().min(1).max(100),
  value: z.string().trim().max(500),
});
export type Specification = z.infer<typeof SpecificationSchema>;

export const ListPriceSchema = z.strictObject({ currency: CurrencySchema, amount: PositiveAmountSchema });
export type ListPrice = z.infer<typeof ListPriceSchema>;

export const PriceTierSchema = z.strictObject({
  minQuantity: QuantitySchema,
  currency: CurrencySchema,
  amount: PositiveAmountSchema,
});
export type PriceTier = z.infer<typeof PriceTierSchema>;

const ListPricesSchema = z
  .array(ListPriceSchema)
  .max(20)
  .refine((prices) => new Set(prices.map((p) => p.currency)).size === prices.length, {
    message: "has the same currency twice: give one list price per currency",
  });
const PriceTiersSchema = z
  .array(PriceTierSchema)
  .max(50)
  .refine(
    (tiers) => new Set(tiers.map((t) => `${t.currency} ${Number(t.minQuantity)}`)).size === tiers.length,
    { message: "has the same currency and minimum quantity twice" },
  );

const cm = decimalInput({ places: 2, positive: true });
const kg = decimalInput({ places: 3, positive: true });

export const PackingInputSchema = z
  .strictObject({
    unitsPerCarton: z.number().int().min(1).max(1_000_000),
    cartonLengthCm: cm,
    cartonWidthCm: cm,
    cartonHeightCm: cm,
    grossWeightKg: kg,
    netWeightKg: kg,
  })
  .refine((packing) => Number(packing.netWeightKg) <= Number(packing.grossWeightKg), {
    path: ["netWeightKg"],
    message: "must not exceed the gross weight",
  })
  .refine(
    (packing) =>
      Number(packing.cartonLengthCm) <= 1000 &&
      Number(packing.cartonWidthCm) <= 1000 &&
      Number(packing.cartonHeightCm) <= 1000,
    { message: "carton sides must be at most 1000 cm" },
  );
export type PackingInput = z.infer<typeof PackingInputSchema>;

export const PackingSchema = z.object({
  unitsPerCarton: z.number().int(),
  cartonLengthCm: z.string(),
  cartonWidthCm: z.string(),
  cartonHeightCm: z.string(),
  grossWeightKg: z.string(),
  netWeightKg: z.string(),
  // Computed by the server from the carton sides: cubic metres per carton.
  cbmPerCarton: z.string(),
});
export type Packing = z.infer<typeof PackingSchema>;

const text = (max: number) => z.string().trim().max(max);

// The fields a product is created with; the contract's required ones are sku, name, unit and listPrices.
const productFields = {
  sku: SkuSchema,
  name: NameSchema,
  nameZh: text(200),
  description: text(5000),
  category: text(100),
  hsCode: HsCodeSchema,
  unit: ProductUnitSchema,
  specifications: z.array(SpecificationSchema).max(50),
  listPrices: ListPricesSchema,
  priceTiers: PriceTiersSchema,
  // In the workspace currency; only admin, manager and finance may see or set it.
  costPrice: AmountSchema,
  moq: QuantitySchema,
  leadTimeDays: z.number().int().min(0).max(730),
  packing: PackingInputSchema,
  supplier: text(200),
  status: ProductStatusSchema,
  lowStockThreshold: decimalInput({ places: 4 }),
};

export const CreateProductInputSchema = z.strictObject({
  sku: productFields.sku,
  name: productFields.name,
  nameZh: productFields.nameZh.optional(),
  description: productFields.description.optional(),
  category: productFields.category.optional(),
  hsCode: productFields.hsCode.optional(),
  unit: productFields.unit,
  specifications: productFields.specifications.optional(),
  listPrices: productFields.listPrices,
  priceTiers: productFields.priceTiers.optional(),
  costPrice: productFields.costPrice.optional(),
  moq: productFields.moq.optional(),
  leadTimeDays: productFields.leadTimeDays.optional(),
  packing: productFields.packing.optional(),
  supplier: productFields.supplier.optional(),
  status: productFields.status.optional(),
  lowStockThreshold: productFields.lowStockThreshold.optional(),
});
export type CreateProductInput = z.infer<typeof CreateProductInputSchema>;

// Every field may be changed; null clears an optional one.
export const UpdateProductInputSchema = z.strictObject({
  sku: productFields.sku.optional(),
  name: productFields.name.optional(),
  nameZh: productFields.nameZh.nullable().optional(),
  description: productFields.description.nullable().optional(),
  category: productFields.category.nullable().optional(),
  hsCode: productFields.hsCode.nullable().optional(),
  unit: productFields.unit.optional(),
  specifications: productFields.specifications.optional(),
  listPrices: productFields.listPrices.optional(),
  priceTiers: productFields.priceTiers.optional(),
  costPrice: productFields.costPrice.nullable().optional(),
  moq: productFields.moq.nullable().optional(),
  leadTimeDays: productFields.leadTimeDays.nullable().optional(),
  packing: productFields.packing.nullable().optional(),
  supplier: productFields.supplier.nullable().optional(),
  status: productFields.status.optional(),
  lowStockThreshold: productFields.lowStockThreshold.nullable().optional(),
});
export type UpdateProductInput = z.infer<typeof UpdateProductInputSchema>;

export const ProductImageSchema = z.object({
  id: IdSchema,
  contentType: z.string(),
  byteSize: z.number().int(),
  url: z.string(),
  createdAt: TimestampSchema,
});
export type ProductImage = z.infer<typeof ProductImageSchema>;

export const StockSummarySchema = z.object({
  onHand: z.string(),
  reserved: z.string(),
  available: z.string(),
  // Available stock is below the product's low-stock threshold.
  low: z.boolean(),
});
export type StockSummary = z.infer<typeof StockSummarySchema>;

export const ProductSchema = z.object({
  id: IdSchema,
  sku: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  hsCode: z.string().nullable(),
  unit: ProductUnitSchema,
  specifications: z.array(z.object({ key: z.string(), value: z.string() })),
  listPrices: z.array(z.object({ currency: z.string(), amount: z.string() })),
  priceTiers: z.array(z.object({ minQuantity: z.string(), currency: z.string(), amount: z.string() })),
  // Present only for admin, manager and finance.
  costPrice: z.string().nullable().optional(),
  costCurrency: z.string().optional(),
  moq: z.string().nullable(),
  leadTimeDays: z.number().int().nullable(),
  packing: PackingSchema.nullable(),
  supplier: z.string().nullable(),
  status: ProductStatusSchema,
  lowStockThreshold: z.string().nullable(),
  images: z.array(ProductImageSchema),
  // Totals over all warehouses; present for roles that may read stock.
  stock: StockSummarySchema.optional(),
  // Whether the caller is told when stock runs low.
  watching: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Product = z.infer<typeof ProductSchema>;

export const PRODUCT_SORTS = [
  "sku",
  "-sku",
  "name",
  "-name",
  "updatedAt",
  "-updatedAt",
  "createdAt",
  "-createdAt",
] as const;

export const ProductListQuerySchema = PageQuerySchema.extend({
  // Searches SKU, English and Chinese name.
  q: z.string().trim().max(200).optional(),
  category: z.string().trim().max(100).optional(),
  status: ProductStatusSchema.optional(),
  lowStock: z.enum(["true", "false"]).optional(),
  sort: z.enum(PRODUCT_SORTS).default("sku"),
});
export type ProductListQuery = z.infer<typeof ProductListQuerySchema>;

export const ProductListSchema = z.object({
  items: z.array(ProductSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ProductExportQuerySchema = ProductListQuerySchema.extend({
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
});
export type ProductExportQuery = z.infer<typeof ProductExportQuerySchema>;

export const WatchStateSchema = z.object({ watching: z.boolean() });

// ---- Import ----------------------------------------------------------------------------------------

// What a spreadsheet column can fill. List prices come one column per currency ("List price USD").
export const PRODUCT_IMPORT_FIELDS = [
  "sku",
  "name",
  "nameZh",
  "description",
  "category",
  "hsCode",
  "unit",
  "specifications",
  "listPrice",
  "priceTiers",
  "costPrice",
  "moq",
  "leadTimeDays",
  "unitsPerCarton",
  "cartonLengthCm",
  "cartonWidthCm",
  "cartonHeightCm",
  "grossWeightKg",
  "netWeightKg",
  "supplier",
  "status",
  "lowStockThreshold",
] as const;
export const ProductImportFieldSchema = z.enum(PRODUCT_IMPORT_FIELDS);
export type ProductImportField = z.infer<typeof ProductImportFieldSchema>;

export const ProductImportColumnSchema = z.object({
  header: z.string(),
  field: z.union([ProductImportFieldSchema, z.literal("ignore")]),
  // For a list price column: its currency.
  currency: z.string().optional(),
});
export type ProductImportColumn = z.infer<typeof ProductImportColumnSchema>;

export const PRODUCT_IMPORT_OUTCOMES = ["created", "updated", "unchanged", "error"] as const;
export const ProductImportOutcomeSchema = z.enum(PRODUCT_IMPORT_OUTCOMES);
export type ProductImportOutcome = z.infer<typeof ProductImportOutcomeSchema>;

// One row of the file and what became of it; in a dry run, what would become of it.
export const ProductImportRowResultSchema = z.object({
  row: z.number().int(),
  outcome: ProductImportOutcomeSchema,
  sku: z.string(),
  productId: IdSchema.optional(),
  // The fields an update changes.
  changed: z.array(z.string()).optional(),
  message: z.string().optional(),
});
export type ProductImportRowResult = z.infer<typeof ProductImportRowResultSchema>;

export const ProductImportQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  outcome: ProductImportOutcomeSchema.optional(),
});

export const ProductImportSchema = z.object({
  id: IdSchema,
  kind: z.literal("products"),
  status: z.enum(["queued", "running", "done", "failed"]),
  dryRun: z.boolean(),
  fileName: z.string(),
  columns: z.array(ProductImportColumnSchema),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  results: z.array(ProductImportRowResultSchema).optional(),
  failure: z.string().nullable(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
});
export type ProductImport = z.infer<typeof ProductImportSchema>;
