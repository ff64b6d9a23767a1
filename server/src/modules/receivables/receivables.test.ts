import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness";
import { todayIn } from "../quotations/commercial";
import { ok, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";
import { confirmedOrder } from "../shipments/logistics-fixtures";
import { addDays } from "./receivables.service";

let t: TestApp;
let w: TradeWorld;
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
  today = todayIn("Asia/Shanghai", new Date());
});
afterAll(() => t.close());

type Receivable = {
  id: string;
  sequence: number;
  amount: string;
  paid: string;
  outstanding: string;
  dueDate: string | null;
  status: string;
};

async function receivablesOf(orderId: string, asOf?: string) {
  const { items } = await ok(
    w.finance.get(`/api/receivables?orderId=${orderId}${asOf ? `&asOf=${asOf}` : ""}`),
    200,
  );
  return items as Receivable[];
}

async function shipAll(order: { id: string; lines: { id: string }[] }, etd: string, blDate?: string) {
  const shipment = await ok(
    w.logistics.post(`/api/orders/${order.id}/shipments`, {
      lines: order.lines.map((line) => ({ orderLineId: line.id, quantity: 1 })),
      mode: "sea_fcl",
      etd,
    }),
  );
  if (blDate) {
    await ok(w.logistics.post(`/api/shipments/${shipment.id}/status`, { status: "departed", blDate }), 200);
  }
  return shipment;
}

describe("receivables", () => {
  it("resolves due dates from each kind of payment term as the events happen", async () => {
    const order = await confirmedOrder(w, {
      paymentTerms: [
        { method: "TT", percent: 10, due: "on_confirmation" },
        { method: "TT", percent: 20, due: "before_shipment" },
        { method: "LC", percent: 30, due: "at_sight" },
        { method: "OA", percent: 40, due: "after_bl", days: 60 },
      ],
    });
    const before = await receivablesOf(order.id);
    expect(before.map((r) => [r.amount, r.dueDate, r.status])).toEqual([
      ["40.00", today, "open"],
      ["80.00", null, "awaiting_event"],
      ["120.00", null, "awaiting_event"],
      ["160.00", null, "awaiting_event"],
    ]);
    expect(before[0]).toMatchObject({
      orderId: order.id,
      customerId: w.ids.acme,
      currency: "USD",
      dueRule: "on_confirmation",
    });

    await shipAll(order, "2031-03-01", "2031-03-05");
    const after = await receivablesOf(order.id);
    expect(after.map((r) => r.dueDate)).toEqual([today, "2031-03-01", "2031-03-05", "2031-05-04"]);
    // Judged on a later day, the first three are overdue.
    const late = await receivablesOf(order.id, "2031-04-01");
    expect(late.map((r) => r.status)).toEqual(["overdue", "overdue", "overdue", "open"]);
    expect(
      (await w.finance.get("/api/receivables?overdue=true&asOf=2031-04-01")).body.items.length,
    ).toBeGreaterThan(0);
  });

  it("allocates one payment over two receivables, shows partial and over-payments", async () => {
    const first = await confirmedOrder(w);
    const second = await confirmedOrder(w);
    const [a1, a2] = await receivablesOf(first.id);
    const [b1] = await receivablesOf(second.id);
    if (!a1 || !a2 || !b1) throw new Error("schedules of 30/70");

    const deposit = await ok(
      w.finance.post("/api/payments", {
        customerId: w.ids.acme,
        amount: "240.00",
        currency: "USD",
        receivedAt: today,
        bankReference: "HSBC 0001",
        bankCharges: "15.00",
        allocations: [
          { receivableId: a1.id, amount: "120.00" },
          { receivableId: b1.id, amount: "120" },
        ],
      }),
    );
    expect(deposit).toMatchObject({
      amount: "240.00",
      bankCharges: "15.00",
      netReceived: "225.00",
      allocated: "240.00",
      unallocated: "0.00",
    });
    expect(deposit.allocations.map((x: { orderNumber: string }) => x.orderNumber).sort()).toEqual(
      [first.number, second.number].sort(),
    );
    expect((await receivablesOf(first.id))[0]).toMatchObject({
      paid: "120.00",
      outstanding: "0.00",
      status: "paid",
    });
    expect((await receivablesOf(second.id))[0]).toMatchObject({ status: "paid" });

    // A partial payment leaves the balance owed.
    await ok(
      w.finance.post("/api/payments", {
        customerId: w.ids.acme,
        amount: "100.00",
        currency: "USD",
        receivedAt: today,
        allocations: [{ receivableId: a2.id, amount: "100.00" }],
      }),
    );
    expect((await receivablesOf(first.id))[1]).toMatchObject({
      amount: "280.00",
      paid: "100.00",
      outstanding: "180.00",
    });

    // More than owed on the receivable is refused; more money than allocated stays visible.
    const tooMuch = await w.finance.post("/api/payments", {
      customerId: w.ids.acme,
      amount: "300.00",
      currency: "USD",
      receivedAt: today,
      allocations: [{ receivableId: a2.id, amount: "180.01" }],
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.message).toContain("180.00 USD still owed");
    const over = await ok(
      w.finance.post("/api/payments", {
        customerId: w.ids.acme,
        amount: "300.00",
        currency: "USD",
        receivedAt: today,
        allocations: [{ receivableId: a2.id, amount: "180.00" }],
      }),
    );
    expect(over).toMatchObject({ allocated: "180.00", unallocated: "120.00" });
    const listed = await ok(w.finance.get(`/api/payments?customerId=${w.ids.acme}`), 200);
    expect(listed.items.find((p: { id: string }) => p.id === over.id).unallocated).toBe("120.00");

    const overAllocated = await w.finance.post("/api/payments", {
      customerId: w.ids.acme,
      amount: "10.00",
      currency: "USD",
      receivedAt: today,
      allocations: [{ receivableId: (await receivablesOf(second.id))[1]?.id, amount: "20.00" }],
    });
    expect(overAllocated.status).toBe(409);
    const wrongCurrency = await w.finance.post("/api/payments", {
      customerId: w.ids.acme,
      amount: "10.00",
      currency: "EUR",
      receivedAt: today,
      allocations: [{ receivableId: (await receivablesOf(second.id))[1]?.id, amount: "10.00" }],
    });
    expect(wrongCurrency.status).toBe(400);
    const otherCustomer = await w.finance.post("/api/payments", {
      customerId: w.ids.bravo,
      amount: "10.00",
      currency: "USD",
      receivedAt: today,
      allocations: [{ receivableId: (await receivablesOf(second.id))[1]?.id, amount: "10.00" }],
    });
    expect(otherCustomer.status).toBe(400);
  });

  it("keeps payments to finance and receivables to those who see the order", async () => {
    const order = await confirmedOrder(w);
    const body = { customerId: w.ids.acme, amount: "1.00", currency: "USD", receivedAt: today };
    expect((await w.repA.post("/api/payments", body)).status).toBe(403);
    expect((await w.managerA.post("/api/payments", body)).status).toBe(403);
    expect((await w.logistics.get("/api/receivables")).status).toBe(403);
    expect((await w.repA.get("/api/payments")).status).toBe(403);
    expect((await ok(w.repA.get(`/api/receivables?orderId=${order.id}`), 200)).total).toBe(2);
    expect((await ok(w.repB.get(`/api/receivables?orderId=${order.id}`), 200)).total).toBe(0);
    expect((await w.finance.post("/api/payments", { ...body, owner: w.ids.repA })).status).toBe(400);
  });

  it("ages what is owed in the reporting currency on a chosen day", async () => {
    const customer = await ok(
      w.repA.post("/api/customers", { name: `Aging Test ${Date.now()}`, country: "FR" }),
    );
    await ok(w.finance.post("/api/fx-rates", { date: "2000-01-01", base: "USD", quote: "CNY", rate: "7" }));
    const order = await confirmedOrder(w, {
      customerId: customer.id,
      contactId: undefined,
      paymentTerms: [
        { method: "TT", percent: 30, due: "on_confirmation" },
        { method: "OA", percent: 70, due: "after_bl", days: 30 },
      ],
    });
    await shipAll(order, addDays(today, -12), addDays(today, -10));
    const groupOf = async (asOf: string) => {
      const report = await ok(w.finance.get(`/api/reports/aging?groupBy=customer&asOf=${asOf}`), 200);
      expect(report.reportingCurrency).toBe("CNY");
      return report.groups.find((group: { key: string }) => group.key === customer.id);
    };
    // 120 USD due today and 280 USD due in 20 days, at 7 CNY a dollar.
    expect(await groupOf(today)).toMatchObject({ current: "2800.00", d1_30: "0.00", total: "2800.00" });
    expect(await groupOf(addDays(today, 45))).toMatchObject({
      current: "0.00",
      d1_30: "1960.00",
      d31_60: "840.00",
      d61_90: "0.00",
      over90: "0.00",
      total: "2800.00",
      label: customer.name,
    });
    expect(await groupOf(addDays(today, 100))).toMatchObject({ d61_90: "1960.00", over90: "840.00" });
    expect(await groupOf(addDays(today, 200))).toMatchObject({ over90: "2800.00" });

    const byCurrency = await ok(w.finance.get(`/api/reports/aging?groupBy=currency&asOf=${today}`), 200);
    expect(byCurrency.groups.map((group: { key: string }) => group.key)).toEqual(["USD"]);
    const byOwner = await ok(w.managerA.get(`/api/reports/aging?groupBy=owner&asOf=${today}`), 200);
    expect(byOwner.groups[0]).toMatchObject({ key: w.ids.repA, label: "Anna Rep" });
    expect((await w.finance.get("/api/reports/aging?groupBy=planet")).status).toBe(400);

    // The XLSX export carries the same groups, buckets and totals, as numbers with two decimals.
    const asOf = addDays(today, 45);
    const json = await ok(w.finance.get(`/api/reports/aging?groupBy=customer&asOf=${asOf}`), 200);
    const response = await w.finance.get(`/api/reports/aging/export?groupBy=customer&asOf=${asOf}`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="aging-customer-${asOf}.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(response.raw.rawPayload).buffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(sheet.getRow(1).getCell(1).value).toBe(`Customer (CNY, ${asOf})`);
    expect(sheet.getRow(1).getCell(7).value).toBe("Total");
    expect(sheet.rowCount).toBe(json.groups.length + 2);
    const rowOf = (label: string) => {
      for (let index = 2; index <= sheet.rowCount; index += 1) {
        if (sheet.getRow(index).getCell(1).value === label) return sheet.getRow(index);
      }
      throw new Error(`no row ${label}`);
    };
    const row = rowOf(customer.name);
    expect([2, 3, 4, 5, 6, 7].map((cell) => row.getCell(cell).value)).toEqual([0, 1960, 840, 0, 0, 2800]);
    expect(row.getCell(3).numFmt).toBe("#,##0.00");
    const sum = (key: "total" | "d1_30") =>
      json.groups.reduce((total: number, group: Record<string, string>) => total + Number(group[key]), 0);
    const totals = rowOf("Total");
    expect(totals.getCell(7).value).toBeCloseTo(sum("total"), 2);
    expect(totals.getCell(3).value).toBeCloseTo(sum("d1_30"), 2);
    expect((await w.logistics.get("/api/reports/aging/export")).status).toBe(403);
    expect((await w.finance.get("/api/reports/aging/export?groupBy=planet")).status).toBe(400);
  });
});
