import currencyCodes from "currency-codes";
import type { Locale } from "../../../../shared/schemas/common";
import type { ProductImportColumn, ProductImportField } from "../../../../shared/schemas/products";
import { headerKey } from "../imports/columns";
import type { HeaderRule } from "../imports/read-file";

type Field = Exclude<ProductImportField, "listPrice">;

// The spreadsheet columns of a product: the export writes the English or Chinese header, the import
// recognises both and the usual alternatives, so an exported file imports again as it is.
export const PRODUCT_COLUMNS: { field: Field; en: string; zh: string; aliases: string[] }[] = [
  {
    field: "sku",
    en: "SKU",
    zh: "货号",
    aliases: [
      "item no",
      "item number",
      "item code",
      "product code",
      "article no",
      "art no",
      "model no",
      "产品编号",
      "型号",
      "款号",
    ],
  },
  {
    field: "name",
    en: "Name",
    zh: "英文品名",
    aliases: ["product name", "english name", "name en", "英文名称", "英文名"],
  },
  { field: "nameZh", en: "Chinese name", zh: "中文品名", aliases: ["name zh", "品名", "中文名称", "中文名"] },
  { field: "description", en: "Description", zh: "描述", aliases: ["产品描述", "说明"] },
  {
    field: "category",
    en: "Category",
    zh: "类别",
    aliases: ["product category", "分类", "产品类别", "品类"],
  },
  {
    field: "hsCode",
    en: "HS code",
    zh: "海关编码",
    aliases: ["hs", "hscode", "customs code", "hs编码", "商品编码"],
  },
  { field: "unit", en: "Unit", zh: "单位", aliases: ["uom", "unit of measure", "计量单位"] },
  {
    field: "specifications",
    en: "Specifications",
    zh: "规格",
    aliases: ["specification", "specs", "规格参数"],
  },
  {
    field: "priceTiers",
    en: "Price tiers",
    zh: "阶梯价",
    aliases: ["tier prices", "quantity prices", "阶梯价格"],
  },
  {
    field: "costPrice",
    en: "Cost price",
    zh: "成本价",
    aliases: ["cost", "purchase price", "成本", "采购价"],
  },
  { field: "moq", en: "MOQ", zh: "起订量", aliases: ["minimum order quantity", "min order", "最小起订量"] },
  {
    field: "leadTimeDays",
    en: "Lead time (days)",
    zh: "交期 (天)",
    aliases: ["lead time", "lead time days", "交货期", "生产周期"],
  },
  {
    field: "unitsPerCarton",
    en: "Units per carton",
    zh: "装箱数",
    aliases: ["qty per carton", "pcs per carton", "pcs/ctn", "qty/ctn", "每箱数量"],
  },
  {
    field: "cartonLengthCm",
    en: "Carton length (cm)",
    zh: "外箱长 (cm)",
    aliases: ["carton length", "箱长"],
  },
  { field: "cartonWidthCm", en: "Carton width (cm)", zh: "外箱宽 (cm)", aliases: ["carton width", "箱宽"] },
  {
    field: "cartonHeightCm",
    en: "Carton height (cm)",
    zh: "外箱高 (cm)",
    aliases: ["carton height", "箱高"],
  },
  {
    field: "grossWeightKg",
    en: "Gross weight (kg)",
    zh: "毛重 (kg)",
    aliases: ["gross weight", "gw", "g w"],
  },
  { field: "netWeightKg", en: "Net weight (kg)", zh: "净重 (kg)", aliases: ["net weight", "nw", "n w"] },
  { field: "supplier", en: "Supplier", zh: "供应商", aliases: ["factory", "vendor", "工厂"] },
  { field: "status", en: "Status", zh: "状态", aliases: ["product status", "产品状态"] },
  {
    field: "lowStockThreshold",
    en: "Low-stock threshold",
    zh: "库存预警值",
    aliases: ["low stock threshold", "safety stock", "reorder point", "安全库存", "库存预警"],
  },
];

// "List price (USD)", "Price USD", "单价 (EUR)": a price header with an ISO currency code.
const PRICE_ALIASES = new Set(
  ["list price", "price", "unit price", "单价", "价格", "报价", "售价"].map(headerKey),
);
export const listPriceHeader = (currency: string, locale: Locale) =>
  `${locale === "zh-CN" ? "单价" : "List price"} (${currency})`;
export const costPriceHeader = (currency: string, locale: Locale) =>
  `${locale === "zh-CN" ? "成本价" : "Cost price"} (${currency})`;

const FIELD_BY_KEY = new Map<string, Field>();
for (const column of PRODUCT_COLUMNS) {
  for (const alias of [column.field, column.en, column.zh, ...column.aliases]) {
    FIELD_BY_KEY.set(headerKey(alias), column.field);
    FIELD_BY_KEY.set(headerKey(alias).replaceAll(" ", ""), column.field);
  }
}

// The currency code a header names, and the header without it.
function currencyIn(header: string): { currency: string; rest: string } | undefined {
  for (const match of header.matchAll(/[A-Za-z]{3}/g)) {
    const before = header[match.index - 1] ?? " ";
    const after = header[match.index + 3] ?? " ";
    if (/[A-Za-z]/.test(before) || /[A-Za-z]/.test(after)) continue;
    const currency = match[0].toUpperCase();
    if (currencyCodes.code(currency)) {
      return { currency, rest: header.slice(0, match.index) + header.slice(match.index + 3) };
    }
  }
  return undefined;
}

function detect(header: string): Omit<ProductImportColumn, "header"> {
  const named = currencyIn(header);
  if (named && PRICE_ALIASES.has(headerKey(named.rest)))
    return { field: "listPrice", currency: named.currency };
  const key = headerKey(header);
  const field = FIELD_BY_KEY.get(key) ?? FIELD_BY_KEY.get(key.replaceAll(" ", ""));
  if (field === "costPrice" && named) return { field, currency: named.currency };
  return { field: field ?? "ignore" };
}

// What each column fills; a field (or a currency's list price) named twice is read from the first.
export function resolveProductColumns(headers: string[]): ProductImportColumn[] {
  const taken = new Set<string>();
  return headers.map((header) => {
    const detected = detect(header);
    const slot = `${detected.field}:${detected.currency ?? ""}`;
    if (detected.field === "ignore" || taken.has(slot)) return { header, field: "ignore" };
    taken.add(slot);
    return { header, ...detected };
  });
}

export const PRODUCT_HEADER_RULE: HeaderRule = {
  isHeader: (cells) => resolveProductColumns(cells).some((column) => column.field === "sku"),
  missing: 'No header row with a SKU column was found in the first rows: name the column "SKU" or "货号"',
};
