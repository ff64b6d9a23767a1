import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness";
import { ok, quotationBody, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";
import { confirmedOrder } from "../shipments/logistics-fixtures";

let t: TestApp;
let w: TradeWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
});
afterAll(() => t.close());

describe("handing over a leaving rep's customers", () => {
  it("moves their open quotations and orders too, and leaves finished deals where they were", async () => {
    const draftQuote = await ok(w.repA.post("/api/quotations", quotationBody(w)));
    const sentQuote = await ok(w.repA.post("/api/quotations", quotationBody(w)));
    await ok(w.repA.patch(`/api/quotations/${sentQuote.id}`, { status: "sent" }), 200);
    const rejected = await ok(w.repA.post("/api/quotations", quotationBody(w)));
    await ok(w.repA.patch(`/api/quotations/${rejected.id}`, { status: "sent" }), 200);
    await ok(
      w.repA.patch(`/api/quotations/${rejected.id}`, { status: "rejected", statusReason: "Too expensive" }),
      200,
    );
    const open = await confirmedOrder(w);
    const cancelled = await confirmedOrder(w);
    await ok(
      w.repA.post(`/api/orders/${cancelled.id}/status`, { status: "cancelled", reason: "Buyer withdrew" }),
      200,
    );
    const salesBefore = await ok(w.admin.get("/api/reports/sales?groupBy=owner"), 200);

    const result = await ok(
      w.managerA.post("/api/customers/handover", {
        fromUserId: w.ids.repA,
        toUserIds: [w.ids.repA2],
        mode: "all-to-first",
        reason: "Anna leaves the company",
      }),
      200,
    );
    expect(result).toMatchObject({ quotationsMoved: 2, ordersMoved: 1 });

    const ownerOf = async (path: string) => (await ok(w.admin.get(path), 200)).ownerId;
    expect(await ownerOf(`/api/quotations/${draftQuote.id}`)).toBe(w.ids.repA2);
    expect(await ownerOf(`/api/quotations/${sentQuote.id}`)).toBe(w.ids.repA2);
    expect(await ownerOf(`/api/quotations/${rejected.id}`)).toBe(w.ids.repA);
    expect(await ownerOf(`/api/orders/${open.id}`)).toBe(w.ids.repA2);
    expect(await ownerOf(`/api/orders/${cancelled.id}`)).toBe(w.ids.repA);

    // The new owner works the order; its timeline says why it changed hands.
    const timeline = await ok(w.repA2.get(`/api/orders/${open.id}/timeline`), 200);
    expect(timeline.items[0]).toMatchObject({
      kind: "transferred",
      reason: "Anna leaves the company",
      data: { fromOwnerId: w.ids.repA, toOwnerId: w.ids.repA2 },
    });
    // Its sale moved with it on the dashboard; the total is unchanged.
    const salesAfter = await ok(w.admin.get("/api/reports/sales?groupBy=owner"), 200);
    const ordersOf = (report: { rows: { key: string; orders: number }[] }, key: string) =>
      report.rows.find((row) => row.key === key)?.orders ?? 0;
    expect(ordersOf(salesAfter, w.ids.repA2)).toBe(ordersOf(salesBefore, w.ids.repA2) + 1);
    expect(ordersOf(salesAfter, w.ids.repA)).toBe(ordersOf(salesBefore, w.ids.repA) - 1);
    expect(salesAfter.total).toEqual(salesBefore.total);
  });
});
