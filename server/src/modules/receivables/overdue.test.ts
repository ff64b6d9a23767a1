import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../../../test/harness";
import { createTestApp, type TestApp } from "../../../test/harness";
import { backgroundTasks } from "../../jobs/registry";
import { runOncePerPeriod } from "../../jobs/scheduler";
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

const DAY = 86_400_000;

async function overdueNotices(client: Client, orderId: string) {
  const { items } = await ok(client.get("/api/notifications?limit=200"), 200);
  return items.filter(
    (item: { type: string; entityId: string }) =>
      item.type === "receivable_overdue" && item.entityId === orderId,
  );
}

describe("overdue receivables", () => {
  it("tells the owner and finance once per receivable, and never about paid ones", async () => {
    const task = backgroundTasks.find((candidate) => candidate.name === "receivable-overdue");
    if (!task) throw new Error("the overdue task is not registered");
    // Both deposits fall due on confirmation day; the balances wait for a shipment.
    const unpaid = await confirmedOrder(w);
    const paid = await confirmedOrder(w);
    const today = todayIn("Asia/Shanghai", new Date());
    const { items } = await ok(w.finance.get(`/api/receivables?orderId=${paid.id}`), 200);
    await ok(
      w.finance.post("/api/payments", {
        customerId: w.ids.acme,
        amount: "120.00",
        currency: "USD",
        receivedAt: today,
        allocations: [{ receivableId: items[0].id, amount: "120.00" }],
      }),
    );

    // On the due day itself nothing is overdue yet.
    expect(await runOncePerPeriod(t.database.db, task, new Date())).toBe(true);
    expect(await overdueNotices(w.repA, unpaid.id)).toHaveLength(0);

    expect(await runOncePerPeriod(t.database.db, task, new Date(Date.now() + 2 * DAY))).toBe(true);
    const [notice] = await overdueNotices(w.repA, unpaid.id);
    expect(notice).toMatchObject({
      title: expect.stringContaining(`120.00 USD on ${unpaid.number}`),
      data: { receivableId: expect.any(String), currency: "USD", outstanding: "120.00" },
    });
    expect(await overdueNotices(w.repA, unpaid.id)).toHaveLength(1);
    expect(await overdueNotices(w.finance, unpaid.id)).toHaveLength(1);
    // Nobody else, and nothing about the paid deposit.
    expect(await overdueNotices(w.repB, unpaid.id)).toHaveLength(0);
    expect(await overdueNotices(w.repA, paid.id)).toHaveLength(0);
    expect(await overdueNotices(w.finance, paid.id)).toHaveLength(0);

    // The next run, a day later, is silent about what it already announced.
    expect(await runOncePerPeriod(t.database.db, task, new Date(Date.now() + 3 * DAY))).toBe(true);
    expect(await overdueNotices(w.repA, unpaid.id)).toHaveLength(1);
    expect(await overdueNotices(w.finance, unpaid.id)).toHaveLength(1);
  });
});
