import { and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import type {
  MovementKind,
  MovementQuery,
  StockAdjustmentInput,
  StockLevel,
  StockMovement,
  StockQuery,
} from "../../../../shared/schemas/inventory";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { conflict, fieldError, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { iso } from "../../lib/dates";
import { Dec, formatDecimal, sumDec, toDec } from "../../lib/money";
import { recordAudit } from "../audit/audit.service";
import { notify } from "../notifications/notifications.service";
import { products, productWatchers } from "../products/products.table";
import { users } from "../users/users.table";
import { inventoryScope } from "./inventory.policy";
import { stockLevels, stockMovements, stockReservations, warehouses } from "./inventory.table";
import { ensureDefaultWarehouse, findWarehouse, workspaceWarehouses } from "./warehouses.service";

// ---- The contract with orders and shipments --------------------------------------------------------
//
// Every change to on hand or reserved happens with the product's stock rows locked (SELECT … FOR
// UPDATE, always in product then warehouse order, so two transactions never wait on each other in a
// circle), and every function below expects to run inside the caller's transaction, so the stock and
// the order change commit or roll back together. The table's check constraints (reserved ≥ 0, on hand
// ≥ reserved) refuse anything that would make available stock negative, should a bug get this far.

export type StockLine = { productId: string; quantity: string };
// actorId and reason go to the stock ledger; without them the movement reads as done by the order.
export type ReservationRef = { orderId: string; actorId?: string | null; reason?: string | null };
export type DeductionRef = ReservationRef & { shipmentId: string };

export type Shortage = {
  productId: string;
  sku: string;
  name: string;
  requested: string;
  available: string;
};

type LevelRow = typeof stockLevels.$inferSelect;
type Level = { row: LevelRow; onHand: Dec; reserved: Dec; rank: number; changed: boolean };
type NewMovement = typeof stockMovements.$inferInsert;
type ProductInfo = { sku: string; name: string; unit: string };

const ZERO = new Dec(0);

function aggregate(lines: StockLine[]): Map<string, Dec> {
  const wanted = new Map<string, Dec>();
  lines.forEach((line, index) => {
    let quantity: Dec;
    try {
      quantity = toDec(line.quantity);
    } catch {
      throw fieldError(`lines.${index}.quantity`, "must be a decimal quantity");
    }
    if (quantity.lte(0)) throw fieldError(`lines.${index}.quantity`, "must be more than zero");
    wanted.set(line.productId, (wanted.get(line.productId) ?? ZERO).plus(quantity));
  });
  return wanted;
}

async function productInfo(
  db: DbOrTx,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, ProductInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: products.id, sku: products.sku, name: products.name, unit: products.unit })
    .from(products)
    .where(and(eq(products.workspaceId, workspaceId), inArray(products.id, ids)));
  const found = new Map(rows.map(({ id, ...info }) => [id, info]));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw fieldError("lines", `product ${missing} does not exist`);
  return found;
}

// Serialises the stock functions of one order, so a reservation, its release and a deduction never
// interleave and what the order holds can be read once.
async function lockOrder(tx: Tx, workspaceId: string, orderId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`stock-order:${workspaceId}:${orderId}`}))`);
}

// Locks every stock row of the products, in a stable order; the rows come back in the warehouses'
// priority order (default first), which is the order stock is taken in.
async function lockLevels(tx: Tx, workspaceId: string, productIds: string[]): Promise<Level[]> {
  if (productIds.length === 0) return [];
  const rows = await tx
    .select()
    .from(stockLevels)
    .where(inventoryScope(stockLevels, { workspaceId }, inArray(stockLevels.productId, productIds)))
    .orderBy(asc(stockLevels.productId), asc(stockLevels.warehouseId))
    .for("update");
  const priority = (await workspaceWarehouses(tx, workspaceId)).map((warehouse) => warehouse.id);
  return rows
    .map((row) => ({
      row,
      onHand: toDec(row.onHand),
      reserved: toDec(row.reserved),
      rank: priority.indexOf(row.warehouseId),
      changed: false,
    }))
    .sort((a, b) => a.rank - b.rank);
}

const levelsOf = (levels: Level[], productId: string) =>
  levels.filter((level) => level.row.productId === productId);
const availableOf = (levels: Level[]) => sumDec(levels.map((level) => level.onHand.minus(level.reserved)));

function move(
  level: Level,
  kind: MovementKind,
  change: { onHand: Dec; reserved: Dec },
  ref: Pick<NewMovement, "orderId" | "shipmentId" | "actorId" | "reason">,
): NewMovement {
  level.onHand = level.onHand.plus(change.onHand);
  level.reserved = level.reserved.plus(change.reserved);
  level.changed = true;
  return {
    ...ref,
    workspaceId: level.row.workspaceId,
    kind,
    productId: level.row.productId,
    warehouseId: level.row.warehouseId,
    onHandChange: change.onHand.toFixed(),
    reservedChange: change.reserved.toFixed(),
    onHandAfter: level.onHand.toFixed(),
    reservedAfter: level.reserved.toFixed(),
  };
}

async function saveLevels(tx: Tx, levels: Level[], movements: NewMovement[]) {
  for (const level of levels.filter((l) => l.changed)) {
    await tx
      .update(stockLevels)
      .set({ onHand: level.onHand.toFixed(), reserved: level.reserved.toFixed(), updatedAt: new Date() })
      .where(and(eq(stockLevels.workspaceId, level.row.workspaceId), eq(stockLevels.id, level.row.id)));
  }
  if (movements.length > 0) await tx.insert(stockMovements).values(movements);
}

function reservationsOf(tx: Tx, workspaceId: string, orderId: string) {
  return tx
    .select()
    .from(stockReservations)
    .where(inventoryScope(stockReservations, { workspaceId }, eq(stockReservations.orderId, orderId)))
    .orderBy(asc(stockReservations.productId), asc(stockReservations.warehouseId));
}

function shortageError(shortages: Shortage[]) {
  const list = shortages.map((s) => `${s.sku} (${s.requested} wanted, ${s.available} available)`).join(", ");
  return conflict(`Not enough stock: ${list}`, { shortages });
}

const sortedIds = (ids: Iterable<string>) => [...new Set(ids)].sort();

// Sets what the order holds to exactly these lines, taken from the default warehouse first, then the
// others. Reserving again (the order was edited) replaces the order's earlier reservation. Refuses
// with 409 and the short products when any line cannot be covered; nothing is reserved then.
export async function reserveStock(
  tx: Tx,
  workspaceId: string,
  lines: StockLine[],
  ref: ReservationRef,
): Promise<void> {
  const wanted = aggregate(lines);
  const info = await productInfo(tx, workspaceId, [...wanted.keys()]);
  await lockOrder(tx, workspaceId, ref.orderId);
  const held = await reservationsOf(tx, workspaceId, ref.orderId);
  const productIds = sortedIds([...wanted.keys(), ...held.map((r) => r.productId)]);
  const levels = await lockLevels(tx, workspaceId, productIds);
  const base = { orderId: ref.orderId, actorId: ref.actorId ?? null };
  const movements: NewMovement[] = [];
  for (const reservation of held) {
    const level = levels.find(
      (l) => l.row.productId === reservation.productId && l.row.warehouseId === reservation.warehouseId,
    );
    if (!level) throw new Error("a reservation without its stock row");
    movements.push(
      move(
        level,
        "release",
        { onHand: ZERO, reserved: toDec(reservation.quantity).neg() },
        { ...base, reason: "Replaced by a new reservation for the order" },
      ),
    );
  }

  const shortages: Shortage[] = [];
  for (const [productId, quantity] of wanted) {
    const available = availableOf(levelsOf(levels, productId));
    if (available.lt(quantity)) {
      const product = info.get(productId);
      shortages.push({
        productId,
        sku: product?.sku ?? productId,
        name: product?.name ?? "",
        requested: formatDecimal(quantity),
        available: formatDecimal(Dec.max(available, 0)),
      });
    }
  }
  if (shortages.length > 0) throw shortageError(shortages);

  const reservations: (typeof stockReservations.$inferInsert)[] = [];
  for (const [productId, quantity] of wanted) {
    let rest = quantity;
    for (const level of levelsOf(levels, productId)) {
      const take = Dec.min(rest, level.onHand.minus(level.reserved));
      if (take.lte(0)) continue;
      movements.push(
        move(level, "reservation", { onHand: ZERO, reserved: take }, { ...base, reason: ref.reason ?? null }),
      );
      reservations.push({
        workspaceId,
        orderId: ref.orderId,
        productId,
        warehouseId: level.row.warehouseId,
        quantity: take.toFixed(),
      });
      rest = rest.minus(take);
      if (rest.isZero()) break;
    }
  }
  await saveLevels(tx, levels, movements);
  if (held.length > 0) {
    await tx
      .delete(stockReservations)
      .where(inventoryScope(stockReservations, { workspaceId }, eq(stockReservations.orderId, ref.orderId)));
  }
  if (reservations.length > 0) await tx.insert(stockReservations).values(reservations);
  await checkLowStock(tx, workspaceId, productIds);
}

// Gives back everything the order holds (cancellation). Releasing twice is harmless.
export async function releaseStock(tx: Tx, workspaceId: string, ref: ReservationRef): Promise<void> {
  await lockOrder(tx, workspaceId, ref.orderId);
  const held = await reservationsOf(tx, workspaceId, ref.orderId);
  if (held.length === 0) return;
  const productIds = sortedIds(held.map((r) => r.productId));
  const levels = await lockLevels(tx, workspaceId, productIds);
  const movements = held.map((reservation) => {
    const level = levels.find(
      (l) => l.row.productId === reservation.productId && l.row.warehouseId === reservation.warehouseId,
    );
    if (!level) throw new Error("a reservation without its stock row");
    return move(
      level,
      "release",
      { onHand: ZERO, reserved: toDec(reservation.quantity).neg() },
      { orderId: ref.orderId, actorId: ref.actorId ?? null, reason: ref.reason ?? null },
    );
  });
  await saveLevels(tx, levels, movements);
  await tx
    .delete(stockReservations)
    .where(inventoryScope(stockReservations, { workspaceId }, eq(stockReservations.orderId, ref.orderId)));
  await checkLowStock(tx, workspaceId, productIds);
}

// Goods leave with a shipment: on hand goes down, first out of what the order reserved, then out of
// free stock when the shipment carries more than was reserved. A shipment is deducted once, however
// often it is posted.
export async function deductStock(
  tx: Tx,
  workspaceId: string,
  lines: StockLine[],
  ref: DeductionRef,
): Promise<void> {
  const wanted = aggregate(lines);
  const info = await productInfo(tx, workspaceId, [...wanted.keys()]);
  await lockOrder(tx, workspaceId, ref.orderId);
  const [already] = await tx
    .select({ id: stockMovements.id })
    .from(stockMovements)
    .where(
      inventoryScope(
        stockMovements,
        { workspaceId },
        eq(stockMovements.kind, "deduction"),
        eq(stockMovements.shipmentId, ref.shipmentId),
      ),
    )
    .limit(1);
  if (already) return;
  const productIds = sortedIds(wanted.keys());
  const levels = await lockLevels(tx, workspaceId, productIds);
  const held = (await reservationsOf(tx, workspaceId, ref.orderId)).map((row) => ({
    row,
    left: toDec(row.quantity),
  }));
  const heldAt = (level: Level) =>
    held.find((h) => h.row.productId === level.row.productId && h.row.warehouseId === level.row.warehouseId);

  const shortages: Shortage[] = [];
  for (const [productId, quantity] of wanted) {
    const own = levelsOf(levels, productId);
    const coverable = availableOf(own).plus(sumDec(own.map((level) => heldAt(level)?.left ?? ZERO)));
    if (coverable.lt(quantity)) {
      const product = info.get(productId);
      shortages.push({
        productId,
        sku: product?.sku ?? productId,
        name: product?.name ?? "",
        requested: formatDecimal(quantity),
        available: formatDecimal(coverable),
      });
    }
  }
  if (shortages.length > 0) throw shortageError(shortages);

  const movements: NewMovement[] = [];
  const base = {
    orderId: ref.orderId,
    shipmentId: ref.shipmentId,
    actorId: ref.actorId ?? null,
    reason: ref.reason ?? null,
  };
  for (const [productId, quantity] of wanted) {
    let rest = quantity;
    // Reserved stock first, everywhere, then free stock.
    for (const pass of ["reserved", "free"] as const) {
      for (const level of levelsOf(levels, productId)) {
        if (rest.isZero()) break;
        const reservation = heldAt(level);
        const room = pass === "reserved" ? (reservation?.left ?? ZERO) : level.onHand.minus(level.reserved);
        const take = Dec.min(rest, room);
        if (take.lte(0)) continue;
        if (pass === "reserved" && reservation) reservation.left = reservation.left.minus(take);
        movements.push(
          move(
            level,
            "deduction",
            { onHand: take.neg(), reserved: pass === "reserved" ? take.neg() : ZERO },
            base,
          ),
        );
        rest = rest.minus(take);
      }
    }
  }
  await saveLevels(tx, levels, movements);
  for (const { row, left } of held) {
    if (left.eq(toDec(row.quantity))) continue;
    const where = and(eq(stockReservations.workspaceId, workspaceId), eq(stockReservations.id, row.id));
    if (left.isZero()) await tx.delete(stockReservations).where(where);
    else
      await tx
        .update(stockReservations)
        .set({ quantity: left.toFixed(), updatedAt: new Date() })
        .where(where);
  }
  await checkLowStock(tx, workspaceId, productIds);
}

// ---- Low stock -------------------------------------------------------------------------------------

// Available stock of a product over all warehouses, as an SQL expression on the products row. The
// outer columns are spelt out: drizzle writes column references unqualified inside sql``, which the
// subquery would resolve to its own columns.
export const availableSql = sql<string>`coalesce((
  select sum(s.on_hand - s.reserved) from ${stockLevels} s
  where s.workspace_id = "products"."workspace_id" and s.product_id = "products"."id"), 0)`;

export const lowStockSql: SQL = sql`(${products.lowStockThreshold} is not null and ${availableSql} < ${products.lowStockThreshold})`;

// Tells the watchers of each product whose available stock is now below its threshold, once: the
// product remembers the alert until stock recovers. The conditional update makes concurrent changes
// alert once between them.
export async function checkLowStock(
  tx: DbOrTx,
  workspaceId: string,
  productIds: string[],
  now = new Date(),
): Promise<void> {
  if (productIds.length === 0) return;
  const rows = await tx
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      unit: products.unit,
      threshold: products.lowStockThreshold,
      alertedAt: products.lowStockAlertedAt,
      available: availableSql,
    })
    .from(products)
    .where(
      and(
        eq(products.workspaceId, workspaceId),
        inArray(products.id, productIds),
        or(isNotNull(products.lowStockThreshold), isNotNull(products.lowStockAlertedAt)),
      ),
    )
    .orderBy(asc(products.id));
  for (const row of rows) {
    const low = row.threshold !== null && toDec(row.available).lt(row.threshold);
    const scope = and(eq(products.workspaceId, workspaceId), eq(products.id, row.id));
    if (!low) {
      if (row.alertedAt) await tx.update(products).set({ lowStockAlertedAt: null }).where(scope);
      continue;
    }
    if (row.alertedAt) continue;
    const claimed = await tx
      .update(products)
      .set({ lowStockAlertedAt: now })
      .where(and(scope, isNull(products.lowStockAlertedAt)))
      .returning({ id: products.id });
    if (claimed.length === 0) continue;
    const watchers = await tx
      .select({ userId: productWatchers.userId })
      .from(productWatchers)
      .innerJoin(
        users,
        and(eq(users.workspaceId, productWatchers.workspaceId), eq(users.id, productWatchers.userId)),
      )
      .where(
        and(
          eq(productWatchers.workspaceId, workspaceId),
          eq(productWatchers.productId, row.id),
          eq(users.active, true),
        ),
      );
    const available = formatDecimal(row.available);
    const threshold = formatDecimal(row.threshold ?? 0);
    await notify(
      tx,
      watchers.map(({ userId }) => ({
        workspaceId,
        userId,
        type: "low_stock" as const,
        title: `Low stock: ${row.sku} ${row.name} — ${available} ${row.unit} available (threshold ${threshold})`,
        entityType: "product",
        entityId: row.id,
        data: { sku: row.sku, available, threshold },
      })),
    );
  }
}

// ---- Adjustments and reading -----------------------------------------------------------------------

function toStockMovement(
  row: typeof stockMovements.$inferSelect,
  names: { sku: string; warehouseName: string; actorName: string | null },
): StockMovement {
  return {
    id: row.id,
    kind: row.kind,
    productId: row.productId,
    sku: names.sku,
    warehouseId: row.warehouseId,
    warehouseName: names.warehouseName,
    onHandChange: formatDecimal(row.onHandChange),
    reservedChange: formatDecimal(row.reservedChange),
    onHandAfter: formatDecimal(row.onHandAfter),
    reservedAfter: formatDecimal(row.reservedAfter),
    availableAfter: formatDecimal(toDec(row.onHandAfter).minus(row.reservedAfter)),
    orderId: row.orderId,
    shipmentId: row.shipmentId,
    reason: row.reason,
    actorId: row.actorId,
    actorName: names.actorName,
    createdAt: iso(row.createdAt),
  };
}

// Goods received, counted, damaged: on hand changes by quantityChange, never below what orders have
// reserved (409 says how much may go).
export async function adjustStock(db: Db, actor: Actor, input: StockAdjustmentInput): Promise<StockMovement> {
  const workspaceId = actor.workspaceId;
  return db.transaction(async (tx) => {
    const [product] = await tx
      .select({ id: products.id, sku: products.sku, unit: products.unit })
      .from(products)
      .where(and(eq(products.workspaceId, workspaceId), eq(products.id, input.productId)));
    if (!product) throw notFound("Product");
    const warehouse = input.warehouseId
      ? await findWarehouse(tx, workspaceId, input.warehouseId)
      : await ensureDefaultWarehouse(tx, workspaceId);
    await tx
      .insert(stockLevels)
      .values({ workspaceId, productId: product.id, warehouseId: warehouse.id })
      .onConflictDoNothing();
    const levels = await lockLevels(tx, workspaceId, [product.id]);
    const level = levels.find((l) => l.row.warehouseId === warehouse.id);
    if (!level) throw new Error("the stock row was not created");
    const change = toDec(input.quantityChange);
    if (level.onHand.plus(change).lt(level.reserved)) {
      const [onHand, reserved] = [formatDecimal(level.onHand), formatDecimal(level.reserved)];
      const available = formatDecimal(level.onHand.minus(level.reserved));
      throw conflict(
        level.reserved.isZero()
          ? `${warehouse.name} holds only ${onHand} ${product.unit} of ${product.sku}: stock on hand cannot go below zero`
          : `At most ${available} ${product.unit} of ${product.sku} can be removed from ${warehouse.name}: ${onHand} on hand, ${reserved} reserved for orders`,
        { onHand, reserved, available },
      );
    }
    const values = move(
      level,
      "adjustment",
      { onHand: change, reserved: ZERO },
      { reason: input.reason, actorId: actor.userId },
    );
    await saveLevels(tx, levels, []);
    const [row] = await tx.insert(stockMovements).values(values).returning();
    if (!row) throw new Error("insert returned no movement");
    await recordAudit(tx, actor, {
      action: "stock.adjusted",
      entityType: "product",
      entityId: product.id,
      changes: {
        warehouseId: warehouse.id,
        quantityChange: formatDecimal(change),
        onHandAfter: formatDecimal(level.onHand),
        reason: input.reason,
      },
    });
    await checkLowStock(tx, workspaceId, [product.id]);
    return toStockMovement(row, { sku: product.sku, warehouseName: warehouse.name, actorName: actor.name });
  });
}

export async function listStock(
  db: DbOrTx,
  actor: Actor,
  query: StockQuery,
): Promise<{ items: StockLevel[]; total: number; page: number; pageSize: number }> {
  const where = inventoryScope(
    stockLevels,
    actor,
    query.productId ? eq(stockLevels.productId, query.productId) : undefined,
    query.warehouseId ? eq(stockLevels.warehouseId, query.warehouseId) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({
        level: stockLevels,
        sku: products.sku,
        productName: products.name,
        unit: products.unit,
        warehouseName: warehouses.name,
      })
      .from(stockLevels)
      .innerJoin(
        products,
        and(eq(products.workspaceId, stockLevels.workspaceId), eq(products.id, stockLevels.productId)),
      )
      .innerJoin(
        warehouses,
        and(eq(warehouses.workspaceId, stockLevels.workspaceId), eq(warehouses.id, stockLevels.warehouseId)),
      )
      .where(where)
      .orderBy(asc(sql`lower(${products.sku})`), desc(warehouses.isDefault), asc(warehouses.createdAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ count: sql<number>`count(*)::int` }).from(stockLevels).where(where),
  ]);
  return {
    items: rows.map(({ level, ...names }) => ({
      productId: level.productId,
      sku: names.sku,
      productName: names.productName,
      unit: names.unit,
      warehouseId: level.warehouseId,
      warehouseName: names.warehouseName,
      onHand: formatDecimal(level.onHand),
      reserved: formatDecimal(level.reserved),
      available: formatDecimal(toDec(level.onHand).minus(level.reserved)),
      updatedAt: iso(level.updatedAt),
    })),
    total: Number(count?.count ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function listMovements(
  db: DbOrTx,
  actor: Actor,
  query: MovementQuery,
): Promise<StockMovement[]> {
  const rows = await db
    .select({
      movement: stockMovements,
      sku: products.sku,
      warehouseName: warehouses.name,
      actorName: users.name,
    })
    .from(stockMovements)
    .innerJoin(
      products,
      and(eq(products.workspaceId, stockMovements.workspaceId), eq(products.id, stockMovements.productId)),
    )
    .innerJoin(
      warehouses,
      and(
        eq(warehouses.workspaceId, stockMovements.workspaceId),
        eq(warehouses.id, stockMovements.warehouseId),
      ),
    )
    .leftJoin(
      users,
      and(eq(users.workspaceId, stockMovements.workspaceId), eq(users.id, stockMovements.actorId)),
    )
    .where(
      inventoryScope(
        stockMovements,
        actor,
        query.productId ? eq(stockMovements.productId, query.productId) : undefined,
        query.warehouseId ? eq(stockMovements.warehouseId, query.warehouseId) : undefined,
        query.orderId ? eq(stockMovements.orderId, query.orderId) : undefined,
        query.kind ? eq(stockMovements.kind, query.kind) : undefined,
      ),
    )
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(query.limit);
  return rows.map(({ movement, ...names }) => toStockMovement(movement, names));
}

// On hand, reserved and available over all warehouses, for the products of a page.
export async function stockTotals(
  db: DbOrTx,
  workspaceId: string,
  productIds: string[],
): Promise<Map<string, { onHand: Dec; reserved: Dec }>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .select({
      productId: stockLevels.productId,
      onHand: sql<string>`sum(${stockLevels.onHand})`,
      reserved: sql<string>`sum(${stockLevels.reserved})`,
    })
    .from(stockLevels)
    .where(inventoryScope(stockLevels, { workspaceId }, inArray(stockLevels.productId, productIds)))
    .groupBy(stockLevels.productId);
  return new Map(
    rows.map((row) => [row.productId, { onHand: toDec(row.onHand), reserved: toDec(row.reserved) }]),
  );
}
