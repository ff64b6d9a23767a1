import type { z } from "zod";
import {
  type CreateProductInput,
  CreateProductInputSchema,
  type ListPrice,
  type ProductImportColumn,
  type UpdateProductInput,
  UpdateProductInputSchema,
} from "../../../../shared/schemas/products";
import { Dec } from "../../lib/money";

// A spreadsheet row read into product fields. Empty cells leave a field as it is, so a file with only
// SKU and price columns updates prices and nothing else.
export type ParsedRow =
  | { ok: true; sku: string; fields: UpdateProductInput; listPrices: ListPrice[] }
  | { ok: false; sku: string; message: string };

const UNIT_WORDS: Record<string, string> = {
  pc: "pcs",
  piece: "pcs",
  pieces: "pcs",
  个: "pcs",
  只: "pcs",
  件: "pcs",
  sets: "set",
  套: "set",
  pairs: "pair",
  双: "pair",
  对: "pair",
  dozens: "dozen",
  打: "dozen",
  packs: "pack",
  包: "pack",
  boxes: "box",
  盒: "box",
  ctn: "carton",
  ctns: "carton",
  cartons: "carton",
  箱: "carton",
  bags: "bag",
  袋: "bag",
  rolls: "roll",
  卷: "roll",
  sheets: "sheet",
  张: "sheet",
  千克: "kg",
  公斤: "kg",
  克: "g",
  吨: "ton",
  tons: "ton",
  米: "m",
  meter: "m",
  meters: "m",
  平方米: "m2",
  sqm: "m2",
  立方米: "m3",
  cbm: "m3",
  升: "l",
  litre: "l",
  liter: "l",
};

const STATUS_WORDS: Record<string, string> = {
  在售: "active",
  正常: "active",
  停产: "discontinued",
  停售: "discontinued",
};

// Excel hands decimals over as binary floats (0.1 + 0.2 = 0.30000000000000004): noise beyond fifteen
// significant digits is dropped, a value with real extra decimals still fails validation.
function decimalCell(text: string): string {
  try {
    const value = new Dec(text);
    const cleaned = value.toSignificantDigits(15);
    return cleaned.decimalPlaces() < value.decimalPlaces() ? cleaned.toFixed() : text;
  } catch {
    return text;
  }
}

function integerCell(text: string): number | string {
  return /^\d+$/.test(decimalCell(text)) ? Number(decimalCell(text)) : text;
}

// "Power: 10W; Colour: warm white" (or one pair per line).
function specificationsCell(text: string) {
  return text
    .split(/[;\n；]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.search(/[:：]/);
      return at < 0
        ? { key: part, value: "" }
        : { key: part.slice(0, at).trim(), value: part.slice(at + 1).trim() };
    });
}

// "500+ USD 1.20; 1000+ USD 1.10": from 500 units USD 1.20 each.
const TIER = /^(\d+(?:\.\d+)?)\s*\+\s*([A-Za-z]{3})\s*(\d+(?:\.\d+)?)$/;
export const formatTiers = (tiers: { minQuantity: string; currency: string; amount: string }[]) =>
  tiers.map((tier) => `${tier.minQuantity}+ ${tier.currency} ${tier.amount}`).join("; ");
export const formatSpecifications = (specs: { key: string; value: string }[]) =>
  specs.map((spec) => (spec.value ? `${spec.key}: ${spec.value}` : spec.key)).join("; ");

type Cells = { column: ProductImportColumn; text: string }[];

function issueMessage(issues: z.core.$ZodIssue[], label: (path: PropertyKey[]) => string): string {
  return issues.map((issue) => `${label(issue.path)}: ${issue.message}`).join("; ");
}

export function parseProductRow(columns: ProductImportColumn[], texts: string[]): ParsedRow {
  const cells: Cells = columns
    .map((column, at) => ({ column, text: (texts[at] ?? "").trim() }))
    .filter((cell) => cell.text !== "");
  const raw: Record<string, unknown> = {};
  const listPrices: { currency: string; amount: string }[] = [];
  const packing: Record<string, unknown> = {};
  const tierErrors: string[] = [];
  for (const { column, text } of cells) {
    switch (column.field) {
      case "listPrice":
        listPrices.push({ currency: column.currency ?? "", amount: decimalCell(text) });
        break;
      case "unit": {
        const word = text.toLowerCase();
        raw.unit = UNIT_WORDS[word] ?? word;
        break;
      }
      case "status":
        raw.status = STATUS_WORDS[text] ?? text.toLowerCase();
        break;
      case "specifications":
        raw.specifications = specificationsCell(text);
        break;
      case "priceTiers":
        raw.priceTiers = text
          .split(/[;\n；]/)
          .map((part) => part.trim())
          .filter(Boolean)
          .map((part) => {
            const match = TIER.exec(part);
            if (!match) tierErrors.push(`"${part}" is not a tier such as "500+ USD 1.20"`);
            return match ? { minQuantity: match[1], currency: match[2], amount: match[3] } : {};
          });
        break;
      case "unitsPerCarton":
        packing.unitsPerCarton = integerCell(text);
        break;
      case "cartonLengthCm":
      case "cartonWidthCm":
      case "cartonHeightCm":
      case "grossWeightKg":
      case "netWeightKg":
        packing[column.field] = decimalCell(text);
        break;
      case "leadTimeDays":
        raw.leadTimeDays = integerCell(text);
        break;
      case "costPrice":
      case "moq":
      case "lowStockThreshold":
        raw[column.field] = decimalCell(text);
        break;
      case "ignore":
        break;
      default:
        raw[column.field] = text;
    }
  }
  const sku = typeof raw.sku === "string" ? raw.sku : "";
  const header = (field: string) => columns.find((column) => column.field === field)?.header ?? field;
  const fail = (message: string): ParsedRow => ({ ok: false, sku, message });
  if (!sku) return fail(`"${header("sku")}" is empty: every row needs a SKU`);
  if (tierErrors.length > 0) return fail(`${header("priceTiers")}: ${tierErrors.join("; ")}`);
  const packingFields = [
    "unitsPerCarton",
    "cartonLengthCm",
    "cartonWidthCm",
    "cartonHeightCm",
    "grossWeightKg",
    "netWeightKg",
  ];
  const packingGiven = packingFields.filter((field) => packing[field] !== undefined);
  if (packingGiven.length > 0 && packingGiven.length < packingFields.length) {
    const missing = packingFields.filter((field) => packing[field] === undefined).map(header);
    return fail(`Packing needs all six carton figures; missing: ${missing.join(", ")}`);
  }
  if (packingGiven.length > 0) raw.packing = packing;

  const parsed = UpdateProductInputSchema.safeParse({ ...raw, listPrices });
  if (!parsed.success) {
    return fail(
      issueMessage(parsed.error.issues, (path) => {
        const [field, index] = path;
        if (field === "listPrices" && typeof index === "number") {
          const currency = listPrices[index]?.currency ?? "";
          return (
            columns.find((c) => c.field === "listPrice" && c.currency === currency)?.header ?? "List price"
          );
        }
        if (field === "packing" && typeof path[1] === "string") return header(path[1]);
        return header(String(field));
      }),
    );
  }
  const { listPrices: prices = [], ...fields } = parsed.data;
  return { ok: true, sku: parsed.data.sku ?? sku, fields, listPrices: prices };
}

// A row for a product the workspace does not have yet: it needs what creation needs.
export function asNewProduct(
  row: Extract<ParsedRow, { ok: true }>,
  columns: ProductImportColumn[],
): { ok: true; input: CreateProductInput } | { ok: false; message: string } {
  const header = (field: string) => columns.find((column) => column.field === field)?.header;
  const missing = (["name", "unit"] as const).filter((field) => row.fields[field] === undefined);
  if (missing.length > 0) {
    const names = missing.map((field) => `"${header(field) ?? (field === "name" ? "Name" : "Unit")}"`);
    return {
      ok: false,
      message: `A new product needs ${names.join(" and ")}: the cell is empty or the column is missing`,
    };
  }
  const parsed = CreateProductInputSchema.safeParse({ ...row.fields, listPrices: row.listPrices });
  if (!parsed.success) {
    return {
      ok: false,
      message: issueMessage(parsed.error.issues, (path) => header(String(path[0])) ?? String(path[0])),
    };
  }
  return { ok: true, input: parsed.data };
}
