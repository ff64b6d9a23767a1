import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "../../shared/schemas/orders";
import { QUOTATION_STATUSES } from "../../shared/schemas/quotations";
import { SHIPMENT_STATUSES } from "../../shared/schemas/shipments";
import { orders } from "../src/modules/orders/orders.table";
import { quotations } from "../src/modules/quotations/quotations.table";
import { setupTrade, type TradeWorld } from "../src/modules/quotations/trade-fixtures";
import { shipments } from "../src/modules/shipments/shipments.table";
import { workspaces } from "../src/modules/workspaces/workspaces.table";
import { createTestApp, type TestApp } from "../test/harness";
import { seedDemoLogistics, seedDemoRates } from "./demo-logistics";
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
    expect(await seedDemoRates(t.database.db, workspaceId)).toBeGreaterThan(60);
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

  it("ship, bill and chase: shipments in every state, payments, overdue receivables and a customer over its limit", async () => {
    const [workspace] = await t.database.db.select({ id: workspaces.id }).from(workspaces);
    const workspaceId = workspace?.id ?? "";
    const seeded = await seedDemoLogistics(t.database.db, workspaceId);
    expect(seeded.payments).toBeGreaterThan(0);
    const states = new Set(
      (await t.database.db.select({ status: shipments.status }).from(shipments)).map((row) => row.status),
    );
    expect([...states].sort()).toEqual([...SHIPMENT_STATUSES].sort());

    const overdue = await w.finance.get("/api/receivables?overdue=true");
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.length).toBeGreaterThan(0);
    const payments = await w.finance.get("/api/payments");
    expect(
      payments.body.items.some((payment: { bankCharges: string }) => payment.bankCharges !== "0.00"),
    ).toBe(true);
    expect(
      payments.body.items.some((payment: { unallocated: string }) => payment.unallocated !== "0.00"),
    ).toBe(true);
    const credit = await w.finance.get("/api/reports/credit");
    expect(credit.body.items.some((item: { level: string }) => item.level === "over")).toBe(true);
    const insured = await Promise.all(
      credit.body.items.map(
        async (item: { customerId: string }) =>
          (await w.finance.get(`/api/customers/${item.customerId}/credit`)).body,
      ),
    );
    expect(
      insured.some((item) => item.insurance?.insurer.startsWith("Sinosure") && !item.insuranceExpired),
    ).toBe(true);
    expect(insured.some((item) => item.insuranceExpired)).toBe(true);

    expect(await seedDemoLogistics(t.database.db, workspaceId)).toEqual({ shipments: 0, payments: 0 });
  });
});
