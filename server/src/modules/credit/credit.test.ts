import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness";
import { todayIn } from "../quotations/commercial";
import { ok, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";
import { confirmedOrder } from "../shipments/logistics-fixtures";

let t: TestApp;
let w: TradeWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
});
afterAll(() => t.close());

describe("credit report", () => {
  it("follows exposure across partial shipments and payments, in the limit's currency", async () => {
    const today = todayIn("Asia/Shanghai", new Date());
    const customer = await ok(
      w.repA.post("/api/customers", { name: `Credit Test ${Date.now()}`, country: "FR" }),
    );
    await ok(
      w.managerA.request("PUT", `/api/customers/${customer.id}/credit-limit`, {
        body: { creditLimit: "5000", creditLimitCurrency: "CNY" },
      }),
      200,
    );
    await ok(w.finance.post("/api/fx-rates", { date: "2000-01-01", base: "USD", quote: "CNY", rate: "7" }));
    const lineOf = async () => {
      const report = await ok(w.finance.get(`/api/reports/credit?date=${today}`), 200);
      return report.items.find((item: { customerId: string }) => item.customerId === customer.id);
    };
    expect(await lineOf()).toMatchObject({ exposure: "0.00", usedPercent: 0, level: "ok" });

    // 400 USD = 2800 CNY of 5000: 56%.
    const order = await confirmedOrder(w, { customerId: customer.id, contactId: undefined });
    expect(await lineOf()).toMatchObject({
      exposure: "2800.00",
      usedPercent: 56,
      level: "ok",
      currency: "CNY",
    });
    // Shipping half does not change what is owed.
    const shipment = await ok(
      w.logistics.post(`/api/orders/${order.id}/shipments`, {
        lines: [{ orderLineId: order.lines[0]?.id, quantity: 50 }],
        mode: "sea_lcl",
      }),
    );
    await ok(w.logistics.post(`/api/shipments/${shipment.id}/status`, { status: "departed" }), 200);
    expect((await lineOf()).exposure).toBe("2800.00");
    // A second order takes it to 5600 CNY: over the limit.
    const second = await confirmedOrder(w, { customerId: customer.id, contactId: undefined });
    expect(await lineOf()).toMatchObject({ exposure: "5600.00", usedPercent: 112, level: "over" });
    // Paying both deposits (2 × 120 USD = 1680 CNY) brings it to 3920 CNY: 78.4%.
    const receivables = await ok(w.finance.get(`/api/receivables?customerId=${customer.id}`), 200);
    const deposits = receivables.items.filter((r: { sequence: number }) => r.sequence === 1);
    await ok(
      w.finance.post("/api/payments", {
        customerId: customer.id,
        amount: "240.00",
        currency: "USD",
        receivedAt: today,
        allocations: deposits.map((r: { id: string }) => ({ receivableId: r.id, amount: "120.00" })),
      }),
    );
    expect(await lineOf()).toMatchObject({ exposure: "3920.00", usedPercent: 78.4, level: "ok" });
    await ok(
      w.finance.post("/api/payments", {
        customerId: customer.id,
        amount: "50.00",
        currency: "USD",
        receivedAt: today,
        allocations: [
          {
            receivableId: receivables.items.find(
              (r: { orderId: string; sequence: number }) => r.orderId === second.id && r.sequence === 2,
            ).id,
            amount: "50.00",
          },
        ],
      }),
    );
    // A partial payment of 50 USD on a balance: 3920 − 350 = 3570 CNY, 71.4%.
    expect(await lineOf()).toMatchObject({ exposure: "3570.00", usedPercent: 71.4, level: "ok" });
    expect((await w.logistics.get("/api/reports/credit")).status).toBe(403);
    // Another team's rep sees no line for a customer they have no order of.
    expect(
      (await ok(w.repB.get("/api/reports/credit"), 200)).items.find(
        (i: { customerId: string }) => i.customerId === customer.id,
      ),
    ).toBeUndefined();
  });
});
