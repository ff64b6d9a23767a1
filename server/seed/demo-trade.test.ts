import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "../../shared/schemas/orders";
import { QUOTATION_STATUSES } from "../../shared/schemas/quotations";
import { orders } from "../src/modules/orders/orders.table";
import { quotations } from "../src/modules/quotations/quotations.table";
import { setupTrade, type TradeWorld } from "../src/modules/quotations/trade-fixtures";
import { workspaces } from "../src/modules/workspaces/workspaces.table";
import { createTestApp, type TestApp } from "../test/harness";
import { seedDemoTrade } from "./demo-trade";

let t: TestApp;
let w: TradeWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
});
afterAll(() => t.close());

describe("demo quotations and orders", () => {
  it("cover every quotation state and the order lifecycle, once", async () => {
    const [workspace] = await t.database.db.select({ id: workspaces.id }).from(workspaces);
    const workspaceId = workspace?.id ?? "";
    const created = await seedDemoTrade(t.database.db, workspaceId);
    expect(created.quotations).toBeGreaterThanOrEqual(10);

    const quotationStates = new Set(
      (await t.database.db.select({ status: quotations.status }).from(quotations)).map((row) => row.status),
    );
    expect([...quotationStates].sort()).toEqual([...QUOTATION_STATUSES].sort());
    const orderStates = new Set(
      (
        await t.database.db
          .select({ status: orders.status })
          .from(orders)
          .where(eq(orders.workspaceId, workspaceId))
      ).map((row) => row.status),
    );
    expect([...orderStates].sort()).toEqual([...ORDER_STATUSES].sort());
    expect(await seedDemoTrade(t.database.db, workspaceId)).toEqual({ quotations: 0, orders: 0 });

    // The manager's inbox has the order priced far below list.
    const inbox = await w.managerA.get("/api/approvals?state=pending");
    const inboxB = await w.managerB.get("/api/approvals?state=pending");
    expect(inbox.body.items.length + inboxB.body.items.length).toBeGreaterThan(0);
  });
});
