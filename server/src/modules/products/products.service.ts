import { and, asc, eq, gt, ilike, inArray, ne, type SQL, sql } from "drizzle-orm";
import type {
  CreateProductInput,
  ListPrice,
  Packing,
  PackingInput,
  PriceTier,
  Product,
  ProductImage,
  ProductListQuery,
  UpdateProductInput,
} from "../../../../shared/schemas/products";
import type { DbOrTx } from "../../db/client";
import { conflict, forbidden, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { iso } from "../../lib/dates";
import { Dec, formatDecimal, formatPrice, toDec } from "../../lib/money";
import { containsPattern } from "../../lib/scope";
import { recordAudit } from "../audit/audit.service";
import { checkLowStock, lowStockSql, stockTotals } from "../inventory/stock.service";
import { workspaces } from "../workspaces/workspaces.table";
import { productsScope, seesCost, seesStock } from "./products.policy";
import { productImages, productPrices, products, productWatchers } from "./products.table";

export type ProductRow = typeof products.$inferSelect;
type PriceValues = Pick<typeof productPrices.$inferSelect, "currency" | "minQuantity" | "amount">;
type ProductValues = Partial<typeof products.$inferInsert>;
// Who writes: a person, or an import job acting for one.
export type Writer = Pick<Actor, "workspaceId" | "role"> & { userId: string | null };

export const COST_FORBIDDEN = "Only admins, managers and finance can see or set cost prices";

export async function workspaceCurrency(db: DbOrTx, workspaceId: string): Promise<string> {
  const [row] = await db
    .select({ currency: workspaces.currency })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new Error("workspace not found");
  return row.currency;
}

// ---- Values -----------------------------------------------------------------------------------------

const CBM_PLACES = 6;

function packingColumns(packing: PackingInput | null) {
  if (!packing) {
    return {
      unitsPerCarton: null,
      cartonLengthCm: null,
      cartonWidthCm: null,
      cartonHeightCm: null,
      grossWeightKg: null,
      netWeightKg: null,
      cbmPerCarton: null,
    };
  }
  const cbm = toDec(packing.cartonLengthCm)
    .times(packing.cartonWidthCm)
    .times(packing.cartonHeightCm)
    .div(1_000_000)
    .toDecimalPlaces(CBM_PLACES, Dec.ROUND_HALF_UP);
  return {
    unitsPerCarton: packing.unitsPerCarton,
    cartonLengthCm: packing.cartonLengthCm,
    cartonWidthCm: packing.cartonWidthCm,
    cartonHeightCm: packing.cartonHeightCm,
    grossWeightKg: packing.grossWeightKg,
    netWeightKg: packing.netWeightKg,
    cbmPerCarton: cbm.toFixed(),
  };
}

export function packingOf(row: ProductValues): Packing | null {
  const { unitsPerCarton, cartonLengthCm, cartonWidthCm, cartonHeightCm, grossWeightKg, netWeightKg } = row;
  if (
    !unitsPerCarton ||
    !cartonLengthCm ||
    !cartonWidthCm ||
    !cartonHeightCm ||
    !grossWeightKg ||
    !netWeightKg ||
    !row.cbmPerCarton
  ) {
    return null;
  }
  return {
    unitsPerCarton,
    cartonLengthCm: formatDecimal(cartonLengthCm, 2),
    cartonWidthCm: formatDecimal(cartonWidthCm, 2),
    cartonHeightCm: formatDecimal(cartonHeightCm, 2),
    grossWeightKg: formatDecimal(grossWeightKg, 3),
    netWeightKg: formatDecimal(netWeightKg, 3),
    cbmPerCarton: formatDecimal(row.cbmPerCarton, CBM_PLACES),
  };
}

const isListPrice = (price: PriceValues) => toDec(price.minQuantity).isZero();

export function pricesOf(rows: PriceValues[]): { listPrices: ListPrice[]; priceTiers: PriceTier[] } {
  const sorted = [...rows].sort(
    (a, b) => a.currency.localeCompare(b.currency) || toDec(a.minQuantity).cmp(b.minQuantity),
  );
  return {
    listPrices: sorted
      .filter(isListPrice)
      .map((p) => ({ currency: p.currency, amount: formatPrice(p.amount, p.currency) })),
    priceTiers: sorted
      .filter((p) => !isListPrice(p))
      .map((p) => ({
        minQuantity: formatDecimal(p.minQuantity),
        currency: p.currency,
        amount: formatPrice(p.amount, p.currency),
      })),
  };
}

const searchTextOf = (values: { sku: string; name: string; nameZh: string | null }) =>
  [values.sku, values.name, values.nameZh].filter(Boolean).join(" ").toLowerCase();

const textOrNull = (value: string | null | undefined) => (value ? value : null);

// The columns an input sets; fields it leaves out are not touched.
function columnValues(input: UpdateProductInput, costCurrency: string): ProductValues {
  const values: ProductValues = {};
  if (input.sku !== undefined) values.sku = input.sku;
  if (input.name !== undefined) values.name = input.name;
  if (input.unit !== undefined) values.unit = input.unit;
  if (input.status !== undefined) values.status = input.status;
  if (input.specifications !== undefined) values.specifications = input.specifications;
  for (const key of ["nameZh", "description", "category", "hsCode", "supplier"] as const) {
    if (input[key] !== undefined) values[key] = textOrNull(input[key]);
  }
  if (input.moq !== undefined) values.moq = input.moq;
  if (input.leadTimeDays !== undefined) values.leadTimeDays = input.leadTimeDays;
  if (input.lowStockThreshold !== undefined) values.lowStockThreshold = input.lowStockThreshold;
  if (input.costPrice !== undefined) {
    values.costPrice = input.costPrice;
    values.costCurrency = input.costPrice === null ? null : costCurrency;
  }
  if (input.packing !== undefined) Object.assign(values, packingColumns(input.packing));
  return values;
}

function priceValues(listPrices: ListPrice[], priceTiers: PriceTier[]): PriceValues[] {
  return [
    ...listPrices.map((p) => ({ currency: p.currency, minQuantity: "0", amount: p.amount })),
    ...priceTiers.map((t) => ({ currency: t.currency, minQuantity: t.minQuantity, amount: t.amount })),
  ];
}

const nullableDecimal = (value: string | null | undefined) => (value ? formatDecimal(value) : null);

// Everything a person edits, normalised so that equal products compare equal: the basis of the audit
// trail and of "unchanged" in imports.
function snapshot(row: ProductValues, prices: PriceValues[]) {
  return {
    sku: row.sku,
    name: row.name,
    nameZh: row.nameZh ?? null,
    description: row.description ?? null,
    category: row.category ?? null,
    hsCode: row.hsCode ?? null,
    unit: row.unit,
    specifications: row.specifications ?? [],
    ...pricesOf(prices),
    costPrice: nullableDecimal(row.costPrice),
    moq: nullableDecimal(row.moq),
    leadTimeDays: row.leadTimeDays ?? null,
    packing: packingOf(row),
    supplier: row.supplier ?? null,
    status: row.status,
    lowStockThreshold: nullableDecimal(row.lowStockThreshold),
  };
}
type Snapshot = ReturnType<typeof snapshot>;

function changesBetween(before: Snapshot, after: Snapshot): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof Snapshot)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { from: before[key], to: after[key] };
    }
  }
  return changes;
}

// ---- Writing ----------------------------------------------------------------------------------------

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const candidate = e as Error & { code?: string };
    if (candidate.code === "23505" && candidate.message.includes(constraint)) return true;
  }
  return false;
}

async function skuTakenBy(
  db: DbOrTx,
  workspaceId: string,
  sku: string,
  exceptId?: string,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(
      productsScope(
        { workspaceId },
        sql`lower(${products.sku}) = lower(${sku})`,
        exceptId ? ne(products.id, exceptId) : undefined,
      ),
    );
  return row;
}

const skuConflict = (sku: string, existing?: { id: string; name: string }) =>
  conflict(
    existing
      ? `SKU ${sku} is already used by "${existing.name}" (SKUs are compared without case)`
      : `SKU ${sku} is already used by another product`,
    { field: "sku", productId: existing?.id },
  );

// Turns the database's refusal of a duplicate SKU (two writers at once) into the same 409.
async function guardSku<T>(sku: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (sku && isUniqueViolation(error, "products_sku_key")) throw skuConflict(sku);
    throw error;
  }
}

async function replacePrices(
  tx: DbOrTx,
  workspaceId: string,
  productId: string,
  kind: "list" | "tiers",
  prices: PriceValues[],
): Promise<void> {
  await tx
    .delete(productPrices)
    .where(
      and(
        eq(productPrices.workspaceId, workspaceId),
        eq(productPrices.productId, productId),
        kind === "list" ? eq(productPrices.minQuantity, "0") : gt(productPrices.minQuantity, "0"),
      ),
    );
  if (prices.length > 0) {
    await tx.insert(productPrices).values(prices.map((price) => ({ ...price, workspaceId, productId })));
  }
}

// Inserts a product whose SKU was found free; the caller holds the transaction.
export async function insertProduct(
  tx: DbOrTx,
  writer: Writer,
  input: CreateProductInput,
  costCurrency: string,
): Promise<string> {
  const values = columnValues(input, costCurrency);
  const [row] = await tx
    .insert(products)
    .values({
      ...values,
      workspaceId: writer.workspaceId,
      sku: input.sku,
      name: input.name,
      unit: input.unit,
      searchText: searchTextOf({ sku: input.sku, name: input.name, nameZh: values.nameZh ?? null }),
      createdBy: writer.userId,
    })
    .returning();
  if (!row) throw new Error("insert returned no product");
  const prices = priceValues(input.listPrices, input.priceTiers ?? []);
  if (prices.length > 0) {
    await tx
      .insert(productPrices)
      .values(prices.map((price) => ({ ...price, workspaceId: writer.workspaceId, productId: row.id })));
  }
  await recordAudit(tx, writer, {
    action: "product.created",
    entityType: "product",
    entityId: row.id,
    changes: changesBetween(snapshot({}, []), snapshot(row, prices)),
  });
  if (input.lowStockThreshold !== undefined) await checkLowStock(tx, writer.workspaceId, [row.id]);
  return row.id;
}

export type ProductPlan = {
  current: ProductRow;
  values: ProductValues;
  listPrices?: PriceValues[];
  priceTiers?: PriceValues[];
  changes: Record<string, { from: unknown; to: unknown }>;
};

// What an update would change, without writing: an empty `changes` means the product already is so.
export function planUpdate(
  current: ProductRow,
  currentPrices: PriceValues[],
  input: UpdateProductInput,
  costCurrency: string,
): ProductPlan {
  const values = columnValues(input, costCurrency);
  const currentList = currentPrices.filter(isListPrice);
  const currentTiers = currentPrices.filter((p) => !isListPrice(p));
  const listPrices = input.listPrices ? priceValues(input.listPrices, []) : undefined;
  const priceTiers = input.priceTiers ? priceValues([], input.priceTiers) : undefined;
  const after = snapshot({ ...current, ...values }, [
    ...(listPrices ?? currentList),
    ...(priceTiers ?? currentTiers),
  ]);
  return {
    current,
    values,
    listPrices,
    priceTiers,
    changes: changesBetween(snapshot(current, currentPrices), after),
  };
}

export async function applyUpdate(tx: DbOrTx, writer: Writer, plan: ProductPlan): Promise<void> {
  const { current, values } = plan;
  if (Object.keys(plan.changes).length === 0) return;
  const next = { ...current, ...values };
  await tx
    .update(products)
    .set({ ...values, searchText: searchTextOf(next), updatedAt: new Date() })
    .where(productsScope(writer, eq(products.id, current.id)));
  if (plan.listPrices && plan.changes.listPrices) {
    await replacePrices(tx, writer.workspaceId, current.id, "list", plan.listPrices);
  }
  if (plan.priceTiers && plan.changes.priceTiers) {
    await replacePrices(tx, writer.workspaceId, current.id, "tiers", plan.priceTiers);
  }
  await recordAudit(tx, writer, {
    action: "product.updated",
    entityType: "product",
    entityId: current.id,
    changes: plan.changes,
  });
  if (plan.changes.lowStockThreshold) await checkLowStock(tx, writer.workspaceId, [current.id]);
}

export async function pricesByProduct(
  db: DbOrTx,
  workspaceId: string,
  productIds: string[],
): Promise<Map<string, PriceValues[]>> {
  const byProduct = new Map<string, PriceValues[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const rows = await db
    .select()
    .from(productPrices)
    .where(and(eq(productPrices.workspaceId, workspaceId), inArray(productPrices.productId, productIds)));
  for (const row of rows) byProduct.get(row.productId)?.push(row);
  return byProduct;
}

function refuseCost(actor: Actor, input: { costPrice?: string | null }) {
  if (input.costPrice !== undefined && !seesCost(actor)) throw forbidden(COST_FORBIDDEN);
}

export async function createProduct(db: DbOrTx, actor: Actor, input: CreateProductInput): Promise<Product> {
  refuseCost(actor, input);
  const existing = await skuTakenBy(db, actor.workspaceId, input.sku);
  if (existing) throw skuConflict(input.sku, existing);
  const costCurrency = await workspaceCurrency(db, actor.workspaceId);
  const id = await guardSku(input.sku, () =>
    db.transaction((tx) => insertProduct(tx, actor, input, costCurrency)),
  );
  return getProduct(db, actor, id);
}

export async function findProductRow(db: DbOrTx, actor: Pick<Actor, "workspaceId">, id: string) {
  const [row] = await db
    .select()
    .from(products)
    .where(productsScope(actor, eq(products.id, id)));
  if (!row) throw notFound("Product");
  return row;
}

export async function updateProduct(
  db: DbOrTx,
  actor: Actor,
  id: string,
  input: UpdateProductInput,
): Promise<Product> {
  refuseCost(actor, input);
  const current = await findProductRow(db, actor, id);
  if (input.sku !== undefined && input.sku.toLowerCase() !== current.sku.toLowerCase()) {
    const existing = await skuTakenBy(db, actor.workspaceId, input.sku, id);
    if (existing) throw skuConflict(input.sku, existing);
  }
  const prices = (await pricesByProduct(db, actor.workspaceId, [id])).get(id) ?? [];
  const plan = planUpdate(current, prices, input, await workspaceCurrency(db, actor.workspaceId));
  await guardSku(input.sku, () => db.transaction((tx) => applyUpdate(tx, actor, plan)));
  return getProduct(db, actor, id);
}

// ---- Reading ----------------------------------------------------------------------------------------

export const imageUrl = (productId: string, imageId: string) =>
  `/api/products/${productId}/images/${imageId}`;

async function toProducts(db: DbOrTx, actor: Actor, rows: ProductRow[]): Promise<Product[]> {
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const [prices, images, stock, watched] = await Promise.all([
    pricesByProduct(db, actor.workspaceId, ids),
    db
      .select({
        id: productImages.id,
        productId: productImages.productId,
        contentType: productImages.contentType,
        byteSize: productImages.byteSize,
        createdAt: productImages.createdAt,
      })
      .from(productImages)
      .where(and(eq(productImages.workspaceId, actor.workspaceId), inArray(productImages.productId, ids)))
      .orderBy(asc(productImages.createdAt), asc(productImages.id)),
    seesStock(actor) ? stockTotals(db, actor.workspaceId, ids) : undefined,
    db
      .select({ productId: productWatchers.productId })
      .from(productWatchers)
      .where(
        and(
          eq(productWatchers.workspaceId, actor.workspaceId),
          eq(productWatchers.userId, actor.userId),
          inArray(productWatchers.productId, ids),
        ),
      ),
  ]);
  const watching = new Set(watched.map((w) => w.productId));
  const cost = seesCost(actor);
  return rows.map((row) => {
    const totals = stock?.get(row.id) ?? { onHand: new Dec(0), reserved: new Dec(0) };
    const available = totals.onHand.minus(totals.reserved);
    const productImagesOf: ProductImage[] = images
      .filter((image) => image.productId === row.id)
      .map((image) => ({
        id: image.id,
        contentType: image.contentType,
        byteSize: image.byteSize,
        url: imageUrl(row.id, image.id),
        createdAt: iso(image.createdAt),
      }));
    const product: Product = {
      id: row.id,
      ...snapshot(row, prices.get(row.id) ?? []),
      sku: row.sku,
      name: row.name,
      unit: row.unit,
      status: row.status,
      images: productImagesOf,
      watching: watching.has(row.id),
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    };
    if (cost) product.costCurrency = row.costCurrency ?? undefined;
    else delete product.costPrice;
    if (stock) {
      product.stock = {
        onHand: formatDecimal(totals.onHand),
        reserved: formatDecimal(totals.reserved),
        available: formatDecimal(available),
        low: row.lowStockThreshold !== null && available.lt(row.lowStockThreshold),
      };
    }
    return product;
  });
}

export async function getProduct(db: DbOrTx, actor: Actor, id: string): Promise<Product> {
  const [product] = await toProducts(db, actor, [await findProductRow(db, actor, id)]);
  if (!product) throw notFound("Product");
  return product;
}

const SORTS = {
  sku: sql`lower(${products.sku})`,
  name: sql`lower(${products.name})`,
  updatedAt: sql`${products.updatedAt}`,
  createdAt: sql`${products.createdAt}`,
} as const;

export function productListFilters(
  actor: Actor,
  query: Omit<ProductListQuery, "page" | "pageSize" | "sort">,
) {
  const filters: (SQL | undefined)[] = [];
  if (query.q) filters.push(ilike(products.searchText, containsPattern(query.q.toLowerCase())));
  if (query.category) filters.push(sql`lower(${products.category}) = lower(${query.category})`);
  if (query.status) filters.push(eq(products.status, query.status));
  if (query.lowStock === "true") filters.push(lowStockSql);
  if (query.lowStock === "false") filters.push(sql`not ${lowStockSql}`);
  return productsScope(actor, ...filters);
}

export function productOrder(sort: ProductListQuery["sort"]): SQL[] {
  const column = SORTS[sort.replace(/^-/, "") as keyof typeof SORTS];
  return [sort.startsWith("-") ? sql`${column} desc` : sql`${column} asc`, asc(products.id)];
}

export async function listProducts(
  db: DbOrTx,
  actor: Actor,
  query: ProductListQuery,
): Promise<{ items: Product[]; total: number; page: number; pageSize: number }> {
  const where = productListFilters(actor, query);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(products)
      .where(where)
      .orderBy(...productOrder(query.sort))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ count: sql<number>`count(*)::int` }).from(products).where(where),
  ]);
  return {
    items: await toProducts(db, actor, rows),
    total: Number(count?.count ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function listCategories(db: DbOrTx, actor: Actor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ category: products.category })
    .from(products)
    .where(productsScope(actor, sql`${products.category} is not null`))
    .orderBy(asc(products.category));
  return rows.flatMap((row) => (row.category ? [row.category] : []));
}

// ---- Watching ---------------------------------------------------------------------------------------

export async function setWatching(db: DbOrTx, actor: Actor, productId: string, watching: boolean) {
  await findProductRow(db, actor, productId);
  if (watching) {
    await db
      .insert(productWatchers)
      .values({ workspaceId: actor.workspaceId, productId, userId: actor.userId })
      .onConflictDoNothing();
  } else {
    await db
      .delete(productWatchers)
      .where(
        and(
          eq(productWatchers.workspaceId, actor.workspaceId),
          eq(productWatchers.productId, productId),
          eq(productWatchers.userId, actor.userId),
        ),
      );
  }
  return { watching };
}

// ---- For quotations and orders ---------------------------------------------------------------------

export type PricingProduct = {
  sku: string;
  name: string;
  nameZh: string | null;
  unit: string;
  status: string;
  listPrices: ListPrice[];
  priceTiers: PriceTier[];
  // In costCurrency (the workspace currency); callers decide who may see it.
  costPrice: string | null;
  costCurrency: string | null;
  moq: string | null;
  leadTimeDays: number | null;
  packing: Packing | null;
  hsCode: string | null;
};

// The products of a document's lines, keyed by id; ids of other workspaces or unknown are absent.
export async function getProductsForPricing(
  db: DbOrTx,
  workspaceId: string,
  productIds: string[],
): Promise<Map<string, PricingProduct>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(products)
    .where(productsScope({ workspaceId }, inArray(products.id, ids)));
  const prices = await pricesByProduct(
    db,
    workspaceId,
    rows.map((row) => row.id),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        sku: row.sku,
        name: row.name,
        nameZh: row.nameZh,
        unit: row.unit,
        status: row.status,
        ...pricesOf(prices.get(row.id) ?? []),
        costPrice: row.costPrice === null ? null : formatDecimal(row.costPrice),
        costCurrency: row.costCurrency,
        moq: nullableDecimal(row.moq),
        leadTimeDays: row.leadTimeDays,
        packing: packingOf(row),
        hsCode: row.hsCode,
      },
    ]),
  );
}
