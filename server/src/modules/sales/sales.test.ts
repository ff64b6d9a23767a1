import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, createUserAndSignIn, type TestApp } from "../../../test/harness";
import { orders } from "../orders/orders.table";
import { todayIn } from "../quotations/commercial";
import { ok, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";
import { confirmedOrder } from "../shipments/logistics-fixtures";
import { rebuildSalesRollup } from "./sales.service";
import { salesMonthly, salesMonthlyByCountry, salesMonthlyByOwner } from "./sales.table";

let t: TestApp;
let w: TradeWorld;
let workspaceId: string;
let thisMonth: string;

type Row = { key: string; label: string; orders: number; lines: number; amount: string };
type Report = {
  reportingCurrency: string;
  from: string;
  to: string;
  rows: Row[];
  total: { orders: number; amount: string; byCurrency: { currency: string; amount: string }[] };
  unconverted: { currency: string; amount: string }[];
};

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
  workspaceId = (await ok(w.admin.get("/api/me"), 200)).workspace.id;
  thisMonth = todayIn("Asia/Shanghai", new Date()).slice(0, 7);
  // 1 USD = 7 CNY: the fixture order of 400.00 USD is 2800.00 CNY. No EUR rate.
  await ok(w.finance.post("/api/fx-rates", { date: "2000-01-01", base: "USD", quote: "CNY", rate: "7" }));
});
afterAll(() => t.close());

const report = async (client: Client, query = ""): Promise<Report> =>
  ok(client.get(`/api/reports/sales${query ? `?${query}` : ""}`), 200);
const rowOf = (result: Report, key: string) => result.rows.find((row) => row.key === key);
const ordersIn = (result: Report, key: string) => rowOf(result, key)?.orders ?? 0;

const cancel = (client: Client, id: string) =>
  ok(client.post(`/api/orders/${id}/status`, { status: "cancelled", reason: "Buyer withdrew" }), 200);

async function rollupRows() {
  const cells = await t.database.db
    .select()
    .from(salesMonthly)
    .where(eq(salesMonthly.workspaceId, workspaceId))
    .orderBy(
      asc(salesMonthly.month),
      asc(salesMonthly.ownerId),
      asc(salesMonthly.country),
      asc(salesMonthly.currency),
    );
  const byOwner = await t.database.db
    .select()
    .from(salesMonthlyByOwner)
    .where(eq(salesMonthlyByOwner.workspaceId, workspaceId))
    .orderBy(
      asc(salesMonthlyByOwner.month),
      asc(salesMonthlyByOwner.ownerId),
      asc(salesMonthlyByOwner.currency),
    );
  const byCountry = await t.database.db
    .select()
    .from(salesMonthlyByCountry)
    .where(eq(salesMonthlyByCountry.workspaceId, workspaceId))
    .orderBy(
      asc(salesMonthlyByCountry.month),
      asc(salesMonthlyByCountry.country),
      asc(salesMonthlyByCountry.currency),
    );
  return { cells, byOwner, byCountry };
}

// The orders of each summary row, summed from the cells: what the summaries must hold.
function summedOrders<Cell extends { month: string; currency: string; orders: number }>(
  cells: Cell[],
  keyOf: (cell: Cell) => string,
) {
  const sums = new Map<string, number>();
  for (const cell of cells) {
    const key = `${cell.month} ${keyOf(cell)} ${cell.currency}`;
    sums.set(key, (sums.get(key) ?? 0) + cell.orders);
  }
  return sums;
}

describe("the sales rollup", () => {
  it("counts a confirmed order in its month, country and rep, and removes it when cancelled", async () => {
    const byMonth = await report(w.admin, "groupBy=month");
    const byCountry = await report(w.admin, "groupBy=country");
    const byOwner = await report(w.admin, "groupBy=owner");
    const order = await confirmedOrder(w);

    const month = await report(w.admin, "groupBy=month");
    expect(month.reportingCurrency).toBe("CNY");
    expect(month.rows).toHaveLength(12);
    expect(month.to).toBe(thisMonth);
    expect(month.rows.at(-1)?.key).toBe(thisMonth);
    expect(ordersIn(month, thisMonth)).toBe(ordersIn(byMonth, thisMonth) + 1);
    expect(Number(rowOf(month, thisMonth)?.amount) - Number(rowOf(byMonth, thisMonth)?.amount ?? 0)).toBe(
      2800,
    );
    expect(rowOf(month, thisMonth)?.lines).toBe((rowOf(byMonth, thisMonth)?.lines ?? 0) + 2);

    const country = await report(w.admin, "groupBy=country");
    expect(rowOf(country, "DE")).toMatchObject({ label: "Germany" });
    expect(ordersIn(country, "DE")).toBe(ordersIn(byCountry, "DE") + 1);

    const owner = await report(w.admin, "groupBy=owner");
    expect(rowOf(owner, w.ids.repA)).toMatchObject({ label: "Anna Rep" });
    expect(ordersIn(owner, w.ids.repA)).toBe(ordersIn(byOwner, w.ids.repA) + 1);

    await cancel(w.repA, order.id);
    expect(await report(w.admin, "groupBy=month")).toEqual(byMonth);
    expect(await report(w.admin, "groupBy=owner")).toEqual(byOwner);
    // Cancelling twice changes nothing more.
    await cancel(w.repA, order.id);
    expect(await report(w.admin, "groupBy=country")).toEqual(byCountry);
  });

  it("counts an order confirmed through approval once, and not while it waits", async () => {
    const before = await report(w.admin);
    const draft = await ok(
      w.repA.post("/api/orders", {
        customerId: w.ids.acme,
        currency: "USD",
        incoterm: "FOB",
        namedPlace: "Ningbo",
        paymentTerms: [{ method: "TT", percent: 100, due: "on_confirmation" }],
        // 20% below the list price of 2.50: the manager must approve it.
        lines: [{ productId: w.ids.mug, quantity: 100, unitPrice: "2.00" }],
      }),
    );
    const submitted = await ok(w.repA.post(`/api/orders/${draft.id}/submit`, {}), 200);
    expect(submitted.status).toBe("pending_approval");
    expect(await report(w.admin)).toEqual(before);

    await ok(w.managerA.post(`/api/orders/${draft.id}/approve`, { note: "Key account" }), 200);
    await ok(w.managerA.post(`/api/orders/${draft.id}/approve`, {}), 200);
    const after = await report(w.admin);
    expect(ordersIn(after, thisMonth)).toBe(ordersIn(before, thisMonth) + 1);
    expect(Number(rowOf(after, thisMonth)?.amount) - Number(rowOf(before, thisMonth)?.amount)).toBe(1400);
  });

  it("keeps an order without a stored rate apart as unconverted", async () => {
    const before = await report(w.admin);
    await confirmedOrder(w, {
      currency: "EUR",
      lines: [{ productId: w.ids.mug, quantity: 100, unitPrice: "2.30" }],
    });
    const after = await report(w.admin);
    expect(after.total.amount).toBe(before.total.amount);
    expect(after.total.orders).toBe(before.total.orders + 1);
    expect(after.unconverted).toEqual([{ currency: "EUR", amount: "230.00" }]);
    expect(after.total.byCurrency.find((entry) => entry.currency === "EUR")).toEqual({
      currency: "EUR",
      amount: "230.00",
    });
    const usdOnly = await report(w.admin, "currency=usd");
    expect(usdOnly.unconverted).toEqual([]);
    expect(usdOnly.total.byCurrency.map((entry) => entry.currency)).toEqual(["USD"]);
  });

  it("follows a transferred order to its new owner", async () => {
    const order = await confirmedOrder(w);
    const before = await report(w.admin, "groupBy=owner");
    await ok(w.managerA.post(`/api/orders/${order.id}/transfer`, { ownerId: w.ids.repA2 }), 200);
    const after = await report(w.admin, "groupBy=owner");
    expect(ordersIn(after, w.ids.repA)).toBe(ordersIn(before, w.ids.repA) - 1);
    expect(ordersIn(after, w.ids.repA2)).toBe(ordersIn(before, w.ids.repA2) + 1);
    expect(after.total).toEqual(before.total);
  });

  it("moves a customer's sales to its new country", async () => {
    await confirmedOrder(w);
    const before = await report(w.admin, "groupBy=country");
    const acmeOrders = ordersIn(before, "DE");
    expect(acmeOrders).toBeGreaterThan(0);
    await ok(w.repA.patch(`/api/customers/${w.ids.acme}`, { country: "AT" }), 200);
    const after = await report(w.admin, "groupBy=country");
    expect(ordersIn(after, "DE")).toBe(0);
    expect(ordersIn(after, "AT")).toBe(acmeOrders);
    expect(after.total).toEqual(before.total);
    await ok(w.repA.patch(`/api/customers/${w.ids.acme}`, { country: "DE" }), 200);
    expect(ordersIn(await report(w.admin, "groupBy=country"), "DE")).toBe(acmeOrders);
  });

  it("kept incrementally equals the rollup rebuilt from the orders", async () => {
    await confirmedOrder(w, { customerId: w.ids.bravo }, w.repB);
    // A cancellation empties a cell of its own in every rollup: none may stay behind as zeros.
    const cancelled = await confirmedOrder(w, { customerId: w.ids.bravo, currency: "GBP" }, w.repB);
    const withGbp = await rollupRows();
    await cancel(w.repB, cancelled.id);
    const incremental = await rollupRows();
    // Its cells were its own: each rollup loses exactly the rows the order had added.
    for (const name of ["cells", "byOwner", "byCountry"] as const) {
      expect(withGbp[name].filter((row) => row.currency === "GBP")).toHaveLength(1);
      expect(incremental[name].filter((row) => row.currency === "GBP")).toHaveLength(0);
    }
    expect(incremental.cells.length).toBeGreaterThan(0);
    for (const rows of Object.values(incremental)) expect(rows.every((row) => row.orders > 0)).toBe(true);
    const byOwner = summedOrders(incremental.cells, (cell) => cell.ownerId);
    expect(
      new Map(incremental.byOwner.map((row) => [`${row.month} ${row.ownerId} ${row.currency}`, row.orders])),
    ).toEqual(byOwner);
    const byCountry = summedOrders(incremental.cells, (cell) => cell.country);
    expect(
      new Map(
        incremental.byCountry.map((row) => [`${row.month} ${row.country} ${row.currency}`, row.orders]),
      ),
    ).toEqual(byCountry);
    await rebuildSalesRollup(t.database.db, workspaceId);
    expect(await rollupRows()).toEqual(incremental);
  });

  it("files an order under the month of its confirmation in the workspace's time zone", async () => {
    const order = await confirmedOrder(w);
    // 17:00 UTC on 31 January is already 1 February in Shanghai.
    await t.database.db
      .update(orders)
      .set({ confirmedAt: new Date("2025-01-31T17:00:00Z") })
      .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, order.id)));
    await rebuildSalesRollup(t.database.db, workspaceId);
    const result = await report(w.admin, "from=2025-01&to=2025-02");
    expect(result.rows.map((row) => [row.key, row.orders])).toEqual([
      ["2025-01", 0],
      ["2025-02", 1],
    ]);
  });
});

describe("who sees which sales", () => {
  it("shows a rep their own, a manager their team's, admins and finance everyone's", async () => {
    await confirmedOrder(w);
    await confirmedOrder(w, { customerId: w.ids.bravo }, w.repB);
    const owners = async (client: Client) =>
      (await report(client, "groupBy=owner")).rows.map((row) => row.key).sort();

    expect(await owners(w.repA)).toEqual([w.ids.repA]);
    expect(await owners(w.repB)).toEqual([w.ids.repB]);
    const teamA = [w.ids.managerA, w.ids.repA, w.ids.repA2];
    expect((await owners(w.managerA)).every((id) => teamA.includes(id))).toBe(true);
    expect(await owners(w.managerA)).toContain(w.ids.repA);
    expect(await owners(w.managerB)).toEqual([w.ids.repB]);
    for (const client of [w.admin, w.finance]) {
      const all = await owners(client);
      expect(all).toContain(w.ids.repA);
      expect(all).toContain(w.ids.repB);
    }
    expect(await owners(w.logistics)).toEqual([]);
    expect((await report(w.repA)).total.orders).toBeLessThan((await report(w.admin)).total.orders);
  });

  it("refuses roles without access to orders", async () => {
    const marketing = await createUserAndSignIn(w.admin, { role: "marketing" });
    expect((await marketing.client.get("/api/reports/sales")).status).toBe(403);
  });
});

describe("the range", () => {
  it.each([
    ["from=2026-05&to=2026-04", "to: must not be before from (2026-05)"],
    ["from=2020-01&to=2023-01", "to: the range covers 37 months; at most 36 are allowed"],
    ["from=2026-13", "must be a month such as 2026-03"],
    ["from=2026-1", "must be a month such as 2026-03"],
    ["to=2026/01", "must be a month such as 2026-03"],
    ["groupBy=product", "groupBy"],
    ["currency=XYZ", "ISO 4217"],
  ])("refuses %s with a clear message", async (query, message) => {
    const response = await w.admin.get(`/api/reports/sales?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  it("accepts 36 months and fills every month, empty ones included", async () => {
    const result = await report(w.repA, "from=2020-01&to=2022-12");
    expect(result.rows).toHaveLength(36);
    expect(result.rows[0]).toMatchObject({ key: "2020-01", orders: 0, amount: "0.00", byCurrency: [] });
  });
});
