import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness";
import { events } from "../notifications/events.table";
import { ok, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";
import { confirmedOrder } from "./logistics-fixtures";

let t: TestApp;
let w: TradeWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
});
afterAll(() => t.close());

async function stockOf(productId: string) {
  const { items } = await ok(w.admin.get(`/api/stock?productId=${productId}`), 200);
  const sum = (field: "onHand" | "reserved") =>
    items.reduce((total: number, item: Record<string, string>) => total + Number(item[field]), 0);
  return { onHand: sum("onHand"), reserved: sum("reserved") };
}

const lineIds = (order: { lines: { id: string }[] }) => {
  const [mug, lamp] = order.lines;
  if (!mug || !lamp) throw new Error("the order has two lines");
  return { mug: mug.id, lamp: lamp.id };
};

describe("shipments", () => {
  it("ships an order in two lots: stock leaves on departure and the order follows", async () => {
    const order = await confirmedOrder(w);
    const lines = lineIds(order);
    const before = await stockOf(w.ids.mug);

    const first = await ok(
      w.logistics.post(`/api/orders/${order.id}/shipments`, {
        lines: [{ orderLineId: lines.mug, quantity: 60, cartons: 2 }],
        mode: "sea_lcl",
        forwarder: "Sino Trans",
        portOfLoading: "Ningbo",
        portOfDischarge: "Hamburg",
        etd: "2031-03-01",
      }),
    );
    expect(first).toMatchObject({
      number: `${order.number}-S1`,
      status: "planned",
      orderId: order.id,
      lines: [{ orderLineId: lines.mug, sku: "MUG-500", quantity: "60", cartons: 2 }],
    });
    // More than is left to ship is refused, naming what is left.
    const over = await w.logistics.post(`/api/orders/${order.id}/shipments`, {
      lines: [{ orderLineId: lines.mug, quantity: 41 }],
      mode: "sea_lcl",
    });
    expect(over.status).toBe(400);
    expect(over.body.error.message).toContain("only 40 pcs");

    await ok(w.logistics.post(`/api/shipments/${first.id}/status`, { status: "booked" }), 200);
    const departed = await ok(
      w.logistics.post(`/api/shipments/${first.id}/status`, {
        status: "departed",
        at: "2031-03-02T08:00:00+08:00",
        blNumber: "NGB123",
        blDate: "2031-03-02",
      }),
      200,
    );
    expect(departed).toMatchObject({ status: "departed", blNumber: "NGB123", blDate: "2031-03-02" });
    expect(departed.departedAt).toBe("2031-03-02T00:00:00.000Z");
    expect((await ok(w.repA.get(`/api/orders/${order.id}`), 200)).status).toBe("partially_shipped");
    const after = await stockOf(w.ids.mug);
    expect(after.onHand).toBe(before.onHand - 60);
    expect(after.reserved).toBe(before.reserved - 60);
    // Departing again changes nothing.
    await ok(w.logistics.post(`/api/shipments/${first.id}/status`, { status: "departed" }), 200);
    expect((await stockOf(w.ids.mug)).onHand).toBe(before.onHand - 60);

    const second = await ok(
      w.logistics.post(`/api/orders/${order.id}/shipments`, {
        lines: [
          { orderLineId: lines.mug, quantity: "40" },
          { orderLineId: lines.lamp, quantity: 10 },
        ],
        mode: "air",
      }),
    );
    await ok(w.logistics.post(`/api/shipments/${second.id}/status`, { status: "departed" }), 200);
    expect((await ok(w.repA.get(`/api/orders/${order.id}`), 200)).status).toBe("shipped");

    const timeline = await ok(w.repA.get(`/api/orders/${order.id}/timeline`), 200);
    expect(
      timeline.items
        .filter((event: { kind: string }) => event.kind === "status_changed")
        .map((event: { toStatus: string }) => event.toStatus),
    ).toEqual(["shipped", "partially_shipped"]);
    const notifications = await ok(w.repA.get("/api/notifications"), 200);
    expect(
      notifications.items.filter(
        (n: { type: string; entityId: string }) =>
          n.type === "shipment_status_changed" && n.entityId === order.id,
      ),
    ).toHaveLength(3);

    // The rep's open order page hears of each shipment planned and each move, live.
    const live = await t.database.db
      .select({ payload: events.payload, userId: events.userId })
      .from(events)
      .where(and(eq(events.entityType, "order"), eq(events.entityId, order.id)))
      .orderBy(events.id);
    const actions = live.map((event) => (event.payload as { action: string }).action);
    expect(actions.filter((action) => action === "shipment_planned")).toHaveLength(2);
    expect(actions).toContain("shipment_status_changed");
    expect(new Set(live.map((event) => event.userId))).toEqual(new Set([w.ids.repA]));

    const listed = await ok(w.repA.get(`/api/shipments?orderId=${order.id}`), 200);
    expect(listed.items.map((s: { number: string }) => s.number)).toEqual([second.number, first.number]);
    expect(listed.items[0].customerName).toMatch(/^Acme Housewares/);
    const departedOnly = await ok(w.finance.get(`/api/shipments?orderId=${order.id}&status=departed`), 200);
    expect(departedOnly.total).toBe(2);
  });

  it("refuses wrong moves and lets only logistics and admins change shipments", async () => {
    const order = await confirmedOrder(w);
    const lines = lineIds(order);
    const body = { lines: [{ orderLineId: lines.lamp, quantity: 5 }], mode: "express" };
    expect((await w.repA.post(`/api/orders/${order.id}/shipments`, body)).status).toBe(403);
    expect((await w.finance.post(`/api/orders/${order.id}/shipments`, body)).status).toBe(403);
    const bad = await w.logistics.post(`/api/orders/${order.id}/shipments`, { ...body, status: "departed" });
    expect(bad.status).toBe(400);
    const stranger = await w.logistics.post(`/api/orders/${order.id}/shipments`, {
      ...body,
      lines: [{ orderLineId: order.id, quantity: 1 }],
    });
    expect(stranger.status).toBe(400);

    const shipment = await ok(w.logistics.post(`/api/orders/${order.id}/shipments`, body));
    // Another team's rep cannot see it at all.
    expect((await w.repB.get(`/api/shipments/${shipment.id}`)).status).toBe(404);
    expect((await w.repB.get(`/api/shipments?orderId=${order.id}`)).body.items).toEqual([]);
    expect((await ok(w.repA.get(`/api/shipments/${shipment.id}`), 200)).id).toBe(shipment.id);

    const edited = await ok(
      w.logistics.patch(`/api/shipments/${shipment.id}`, { trackingNumber: "DHL 123", forwarder: null }),
      200,
    );
    expect(edited).toMatchObject({ trackingNumber: "DHL 123", forwarder: null });
    expect((await w.logistics.patch(`/api/shipments/${shipment.id}`, { orderId: order.id })).status).toBe(
      400,
    );

    await ok(w.logistics.post(`/api/shipments/${shipment.id}/status`, { status: "loaded" }), 200);
    const back = await w.logistics.post(`/api/shipments/${shipment.id}/status`, { status: "booked" });
    expect(back.status).toBe(409);
    // Cancelling before departure frees the quantity for another shipment.
    await ok(w.logistics.post(`/api/shipments/${shipment.id}/status`, { status: "cancelled" }), 200);
    expect(
      (await w.logistics.post(`/api/shipments/${shipment.id}/status`, { status: "booked" })).status,
    ).toBe(409);
    const all = await ok(
      w.logistics.post(`/api/orders/${order.id}/shipments`, {
        ...body,
        lines: [{ orderLineId: lines.lamp, quantity: 10 }],
      }),
    );
    expect((await w.logistics.post(`/api/orders/${order.id}/shipments`, body)).status).toBe(400);
    await ok(w.admin.post(`/api/shipments/${all.id}/status`, { status: "departed" }), 200);
    const late = await w.logistics.post(`/api/shipments/${all.id}/status`, { status: "cancelled" });
    expect(late.status).toBe(409);
  });

  it("tells the colleagues following an order of its shipments, until they stop following", async () => {
    const order = await confirmedOrder(w);
    const lines = lineIds(order);
    // Another team's rep cannot see the order, so cannot follow it either.
    expect((await w.repB.put(`/api/orders/${order.id}/watchers/me`, {})).status).toBe(404);
    const followed = await ok(w.finance.put(`/api/orders/${order.id}/watchers/me`, {}), 200);
    expect(followed.watcherIds).toEqual([w.ids.finance]);
    // Following twice changes nothing.
    expect((await ok(w.finance.put(`/api/orders/${order.id}/watchers/me`, {}), 200)).watcherIds).toHaveLength(
      1,
    );

    const shipment = await ok(
      w.logistics.post(`/api/orders/${order.id}/shipments`, {
        lines: [{ orderLineId: lines.lamp, quantity: 10 }],
        mode: "air",
      }),
    );
    await ok(w.logistics.post(`/api/shipments/${shipment.id}/status`, { status: "booked" }), 200);
    const shipmentNews = async (client: typeof w.finance) =>
      (await ok(client.get("/api/notifications"), 200)).items.filter(
        (n: { type: string; entityId: string }) =>
          n.type === "shipment_status_changed" && n.entityId === order.id,
      );
    expect(await shipmentNews(w.finance)).toHaveLength(1);
    expect(await shipmentNews(w.repA)).toHaveLength(1);
    const live = await t.database.db
      .select({ userId: events.userId })
      .from(events)
      .where(and(eq(events.entityType, "order"), eq(events.entityId, order.id)));
    expect(new Set(live.map((event) => event.userId))).toEqual(new Set([w.ids.repA, w.ids.finance]));

    expect((await ok(w.finance.delete(`/api/orders/${order.id}/watchers/me`), 200)).watcherIds).toEqual([]);
    await ok(w.logistics.post(`/api/shipments/${shipment.id}/status`, { status: "loaded" }), 200);
    expect(await shipmentNews(w.finance)).toHaveLength(1);
    expect(await shipmentNews(w.repA)).toHaveLength(2);
  });
});
