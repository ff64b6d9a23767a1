import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";
import { AppError } from "../../lib/app-error";
import { users } from "../users/users.table";
import { stockLevels } from "./inventory.table";
import { deductStock, releaseStock, reserveStock, type StockLine } from "./stock.service";

let t: TestApp;
let admin: Client;
let rep: Client;
let logistics: Client;
let marketing: Client;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  rep = (await createUserAndSignIn(admin, { role: "sales", name: "Rita Rep" })).client;
  logistics = (await createUserAndSignIn(admin, { role: "logistics", name: "Lars Logistics" })).client;
  marketing = (await createUserAndSignIn(admin, { role: "marketing" })).client;
  const [user] = await t.database.db.select().from(users).where(eq(users.email, "admin@example.com"));
  workspaceId = user?.workspaceId ?? "";
});
afterAll(() => t.close());

let skuCounter = 0;
async function newProduct(fields: Record<string, unknown> = {}): Promise<{ id: string; sku: string }> {
  skuCounter += 1;
  const response = await admin.post("/api/products", {
    sku: `STK-${skuCounter}`,
    name: `Stock test product ${skuCounter}`,
    unit: "pcs",
    listPrices: [{ currency: "USD", amount: "2.50" }],
    ...fields,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function adjust(client: Client, body: Record<string, unknown>) {
  return client.post("/api/stock/adjustments", { reason: "Goods received", ...body });
}

async function stockOf(productId: string) {
  const response = await admin.get(`/api/stock?productId=${productId}`);
  expect(response.status).toBe(200);
  return response.body.items as {
    warehouseId: string;
    onHand: string;
    reserved: string;
    available: string;
  }[];
}

const reserve = (lines: StockLine[], orderId: string) =>
  t.database.db.transaction((tx) => reserveStock(tx, workspaceId, lines, { orderId }));
const release = (orderId: string) =>
  t.database.db.transaction((tx) => releaseStock(tx, workspaceId, { orderId, reason: "Order cancelled" }));

describe("warehouses", () => {
  it("creates the main warehouse on first use and lets logistics add more", async () => {
    const first = await rep.get("/api/warehouses");
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([expect.objectContaining({ name: "Main warehouse", isDefault: true })]);

    const added = await logistics.post("/api/warehouses", { name: "Yiwu bonded", code: "YW" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: "Yiwu bonded", code: "YW", isDefault: false });
    expect((await logistics.post("/api/warehouses", { name: "YIWU BONDED" })).status).toBe(409);
    expect((await rep.post("/api/warehouses", { name: "Rep's garage" })).status).toBe(403);
    expect((await marketing.get("/api/warehouses")).status).toBe(403);

    const listed = await admin.get("/api/warehouses");
    expect(listed.body.items.map((w: { name: string }) => w.name)).toEqual(["Main warehouse", "Yiwu bonded"]);
  });
});

describe("adjustments", () => {
  it("changes on hand with a reason, records who did it and audits it", async () => {
    const product = await newProduct();
    const added = await adjust(logistics, {
      productId: product.id,
      quantityChange: "120",
      reason: "PO-8812 received",
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      kind: "adjustment",
      onHandChange: "120",
      onHandAfter: "120",
      availableAfter: "120",
      reason: "PO-8812 received",
      actorName: "Lars Logistics",
      warehouseName: "Main warehouse",
    });
    const removed = await adjust(logistics, {
      productId: product.id,
      quantityChange: -20.5,
      reason: "Damaged in transit",
    });
    expect(removed.status).toBe(201);
    expect(await stockOf(product.id)).toEqual([
      expect.objectContaining({ onHand: "99.5", reserved: "0", available: "99.5" }),
    ]);

    const movements = await rep.get(`/api/stock/movements?productId=${product.id}`);
    expect(movements.body.items.map((m: { reason: string }) => m.reason)).toEqual([
      "Damaged in transit",
      "PO-8812 received",
    ]);
    const audit = await admin.get(`/api/audit?entityType=product&entityId=${product.id}`);
    const adjusted = audit.body.items.filter(
      (entry: { action: string }) => entry.action === "stock.adjusted",
    );
    expect(adjusted).toHaveLength(2);
    expect(adjusted[0].changes).toMatchObject({ quantityChange: "-20.5", reason: "Damaged in transit" });
  });

  it("refuses a missing reason, zero, bad numbers, unknown products and users without inventory.write", async () => {
    const product = await newProduct();
    expect(
      (await adjust(logistics, { productId: product.id, quantityChange: "5", reason: " " })).status,
    ).toBe(400);
    expect((await adjust(logistics, { productId: product.id, quantityChange: "0" })).status).toBe(400);
    expect((await adjust(logistics, { productId: product.id, quantityChange: "1.23456" })).status).toBe(400);
    expect((await adjust(logistics, { productId: randomUUID(), quantityChange: "1" })).status).toBe(404);
    expect(
      (await adjust(logistics, { productId: product.id, warehouseId: randomUUID(), quantityChange: "1" }))
        .status,
    ).toBe(404);
    expect((await adjust(rep, { productId: product.id, quantityChange: "5" })).status).toBe(403);
    expect((await adjust(logistics, { productId: product.id, quantityChange: "-1" })).status).toBe(409);
  });

  it("cannot take on hand below what orders reserved", async () => {
    const product = await newProduct();
    await adjust(logistics, { productId: product.id, quantityChange: "10" });
    await reserve([{ productId: product.id, quantity: "7" }], randomUUID());
    const refused = await adjust(logistics, { productId: product.id, quantityChange: "-4", reason: "Count" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("At most 3 pcs");
    expect(refused.body.error.details).toEqual({ onHand: "10", reserved: "7", available: "3" });
    expect(
      (await adjust(logistics, { productId: product.id, quantityChange: "-3", reason: "Count" })).status,
    ).toBe(201);
  });
});

describe("reservations", () => {
  it("two orders racing for the last units: exactly one gets them and available never goes negative", async () => {
    const product = await newProduct();
    await adjust(logistics, { productId: product.id, quantityChange: "5" });
    const outcomes = await Promise.allSettled([
      reserve([{ productId: product.id, quantity: "3" }], randomUUID()),
      reserve([{ productId: product.id, quantity: "3" }], randomUUID()),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const [refused] = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused?.reason).toBeInstanceOf(AppError);
    expect(refused?.reason).toMatchObject({
      statusCode: 409,
      code: "conflict",
      details: { shortages: [{ productId: product.id, requested: "3", available: "2" }] },
    });
    expect(await stockOf(product.id)).toEqual([
      expect.objectContaining({ onHand: "5", reserved: "3", available: "2" }),
    ]);
  });

  it("many orders at once never reserve more than there is", async () => {
    const product = await newProduct();
    await adjust(logistics, { productId: product.id, quantityChange: "5" });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () => reserve([{ productId: product.id, quantity: "1" }], randomUUID())),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(5);
    const [level] = await t.database.db
      .select()
      .from(stockLevels)
      .where(and(eq(stockLevels.workspaceId, workspaceId), eq(stockLevels.productId, product.id)));
    expect(level).toMatchObject({ onHand: "5.0000", reserved: "5.0000" });
  });

  it("orders locking the same products in opposite line order both go through", async () => {
    const a = await newProduct();
    const b = await newProduct();
    for (const p of [a, b]) await adjust(logistics, { productId: p.id, quantityChange: "10" });
    const outcomes = await Promise.allSettled([
      reserve(
        [
          { productId: a.id, quantity: "2" },
          { productId: b.id, quantity: "2" },
        ],
        randomUUID(),
      ),
      reserve(
        [
          { productId: b.id, quantity: "3" },
          { productId: a.id, quantity: "3" },
        ],
        randomUUID(),
      ),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled"]);
    expect((await stockOf(a.id))[0]).toMatchObject({ reserved: "5", available: "5" });
  });

  it("lists every short product and reserves nothing when one line cannot be covered", async () => {
    const plenty = await newProduct();
    const scarce = await newProduct();
    const none = await newProduct();
    await adjust(logistics, { productId: plenty.id, quantityChange: "100" });
    await adjust(logistics, { productId: scarce.id, quantityChange: "4" });
    const error = await reserve(
      [
        { productId: plenty.id, quantity: "10" },
        { productId: scarce.id, quantity: "2.5" },
        { productId: scarce.id, quantity: "2.5" },
        { productId: none.id, quantity: "1" },
      ],
      randomUUID(),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      statusCode: 409,
      details: {
        shortages: [
          { productId: scarce.id, sku: scarce.sku, requested: "5", available: "4" },
          { productId: none.id, sku: none.sku, requested: "1", available: "0" },
        ],
      },
    });
    expect((await stockOf(plenty.id))[0]).toMatchObject({ reserved: "0" });
  });

  it("cancel releases exactly what the order held, and releasing again is harmless", async () => {
    const product = await newProduct();
    await adjust(logistics, { productId: product.id, quantityChange: "8" });
    const keep = randomUUID();
    const cancel = randomUUID();
    await reserve([{ productId: product.id, quantity: "3" }], keep);
    await reserve([{ productId: product.id, quantity: "5" }], cancel);
    expect((await stockOf(product.id))[0]).toMatchObject({ reserved: "8", available: "0" });
    await release(cancel);
    await release(cancel);
    expect((await stockOf(product.id))[0]).toMatchObject({ onHand: "8", reserved: "3", available: "5" });
    const movements = await rep.get(`/api/stock/movements?orderId=${cancel}`);
    expect(
      movements.body.items.map((m: { kind: string; reservedChange: string }) => [m.kind, m.reservedChange]),
    ).toEqual([
      ["release", "-5"],
      ["reservation", "5"],
    ]);
  });

  it("reserving again for the same order replaces its reservation", async () => {
    const product = await newProduct();
    await adjust(logistics, { productId: product.id, quantityChange: "10" });
    const order = randomUUID();
    await reserve([{ productId: product.id, quantity: "6" }], order);
    // 6 of 10 are this order's own, so asking for 9 fits.
    await reserve([{ productId: product.id, quantity: "9" }], order);
    expect((await stockOf(product.id))[0]).toMatchObject({ reserved: "9", available: "1" });
  });

  it("takes stock from the default warehouse first, then the others", async () => {
    const product = await newProduct();
    const second = (await logistics.post("/api/warehouses", { name: `Overflow ${randomUUID()}` })).body;
    await adjust(logistics, { productId: product.id, quantityChange: "4" });
    await adjust(logistics, { productId: product.id, warehouseId: second.id, quantityChange: "10" });
    await reserve([{ productId: product.id, quantity: "6" }], randomUUID());
    const levels = await stockOf(product.id);
    expect(levels.map((l) => [l.reserved, l.available])).toEqual([
      ["4", "0"],
      ["2", "8"],
    ]);
  });
});

describe("deductions", () => {
  it("ships out of the order's reservation, then free stock, once per shipment", async () => {
    const product = await newProduct();
    await adjust(logistics, { productId: product.id, quantityChange: "10" });
    const orderId = randomUUID();
    await reserve([{ productId: product.id, quantity: "4" }], orderId);
    const ship = (quantity: string, shipmentId: string) =>
      t.database.db.transaction((tx) =>
        deductStock(tx, workspaceId, [{ productId: product.id, quantity }], { orderId, shipmentId }),
      );
    const first = randomUUID();
    await ship("3", first);
    await ship("3", first);
    expect((await stockOf(product.id))[0]).toMatchObject({ onHand: "7", reserved: "1", available: "6" });
    await ship("2", randomUUID());
    expect((await stockOf(product.id))[0]).toMatchObject({ onHand: "5", reserved: "0", available: "5" });
    await expect(ship("6", randomUUID())).rejects.toMatchObject({ statusCode: 409 });
    await release(orderId);
    expect((await stockOf(product.id))[0]).toMatchObject({ onHand: "5", reserved: "0" });
  });
});

describe("low stock", () => {
  it("tells watchers once when available stock falls below the threshold, again after it recovers", async () => {
    const product = await newProduct({ lowStockThreshold: "5" });
    expect((await rep.post(`/api/products/${product.id}/watch`)).body).toEqual({ watching: true });
    expect((await rep.post(`/api/products/${product.id}/watch`)).status).toBe(200);
    expect((await marketing.post(`/api/products/${product.id}/watch`)).status).toBe(403);
    const alerts = async () =>
      (await rep.get("/api/notifications")).body.items.filter(
        (n: { type: string; entityId: string }) => n.type === "low_stock" && n.entityId === product.id,
      );

    await adjust(logistics, { productId: product.id, quantityChange: "10" });
    expect(await alerts()).toHaveLength(0);
    await reserve([{ productId: product.id, quantity: "6" }], randomUUID());
    const [alert] = await alerts();
    expect(alert?.title).toContain("4 pcs available (threshold 5)");
    await adjust(logistics, { productId: product.id, quantityChange: "-1", reason: "Sample" });
    expect(await alerts()).toHaveLength(1);
    expect((await admin.get(`/api/products?lowStock=true&q=${product.sku}`)).body.items).toHaveLength(1);

    await adjust(logistics, { productId: product.id, quantityChange: "20" });
    expect((await admin.get(`/api/products/${product.id}`)).body.stock).toMatchObject({
      available: "23",
      low: false,
    });
    await adjust(logistics, { productId: product.id, quantityChange: "-20", reason: "Recount" });
    expect(await alerts()).toHaveLength(2);

    expect((await rep.delete(`/api/products/${product.id}/watch`)).body).toEqual({ watching: false });
  });
});
