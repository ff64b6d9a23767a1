import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness";
import { todayIn } from "../quotations/commercial";
import { ok, quotationBody, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";
import { confirmedOrder } from "../shipments/logistics-fixtures";
import { onOpenTerms } from "./credit.service";

let t: TestApp;
let w: TradeWorld;
let today: string;

type Item = { id: string; customerId: string; orderId: string; sequence: number };

beforeAll(async () => {
  t = await createTestApp();
  w = await setupTrade(t.app);
  today = todayIn("Asia/Shanghai", new Date());
  // 1 USD = 7 CNY: the fixture order of 400.00 USD is 2800.00 CNY.
  await ok(w.finance.post("/api/fx-rates", { date: "2000-01-01", base: "USD", quote: "CNY", rate: "7" }));
});
afterAll(() => t.close());

let serial = 0;
async function newCustomer() {
  serial += 1;
  const name = ["Aurora", "Boreal", "Cobalt", "Dune", "Ember", "Fjord"][serial % 6];
  return ok(
    w.repA.post("/api/customers", {
      name: `${name} Imports ${serial}`,
      country: "FR",
      confirmNotDuplicate: true,
    }),
  );
}
const setCredit = (customerId: string, body: Record<string, unknown>) =>
  ok(w.managerA.request("PATCH", `/api/customers/${customerId}/credit`, { body }), 200);
const creditOf = (customerId: string) => ok(w.finance.get(`/api/customers/${customerId}/credit`), 200);
const mugs = (order: { lines: { id: string; sku: string }[] }) =>
  order.lines.find((line) => line.sku === "MUG-500")?.id;
const lamps = (order: { lines: { id: string; sku: string }[] }) =>
  order.lines.find((line) => line.sku === "LAMP-01")?.id;

async function plan(orderId: string, orderLineId: string | undefined, quantity: number) {
  return ok(
    w.logistics.post(`/api/orders/${orderId}/shipments`, {
      lines: [{ orderLineId, quantity }],
      mode: "sea_lcl",
    }),
  );
}
const depart = (shipmentId: string) =>
  w.logistics.post(`/api/shipments/${shipmentId}/status`, { status: "departed" });

describe("open terms", () => {
  it("are instalments paid once the goods travel, unless a letter of credit secures them", () => {
    expect(onOpenTerms([{ method: "TT", percent: 100, due: "on_confirmation" }])).toBe(false);
    expect(
      onOpenTerms([
        { method: "TT", percent: 30, due: "on_confirmation" },
        { method: "TT", percent: 70, due: "before_shipment" },
      ]),
    ).toBe(false);
    expect(onOpenTerms([{ method: "LC", percent: 100, due: "at_sight" }])).toBe(false);
    expect(onOpenTerms([{ method: "DP", percent: 100, due: "at_sight" }])).toBe(true);
    expect(
      onOpenTerms([
        { method: "TT", percent: 30, due: "on_confirmation" },
        { method: "TT", percent: 70, due: "after_bl", days: 0 },
      ]),
    ).toBe(true);
  });
});

describe("customer credit", () => {
  it("sets the limit and the insurance, audits each change and answers the reader's shape", async () => {
    const customer = await newCustomer();
    expect(await creditOf(customer.id)).toEqual({
      customerId: customer.id,
      creditLimit: null,
      currency: null,
      insurance: null,
      exposure: null,
      usedPercent: null,
      level: null,
      insuranceExpired: false,
      unconverted: [],
    });
    const set = await ok(
      w.finance.request("PATCH", `/api/customers/${customer.id}/credit`, {
        body: {
          creditLimit: "10000",
          currency: "cny",
          insurance: {
            insurer: "Sinosure",
            policyNumber: "SIN-2026-001",
            approvedLimit: "1500",
            currency: "USD",
            expiresOn: "2099-12-31",
          },
        },
      }),
      200,
    );
    expect(set).toMatchObject({
      creditLimit: "10000.00",
      currency: "CNY",
      exposure: "0.00",
      usedPercent: 0,
      level: "ok",
      insuranceExpired: false,
      insurance: {
        insurer: "Sinosure",
        policyNumber: "SIN-2026-001",
        approvedLimit: "1500.00",
        currency: "USD",
        expiresOn: "2099-12-31",
      },
    });
    // Omitted fields stay; the insurance is replaced as a whole.
    const expired = await setCredit(customer.id, {
      insurance: { insurer: "Sinosure", expiresOn: "2001-01-31" },
    });
    expect(expired).toMatchObject({
      creditLimit: "10000.00",
      insuranceExpired: true,
      insurance: { insurer: "Sinosure", policyNumber: null, approvedLimit: null, expiresOn: "2001-01-31" },
    });
    // The same values again change nothing and write no audit row.
    await setCredit(customer.id, { insurance: { insurer: "Sinosure", expiresOn: "2001-01-31" } });
    const cleared = await setCredit(customer.id, { creditLimit: null, currency: null, insurance: null });
    expect(cleared).toMatchObject({ creditLimit: null, exposure: null, level: null, insurance: null });

    const audit = await ok(w.admin.get(`/api/audit?entityType=customer&entityId=${customer.id}`), 200);
    const changes = audit.items.filter(
      (entry: { action: string }) => entry.action === "customer.credit_changed",
    );
    expect(changes).toHaveLength(3);

    // The older endpoint reads and writes the same limit.
    await ok(
      w.managerA.request("PUT", `/api/customers/${customer.id}/credit-limit`, {
        body: { creditLimit: "700", creditLimitCurrency: "EUR" },
      }),
      200,
    );
    expect(await creditOf(customer.id)).toMatchObject({ creditLimit: "700.00", currency: "EUR" });
  });

  it("refuses bad bodies with the field named, and hides customers from outsiders", async () => {
    const customer = await newCustomer();
    const url = `/api/customers/${customer.id}/credit`;
    const refusals = [
      { creditLimit: "1000" },
      { creditLimit: "1000", currency: null },
      { creditLimit: "-5", currency: "USD" },
      { creditLimit: "1000", currency: "XXY" },
      { insurance: { insurer: "" } },
      { insurance: { insurer: "Sinosure", approvedLimit: "100" } },
      { insurance: { insurer: "Sinosure", expiresOn: "31/12/2026" } },
      { creditLimit: "1000", currency: "USD", unknown: true },
    ];
    for (const body of refusals) {
      const response = await w.managerA.request("PATCH", url, { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toMatch(/creditLimit|currency|insurance|unknown|Unrecognized/i);
    }
    // A rep cannot set credit; logistics cannot read it.
    expect((await w.repA.request("PATCH", url, { body: { creditLimit: "1", currency: "USD" } })).status).toBe(
      403,
    );
    expect((await w.logistics.get(url)).status).toBe(403);
    // Another team's manager and rep do not see this customer: 404, for reading and writing alike.
    expect(
      (await w.managerB.request("PATCH", url, { body: { creditLimit: "1", currency: "USD" } })).status,
    ).toBe(404);
    expect((await w.repB.get(url)).status).toBe(404);
    expect((await w.finance.get("/api/customers/00000000-0000-4000-8000-000000000000/credit")).status).toBe(
      404,
    );
    // The owner reads it.
    expect((await w.repA.get(url)).status).toBe(200);
  });
});

describe("exposure and approvals", () => {
  it("follows exposure across partial shipments and payments, in the limit's currency", async () => {
    const customer = await newCustomer();
    await setCredit(customer.id, { creditLimit: "5600", currency: "CNY" });
    const lineOf = async () => {
      const report = await ok(w.finance.get(`/api/reports/credit?date=${today}`), 200);
      return report.items.find((item: { customerId: string }) => item.customerId === customer.id);
    };
    expect(await lineOf()).toMatchObject({ exposure: "0.00", usedPercent: 0, level: "ok" });

    const first = await confirmedOrder(w, { customerId: customer.id, contactId: undefined });
    expect(await lineOf()).toMatchObject({
      exposure: "2800.00",
      usedPercent: 50,
      level: "ok",
      currency: "CNY",
    });
    // Exactly at the limit: 2800 + 2800 = 5600 CNY confirms without approval.
    const second = await confirmedOrder(w, { customerId: customer.id, contactId: undefined });
    expect(await lineOf()).toMatchObject({ exposure: "5600.00", usedPercent: 100, level: "warning" });
    expect(await creditOf(customer.id)).toMatchObject({
      exposure: "5600.00",
      usedPercent: 100,
      level: "warning",
    });

    // Departing half of the first order at the limit: allowed, and exposure does not move.
    const s1 = await plan(first.id, mugs(first), 50);
    expect((await depart(s1.id)).status).toBe(200);
    expect((await lineOf()).exposure).toBe("5600.00");

    // One cent less of limit: the next departure is held for a manager.
    await setCredit(customer.id, { creditLimit: "5599.99", currency: "CNY" });
    expect(await lineOf()).toMatchObject({ level: "over" });
    const s2 = await plan(second.id, mugs(second), 100);
    const held = await depart(s2.id);
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe("approval_required");
    const approvalId = held.body.error.details.approvalId;
    expect((await ok(w.logistics.get(`/api/shipments/${s2.id}`), 200)).status).toBe("planned");
    // Trying again files nothing new.
    expect((await depart(s2.id)).body.error.details.approvalId).toBe(approvalId);
    const inbox = await ok(w.managerA.get("/api/approvals"), 200);
    const request = inbox.items.find((item: { id: string }) => item.id === approvalId);
    expect(request).toMatchObject({
      orderId: second.id,
      shipmentId: s2.id,
      shipmentNumber: s2.number,
      canDecide: true,
      reasons: [
        {
          kind: "credit",
          creditLimit: "5599.99",
          currency: "CNY",
          openAmount: "2800.00",
          orderTotal: "2800.00",
        },
      ],
    });
    // The approval lets the shipment depart and leaves the order confirmed.
    const approved = await ok(w.managerA.post(`/api/orders/${second.id}/approve`, {}), 200);
    expect(approved.status).toBe("confirmed");
    expect((await depart(s2.id)).status).toBe(200);

    // Paying the first order's deposit (120 USD = 840 CNY) lowers exposure to 4760.00 CNY.
    const receivables = await ok(w.finance.get(`/api/receivables?customerId=${customer.id}`), 200);
    const deposit = receivables.items.find((r: Item) => r.orderId === first.id && r.sequence === 1);
    await ok(
      w.finance.post("/api/payments", {
        customerId: customer.id,
        amount: "120.00",
        currency: "USD",
        receivedAt: today,
        allocations: [{ receivableId: deposit.id, amount: "120.00" }],
      }),
    );
    expect(await lineOf()).toMatchObject({ exposure: "4760.00", level: "warning" });
    // At the lowered exposure exactly, the rest of the mugs leave; one cent under it, the lamps wait.
    await setCredit(customer.id, { creditLimit: "4760.00", currency: "CNY" });
    expect((await depart((await plan(first.id, mugs(first), 50)).id)).status).toBe(200);
    await setCredit(customer.id, { creditLimit: "4759.99", currency: "CNY" });
    expect((await depart((await plan(first.id, lamps(first), 10)).id)).status).toBe(409);
    // An order paid in full leaves whatever the rest of the account owes.
    await setCredit(customer.id, { creditLimit: "100000", currency: "CNY" });
    const third = await confirmedOrder(w, { customerId: customer.id, contactId: undefined });
    const owedOnThird = (await ok(w.finance.get(`/api/receivables?orderId=${third.id}`), 200)).items;
    await ok(
      w.finance.post("/api/payments", {
        customerId: customer.id,
        amount: "400.00",
        currency: "USD",
        receivedAt: today,
        allocations: owedOnThird.map((r: Item & { amount: string }) => ({
          receivableId: r.id,
          amount: r.amount,
        })),
      }),
    );
    await setCredit(customer.id, { creditLimit: "4759.99", currency: "CNY" });
    expect((await depart((await plan(third.id, mugs(third), 100)).id)).status).toBe(200);

    expect((await w.logistics.get("/api/reports/credit")).status).toBe(403);
    // Another team's rep sees no line for a customer they have no order of.
    expect(
      (await ok(w.repB.get("/api/reports/credit"), 200)).items.find(
        (i: { customerId: string }) => i.customerId === customer.id,
      ),
    ).toBeUndefined();
  });

  it("sends the order one cent over the limit to approval, converting its currency", async () => {
    const customer = await newCustomer();
    await setCredit(customer.id, { creditLimit: "5599.99", currency: "CNY" });
    await confirmedOrder(w, { customerId: customer.id, contactId: undefined });
    const { validUntil: _v, ...body } = quotationBody(w, {
      customerId: customer.id,
      contactId: undefined,
      lines: [
        { productId: w.ids.mug, quantity: 100, unitPrice: "2.50" },
        { productId: w.ids.lamp, quantity: 10, unitPrice: "15.00" },
      ],
    });
    const draft = await ok(w.repA.post("/api/orders", body));
    const submitted = await ok(w.repA.post(`/api/orders/${draft.id}/submit`, {}), 200);
    expect(submitted.status).toBe("pending_approval");
    expect(submitted.approval.shipmentId).toBeNull();
    expect(submitted.approval.reasons).toEqual([
      expect.objectContaining({
        kind: "credit",
        currency: "CNY",
        creditLimit: "5599.99",
        openAmount: "2800.00",
        orderTotal: "2800.00",
        message: expect.stringContaining("converted from USD"),
      }),
    ]);
    // Rejecting a confirmation still sends the order back to draft.
    const rejected = await ok(w.managerA.post(`/api/orders/${draft.id}/reject`, { reason: "Too much" }), 200);
    expect(rejected.status).toBe("draft");
  });

  it("holds orders and departures on open terms once the credit insurance has expired", async () => {
    const customer = await newCustomer();
    await setCredit(customer.id, { insurance: { insurer: "Sinosure", expiresOn: "2001-01-31" } });
    // Prepaid terms (deposit on confirmation, balance before shipment) are not open: confirmed at once.
    const prepaid = await confirmedOrder(w, { customerId: customer.id, contactId: undefined });
    expect((await depart((await plan(prepaid.id, mugs(prepaid), 100)).id)).status).toBe(200);

    const { validUntil: _v, ...body } = quotationBody(w, {
      customerId: customer.id,
      contactId: undefined,
      lines: [{ productId: w.ids.mug, quantity: 100, unitPrice: "2.50" }],
      paymentTerms: [
        { method: "TT", percent: 30, due: "on_confirmation" },
        { method: "OA", percent: 70, due: "after_bl", days: 60 },
      ],
    });
    const draft = await ok(w.repA.post("/api/orders", body));
    const submitted = await ok(w.repA.post(`/api/orders/${draft.id}/submit`, {}), 200);
    expect(submitted.status).toBe("pending_approval");
    expect(submitted.approval.reasons).toEqual([
      expect.objectContaining({ kind: "credit_insurance", insurer: "Sinosure", expiresOn: "2001-01-31" }),
    ]);
    const order = await ok(w.managerA.post(`/api/orders/${draft.id}/approve`, {}), 200);
    const shipment = await plan(order.id, mugs(order), 100);
    const held = await depart(shipment.id);
    expect(held.status).toBe(409);
    expect(held.body.error.details.reasons[0].kind).toBe("credit_insurance");
    // Renewed insurance: the departure needs no decision any more, and its request is withdrawn.
    await setCredit(customer.id, { insurance: { insurer: "Sinosure", expiresOn: "2099-12-31" } });
    expect((await depart(shipment.id)).status).toBe(200);
    const all = await ok(w.managerA.get("/api/approvals?state=all"), 200);
    expect(
      all.items.find((item: { id: string }) => item.id === held.body.error.details.approvalId),
    ).toMatchObject({
      state: "cancelled",
      shipmentId: shipment.id,
    });
  });
});
