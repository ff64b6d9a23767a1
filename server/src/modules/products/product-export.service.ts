import { PassThrough } from "node:stream";
import { and, asc, eq } from "drizzle-orm";
import type { Product, ProductExportQuery } from "../../../../shared/schemas/products";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { recordAudit } from "../audit/audit.service";
import { csvWriter, xlsxWriter } from "../imports/export.service";
import { costPriceHeader, listPriceHeader, PRODUCT_COLUMNS } from "./product-columns";
import { formatSpecifications, formatTiers } from "./product-rows";
import { seesCost, seesStock } from "./products.policy";
import { listProducts, workspaceCurrency } from "./products.service";
import { productPrices } from "./products.table";

// Products read per page while the file is written.
const PAGE_SIZE = 200;
// Beyond this the view should be narrowed: an export is a file a person opens in Excel.
const EXPORT_CAP = 50_000;

type Column = { header: string; value: (product: Product) => string };

function columnsFor(actor: Actor, currencies: string[], costCurrency: string): Column[] {
  const zh = actor.locale === "zh-CN";
  const headerOf = (field: string) => {
    const column = PRODUCT_COLUMNS.find((c) => c.field === field);
    return (zh ? column?.zh : column?.en) ?? field;
  };
  const plain = (field: keyof Product & string, value: (p: Product) => string | null | undefined) => ({
    header: headerOf(field),
    value: (p: Product) => value(p) ?? "",
  });
  const pack = (
    field:
      | "unitsPerCarton"
      | "cartonLengthCm"
      | "cartonWidthCm"
      | "cartonHeightCm"
      | "grossWeightKg"
      | "netWeightKg",
  ) => ({
    header: headerOf(field),
    value: (p: Product) => (p.packing ? String(p.packing[field]) : ""),
  });
  const columns: Column[] = [
    plain("sku", (p) => p.sku),
    plain("name", (p) => p.name),
    plain("nameZh", (p) => p.nameZh),
    plain("category", (p) => p.category),
    plain("hsCode", (p) => p.hsCode),
    plain("unit", (p) => p.unit),
    ...currencies.map((currency) => ({
      header: listPriceHeader(currency, actor.locale),
      value: (p: Product) => p.listPrices.find((price) => price.currency === currency)?.amount ?? "",
    })),
    plain("priceTiers", (p) => formatTiers(p.priceTiers)),
  ];
  if (seesCost(actor)) {
    columns.push({ header: costPriceHeader(costCurrency, actor.locale), value: (p) => p.costPrice ?? "" });
  }
  columns.push(
    plain("moq", (p) => p.moq),
    plain("leadTimeDays", (p) => (p.leadTimeDays === null ? "" : String(p.leadTimeDays))),
    pack("unitsPerCarton"),
    pack("cartonLengthCm"),
    pack("cartonWidthCm"),
    pack("cartonHeightCm"),
    pack("grossWeightKg"),
    pack("netWeightKg"),
    // Computed, so an import ignores it.
    { header: zh ? "单箱体积 (CBM)" : "CBM per carton", value: (p) => p.packing?.cbmPerCarton ?? "" },
    plain("specifications", (p) => formatSpecifications(p.specifications)),
    plain("description", (p) => p.description),
    plain("supplier", (p) => p.supplier),
    plain("status", (p) => p.status),
    plain("lowStockThreshold", (p) => p.lowStockThreshold),
  );
  if (seesStock(actor)) {
    columns.push({ header: zh ? "可用库存" : "Available stock", value: (p) => p.stock?.available ?? "" });
  }
  return columns;
}

export type ProductExport = { stream: PassThrough; fileName: string; contentType: string };

// The list view (same filters and order as GET /api/products) as a spreadsheet. Cost prices only for
// the roles that see them; every cell is written as text that Excel will not run as a formula.
export async function exportProducts(
  db: DbOrTx,
  actor: Actor,
  query: ProductExportQuery,
  onError: (error: unknown) => void,
): Promise<ProductExport> {
  const { format, page: _page, pageSize: _pageSize, ...filters } = query;
  const first = await listProducts(db, actor, { ...filters, page: 1, pageSize: PAGE_SIZE });
  const total = Math.min(first.total, EXPORT_CAP);
  await recordAudit(db, actor, {
    action: "products.exported",
    entityType: "product",
    changes: { format, filters, rows: total },
  });
  // Currencies of the whole catalogue's list prices, so every page has the same columns.
  const currencies = await catalogueCurrencies(db, actor);
  const columns = columnsFor(actor, currencies, await workspaceCurrency(db, actor.workspaceId));
  const stream = new PassThrough();
  const writer = format === "csv" ? csvWriter(stream) : xlsxWriter(stream, "Products");
  const produce = async () => {
    await writer.write(columns.map((column) => column.header));
    let page = first;
    for (let pageNumber = 1, written = 0; written < total; pageNumber += 1) {
      if (pageNumber > 1)
        page = await listProducts(db, actor, { ...filters, page: pageNumber, pageSize: PAGE_SIZE });
      if (page.items.length === 0) break;
      for (const product of page.items.slice(0, total - written)) {
        await writer.write(columns.map((column) => column.value(product)));
      }
      written += page.items.length;
    }
    await writer.end();
  };
  produce().catch((error: unknown) => {
    onError(error);
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return {
    stream,
    fileName: `products-${stamp}.${format}`,
    contentType:
      format === "csv"
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
}

async function catalogueCurrencies(db: DbOrTx, actor: Actor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ currency: productPrices.currency })
    .from(productPrices)
    .where(and(eq(productPrices.workspaceId, actor.workspaceId), eq(productPrices.minQuantity, "0")))
    .orderBy(asc(productPrices.currency));
  return rows.map((row) => row.currency);
}
