import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, type TestApp } from "../../../test/harness";
import { customers } from "../customers/customers.table";
import { ok, quotationBody, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";

let t: TestApp;
let w: TradeWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
});
afterAll(() => t.close());

function orderBody(overrides: Record<string, unknown> = {}) {
  const { validUntil: _validUntil, ...body } = quotationBody(w, overrides);
  return body;
}

async function draftOrder(client: Client, overrides: Record<string, unknown> = {}) {
  const response = await client.post("/api/orders", orderBody(overrides));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function stockOf(productId: string) {
  const { items } = await ok(w.admin.get(`/api/stock?productId=${productId}`), 200);
  const sum = (field: "reserved" | "available") =>
    items.reduce((total: number, item: Record<string, string>) => total + Number(item[field]), 0);
  return { reserved: sum("reserved"), available: sum("available") };
}

async function notificationsOf(client: Client) {
  return (await ok(client.get("/api/notifications"), 200)).items as { type: string; entityId: string }[];
}

async function timelineKinds(client: Client, orderId: string) {
  const { items } = await ok(client.get(`/api/orders/${orderId}/timeline`), 200);
  return (items as { kind: string }[]).map((event) => event.kind).reverse();
}

const mugs = (quantity: number, unitPrice: string, discountPercent?: number) => [
  { productId: w.ids.mug, quantity, unitPrice, ...(discountPercent ? { discountPercent } : {}) },
];
const lamps = (quantity: number) => [{ productId: w.ids.lamp, quantity, unitPrice: "15.00" }];

describe("from quotation to confirmed order", () => {
  it("quote → revise → accept → convert → submit → manager approves → confirmed", async () => {
    const quote = await ok(w.repA.post("/api/quotations", quotationBody(w)));
    await ok(w.repA.patch(`/api/quotations/${quote.id}`, { status: "sent" }), 200);
    const v2 = await ok(
      w.repA.post(`/api/quotations/${quote.id}/revise`, {
        lines: [...mugs(1000, "2.30", 5), { productId: w.ids.lamp, quantity: 20, unitPrice: "15.00" }],
      }),
    );
    await ok(w.repA.patch(`/api/quotations/${v2.id}`, { status: "sent" }), 200);
    expect((await w.repA.post(`/api/quotations/${v2.id}/convert`, {})).status).toBe(409);
    await ok(w.repA.patch(`/api/quotations/${v2.id}`, { status: "accepted" }), 200);

    const converted = await w.repA.post(`/api/quotations/${v2.id}/convert`, {
      requestedDeliveryDate: "2031-05-01",
      shippingMarks: "ACME / HAMBURG / C/No. 1-UP",
    });
    expect(converted.status).toBe(201);
    const order = converted.body;
    // 1000 × 2.30 less 5% = 2185.00; + 300.00
    expect(order).toMatchObject({
      number: expect.stringMatching(/^PI-\d{4}-\d{4}$/),
      status: "draft",
      quotationId: v2.id,
      ownerId: w.ids.repA,
      total: "2485.00",
      incoterm: "FOB",
      namedPlace: "Ningbo",
      requestedDeliveryDate: "2031-05-01",
      shippingMarks: "ACME / HAMBURG / C/No. 1-UP",
      approval: null,
    });
    expect(order.lines.map((line: { sku: string; lineTotal: string }) => [line.sku, line.lineTotal])).toEqual(
      [
        ["MUG-500", "2185.00"],
        ["LAMP-01", "300.00"],
      ],
    );
    // 30% of 2485.00 = 745.50; the balance 1739.50
    expect(order.paymentSchedule).toEqual([
      expect.objectContaining({
        sequence: 1,
        method: "TT",
        percent: 30,
        amount: "745.50",
        due: "on_confirmation",
      }),
      expect.objectContaining({
        sequence: 2,
        method: "TT",
        percent: 70,
        amount: "1739.50",
        due: "before_shipment",
      }),
    ]);
    const twice = await w.repA.post(`/api/quotations/${v2.id}/convert`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.details).toMatchObject({ reason: "converted", orderId: order.id });
    expect((await w.repA.get(`/api/quotations/${v2.id}`)).body.orderId).toBe(order.id);

    // Net 2.185 is 12.6% below the 2.50 list price: over the 10% threshold.
    const submitted = await w.repA.post(`/api/orders/${order.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("pending_approval");
    expect(submitted.body.approval).toMatchObject({
      state: "pending",
      canDecide: false,
      reasons: [
        expect.objectContaining({
          kind: "discount",
          sku: "MUG-500",
          discountOffListPercent: 12.6,
          thresholdPercent: 10,
        }),
      ],
    });
    expect(await notificationsOf(w.managerA)).toContainEqual(
      expect.objectContaining({ type: "approval_requested", entityId: order.id }),
    );
    const inbox = await ok(w.managerA.get("/api/approvals?state=pending"), 200);
    expect(inbox.items).toContainEqual(
      expect.objectContaining({
        orderId: order.id,
        canDecide: true,
        ownerName: "Anna Rep",
        total: "2485.00",
      }),
    );
    expect(
      (await ok(w.managerB.get("/api/approvals"), 200)).items.map((a: { orderId: string }) => a.orderId),
    ).not.toContain(order.id);
    // Submitting again while it waits changes nothing.
    expect((await w.repA.post(`/api/orders/${order.id}/submit`)).body.status).toBe("pending_approval");

    const before = await stockOf(w.ids.mug);
    const approved = await w.managerA.post(`/api/orders/${order.id}/approve`, { note: "Key account" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: "confirmed",
      approval: { state: "approved", decisionReason: "Key account" },
    });
    expect(approved.body.confirmedAt).not.toBeNull();
    const after = await stockOf(w.ids.mug);
    expect(after.reserved - before.reserved).toBe(1000);
    expect(await notificationsOf(w.repA)).toContainEqual(
      expect.objectContaining({ type: "order_approved", entityId: order.id }),
    );

    // Approving twice is harmless: same answer, no second approval in the timeline, no second reservation.
    const again = await w.managerA.post(`/api/orders/${order.id}/approve`);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe("confirmed");
    expect((await stockOf(w.ids.mug)).reserved).toBe(after.reserved);
    expect(await timelineKinds(w.repA, order.id)).toEqual([
      "created",
      "submitted",
      "approval_requested",
      "approved",
      "confirmed",
    ]);
    const [customer] = await t.database.db
      .select({ stage: customers.stage, lastOrderAt: customers.lastOrderAt })
      .from(customers)
      .where(and(eq(customers.id, w.ids.acme)));
    expect(customer?.stage).toBe("ordered");
    expect(customer?.lastOrderAt).not.toBeNull();
  });

  it("confirms directly within limits; a second confirmed order makes the customer a repeat buyer", async () => {
    // 2.30 is 8% below list: within the 10% threshold.
    const order = await draftOrder(w.repA, { lines: mugs(100, "2.30") });
    const submitted = await w.repA.post(`/api/orders/${order.id}/submit`);
    expect(submitted.body).toMatchObject({ status: "confirmed", approval: null, notes: [] });
    const [customer] = await t.database.db
      .select({ stage: customers.stage })
      .from(customers)
      .where(eq(customers.id, w.ids.acme));
    expect(customer?.stage).toBe("repeat");
    expect((await w.repA.post(`/api/orders/${order.id}/submit`)).status).toBe(409);
  });

  it("follows the workspace's discount threshold", async () => {
    expect((await w.repA.patch("/api/settings/approvals", { discountThresholdPercent: 5 })).status).toBe(403);
    await ok(w.admin.patch("/api/settings/approvals", { discountThresholdPercent: 5 }), 200);
    const order = await draftOrder(w.repA, { lines: mugs(100, "2.30") });
    const submitted = await ok(w.repA.post(`/api/orders/${order.id}/submit`), 200);
    expect(submitted.status).toBe("pending_approval");
    expect(submitted.approval.reasons[0]).toMatchObject({
      kind: "discount",
      discountOffListPercent: 8,
      thresholdPercent: 5,
    });
    await ok(w.admin.patch("/api/settings/approvals", { discountThresholdPercent: 10 }), 200);
    expect((await ok(w.repA.get("/api/settings/approvals"), 200)).discountThresholdPercent).toBe(10);
  });
});

describe("credit limit", () => {
  it("sends an order that takes the customer over its limit to approval, in the limit's currency", async () => {
    const url = `/api/customers/${w.ids.bravo}/credit-limit`;
    expect(
      (await w.repB.request("PUT", url, { body: { creditLimit: "1000.00", creditLimitCurrency: "USD" } }))
        .status,
    ).toBe(403);
    expect(
      (await w.managerA.request("PUT", url, { body: { creditLimit: "1000.00", creditLimitCurrency: "USD" } }))
        .status,
    ).toBe(404);
    const bad = await w.managerB.request("PUT", url, {
      body: { creditLimit: "1000.00", creditLimitCurrency: null },
    });
    expect(bad.status).toBe(400);
    const set = await w.managerB.request("PUT", url, {
      body: { creditLimit: "1000", creditLimitCurrency: "usd" },
    });
    expect(set.body).toEqual({ customerId: w.ids.bravo, creditLimit: "1000.00", creditLimitCurrency: "USD" });
    expect((await w.repB.get(url)).body).toEqual(set.body);
    expect((await w.repA.get(url)).status).toBe(404);

    // 20 lamps = 300.00: within the limit, confirmed.
    const first = await draftOrder(w.repB, { customerId: w.ids.bravo, lines: lamps(20) });
    expect((await ok(w.repB.post(`/api/orders/${first.id}/submit`), 200)).status).toBe("confirmed");
    // 50 lamps = 750.00: 300.00 open + 750.00 = 1050.00 > 1000.00
    const second = await draftOrder(w.repB, { customerId: w.ids.bravo, lines: lamps(50) });
    const submitted = await ok(w.repB.post(`/api/orders/${second.id}/submit`), 200);
    expect(submitted.status).toBe("pending_approval");
    expect(submitted.approval.reasons).toEqual([
      expect.objectContaining({
        kind: "credit",
        creditLimit: "1000.00",
        currency: "USD",
        openAmount: "300.00",
        orderTotal: "750.00",
      }),
    ]);
    expect(await notificationsOf(w.managerB)).toContainEqual(
      expect.objectContaining({ type: "approval_requested", entityId: second.id }),
    );

    // A limit in another currency is not compared (no exchange rates yet), and the answer says so.
    await ok(
      w.managerB.request("PUT", url, { body: { creditLimit: "100.00", creditLimitCurrency: "EUR" } }),
      200,
    );
    const third = await draftOrder(w.repB, { customerId: w.ids.bravo, lines: lamps(10) });
    const direct = await ok(w.repB.post(`/api/orders/${third.id}/submit`), 200);
    expect(direct.status).toBe("confirmed");
    expect(direct.notes).toEqual([expect.stringContaining("Credit limit not checked")]);
  });
});

describe("approval rules", () => {
  it("nobody approves their own order; another team's manager cannot see it; admins can", async () => {
    const own = await ok(
      w.managerA.post("/api/customers", {
        name: "Mona Direct Buyer GmbH",
        country: "AT",
        website: "https://mona-direct-buyer.at",
      }),
    );
    const order = await draftOrder(w.managerA, { customerId: own.id, lines: mugs(10, "1.00") });
    const submitted = await ok(w.managerA.post(`/api/orders/${order.id}/submit`), 200);
    expect(submitted.status).toBe("pending_approval");
    const refused = await w.managerA.post(`/api/orders/${order.id}/approve`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("your own order");
    // With the manager as owner, the admins decide, and are told.
    expect(await notificationsOf(w.admin)).toContainEqual(
      expect.objectContaining({ type: "approval_requested", entityId: order.id }),
    );
    expect((await w.managerB.post(`/api/orders/${order.id}/approve`)).status).toBe(404);
    const approved = await w.admin.post(`/api/orders/${order.id}/approve`);
    expect(approved.body.status).toBe("confirmed");
  });

  it("a rep cannot approve; a rejection needs a reason, returns the order to draft and is harmless twice", async () => {
    const order = await draftOrder(w.repA, { lines: mugs(10, "1.00") });
    await ok(w.repA.post(`/api/orders/${order.id}/submit`), 200);
    expect((await w.repA.post(`/api/orders/${order.id}/approve`)).status).toBe(403);
    expect((await w.repA2.post(`/api/orders/${order.id}/approve`)).status).toBe(403);
    expect((await w.managerB.post(`/api/orders/${order.id}/reject`, { reason: "no" })).status).toBe(404);
    expect((await w.managerA.post(`/api/orders/${order.id}/reject`, {})).status).toBe(400);
    const rejected = await w.managerA.post(`/api/orders/${order.id}/reject`, {
      reason: "Price below our floor",
    });
    expect(rejected.body).toMatchObject({
      status: "draft",
      approval: { state: "rejected", decisionReason: "Price below our floor", decidedByName: "Mona Manager" },
    });
    expect((await w.managerA.post(`/api/orders/${order.id}/reject`, { reason: "again" })).body.status).toBe(
      "draft",
    );
    expect((await w.managerA.post(`/api/orders/${order.id}/approve`)).status).toBe(409);
    expect(await notificationsOf(w.repA)).toContainEqual(
      expect.objectContaining({ type: "order_rejected", entityId: order.id }),
    );

    // Fixing the price and submitting again confirms it.
    await ok(w.repA.patch(`/api/orders/${order.id}`, { lines: mugs(10, "2.40") }), 200);
    expect((await ok(w.repA.post(`/api/orders/${order.id}/submit`), 200)).status).toBe("confirmed");
  });

  it("editing an order that waits for approval withdraws the request", async () => {
    const order = await draftOrder(w.repA, { lines: mugs(10, "1.00") });
    await ok(w.repA.post(`/api/orders/${order.id}/submit`), 200);
    const edited = await ok(w.repA.patch(`/api/orders/${order.id}`, { lines: mugs(10, "1.50") }), 200);
    expect(edited).toMatchObject({ status: "draft", total: "15.00", approval: { state: "cancelled" } });
    const inbox = await ok(w.managerA.get("/api/approvals"), 200);
    expect(inbox.items.map((a: { orderId: string }) => a.orderId)).not.toContain(order.id);
  });
});

describe("stock", () => {
  it("refuses to confirm when stock is short, naming the products, and changes nothing", async () => {
    const order = await draftOrder(w.repA, { lines: lamps(5000) });
    const response = await w.repA.post(`/api/orders/${order.id}/submit`);
    expect(response.status).toBe(409);
    expect(response.body.error.details.shortages).toEqual([
      expect.objectContaining({ sku: "LAMP-01", requested: "5000" }),
    ]);
    expect((await ok(w.repA.get(`/api/orders/${order.id}`), 200)).status).toBe("draft");
  });

  it("two orders racing for the last units: one is confirmed, the other refused, stock never negative", async () => {
    const last = await ok(
      w.admin.post("/api/products", {
        sku: "LAST-10",
        name: "End-of-line ceramic vase",
        unit: "pcs",
        listPrices: [{ currency: "USD", amount: "9.00" }],
      }),
    );
    await ok(
      w.admin.post("/api/stock/adjustments", { productId: last.id, quantityChange: 10, reason: "Count" }),
    );
    const line = [{ productId: last.id, quantity: 8, unitPrice: "9.00" }];
    const first = await draftOrder(w.repA, { lines: line });
    const second = await draftOrder(w.repB, { customerId: w.ids.bravo, lines: line });
    const results = await Promise.all([
      w.repA.post(`/api/orders/${first.id}/submit`),
      w.repB.post(`/api/orders/${second.id}/submit`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await stockOf(last.id)).toEqual({ reserved: 8, available: 2 });
  });

  it("cancelling with a reason releases what the order reserved", async () => {
    const before = await stockOf(w.ids.lamp);
    const order = await draftOrder(w.repA, { lines: lamps(40) });
    await ok(w.repA.post(`/api/orders/${order.id}/submit`), 200);
    expect((await stockOf(w.ids.lamp)).available).toBe(before.available - 40);
    const noReason = await w.repA.post(`/api/orders/${order.id}/status`, { status: "cancelled" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain("reason");
    const cancelled = await ok(
      w.repA.post(`/api/orders/${order.id}/status`, { status: "cancelled", reason: "Buyer went bankrupt" }),
      200,
    );
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Buyer went bankrupt" });
    expect(await stockOf(w.ids.lamp)).toEqual(before);
    expect((await w.repA.post(`/api/orders/${order.id}/status`, { status: "in_production" })).status).toBe(
      409,
    );
  });
});

describe("lifecycle after confirmation", () => {
  it("moves step by step; shipping states are admin-only; a shipped order can no longer be cancelled", async () => {
    const order = await draftOrder(w.repA, { lines: mugs(50, "2.50") });
    await ok(w.repA.post(`/api/orders/${order.id}/submit`), 200);
    const move = (client: Client, status: string, reason?: string) =>
      client.post(`/api/orders/${order.id}/status`, { status, ...(reason ? { reason } : {}) });
    const skipped = await move(w.repA, "ready_to_ship");
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.message).toContain("in_production");
    expect((await move(w.repA, "draft")).status).toBe(409);
    expect((await move(w.repA, "in_production")).body.status).toBe("in_production");
    expect((await w.repA.patch(`/api/orders/${order.id}`, { lines: mugs(60, "2.50") })).status).toBe(409);
    const marks = await ok(
      w.repA.patch(`/api/orders/${order.id}`, { shippingMarks: "ACME\nMADE IN CHINA" }),
      200,
    );
    expect(marks.shippingMarks).toBe("ACME\nMADE IN CHINA");
    expect((await move(w.repA, "ready_to_ship")).body.status).toBe("ready_to_ship");
    const shipped = await move(w.repA, "shipped");
    expect(shipped.status).toBe(403);
    expect(shipped.body.error.message).toContain("shipments");
    expect((await move(w.admin, "shipped")).body.status).toBe("shipped");
    expect((await move(w.repA, "cancelled", "too late")).status).toBe(409);
    expect((await move(w.repA, "completed")).body.status).toBe("completed");
    expect(await timelineKinds(w.repA, order.id)).toEqual([
      "created",
      "submitted",
      "confirmed",
      "status_changed",
      "updated",
      "status_changed",
      "status_changed",
      "status_changed",
    ]);
    const audit = await ok(w.admin.get(`/api/audit?entityType=order&entityId=${order.id}`), 200);
    expect(audit.items.map((entry: { action: string }) => entry.action)).toContain("order.status_changed");
  });

  it("managers transfer orders within their team", async () => {
    const order = await draftOrder(w.repA, { lines: mugs(10, "2.50") });
    expect((await w.repA.post(`/api/orders/${order.id}/transfer`, { ownerId: w.ids.repA2 })).status).toBe(
      403,
    );
    expect((await w.managerA.post(`/api/orders/${order.id}/transfer`, { ownerId: w.ids.repB })).status).toBe(
      400,
    );
    const moved = await ok(
      w.managerA.post(`/api/orders/${order.id}/transfer`, { ownerId: w.ids.repA2, reason: "Territory" }),
      200,
    );
    expect(moved.ownerId).toBe(w.ids.repA2);
    expect((await w.repA2.get(`/api/orders/${order.id}`)).status).toBe(200);
    expect(await notificationsOf(w.repA2)).toContainEqual(
      expect.objectContaining({ type: "assigned", entityId: order.id }),
    );
  });
});

describe("who sees an order", () => {
  it("other reps get 404; logistics and finance see it without costs and margins; managers see margins", async () => {
    const order = await draftOrder(w.repA, { currency: "CNY", lines: mugs(100, "18.00") });
    const url = `/api/orders/${order.id}`;
    for (const outsider of [w.repB, w.repA2, w.managerB]) {
      expect((await outsider.get(url)).status).toBe(404);
      expect((await outsider.get(`${url}/pdf`)).status).toBe(404);
      expect((await outsider.post(`${url}/submit`)).status).toBe(404);
    }
    for (const reader of [w.logistics, w.finance]) {
      const seen = await reader.get(url);
      expect(seen.status).toBe(200);
      expect(seen.body).not.toHaveProperty("margin");
      expect(seen.body.lines[0]).not.toHaveProperty("unitCost");
      expect(JSON.stringify(seen.body)).not.toContain("costTotal");
      const list = await ok(reader.get(`/api/orders?customerId=${w.ids.acme}`), 200);
      expect(list.items.map((o: { id: string }) => o.id)).toContain(order.id);
      expect((await reader.patch(url, { remarks: "x" })).status).toBe(403);
    }
    const managed = await ok(w.managerA.get(url), 200);
    // 100 × 18.00 = 1800.00 against 100 × 12.00 = 1200.00
    expect(managed.margin).toMatchObject({ costTotal: "1200.00", amount: "600.00", percent: 33.33 });
    expect(managed.lines[0].unitCost).toBe("12.00");
    expect((await ok(w.repA.get(url), 200)).margin).toBeUndefined();
  });

  it("prints the proforma invoice with the payment schedule for logistics too", async () => {
    const order = await draftOrder(w.repA, { shippingMarks: "ACME HAMBURG" });
    const response = await w.logistics.get(`/api/orders/${order.id}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    const file = path.join(os.tmpdir(), `tw-order-${process.pid}.pdf`);
    fs.writeFileSync(file, response.raw.rawPayload);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
    fs.rmSync(file, { force: true });
    for (const expected of [
      "PROFORMA INVOICE",
      order.number,
      "不锈钢保温杯 500毫升",
      "USD 2,532.50",
      "Payment schedule",
      "USD 759.75",
      "ACME HAMBURG",
    ]) {
      expect(text, expected).toContain(expected);
    }
  });
});
