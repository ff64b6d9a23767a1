import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiSession,
  confirmedOrder,
  hasChromium,
  type Journey,
  openNav,
  pickOption,
  sessionOf,
  setUpWorkspace,
  signIn,
  startJourney,
  stockedProduct,
  visible,
} from "./harness";

const password = "export team password 1";
const admin = { name: "Ada Chen", email: "ada@seabreeze.example", password };
const manager = { name: "Mei Wong", email: "mei@seabreeze.example", password, role: "manager" };
const rep = { name: "Arjun Rao", email: "arjun@seabreeze.example", password, role: "sales" };
const finance = { name: "Li Na", email: "lina@seabreeze.example", password, role: "finance" };
const logistics = { name: "Zhou Bo", email: "zhoubo@seabreeze.example", password, role: "logistics" };

const customerName = "Lisboa Lighting Distribuição Lda";

type Order = { id: string; number: string; status: string; lines: { id: string }[] };

// A controlled input settles after React re-renders; read it until it shows the value.
async function hasValue(field: Locator, value: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = await field.inputValue();
  while (last !== value && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await field.inputValue();
  }
  expect(last).toBe(value);
}

const browserOptions = {
  locale: "en-US",
  timezoneId: "Asia/Shanghai",
  viewport: { width: 1366, height: 900 },
};

describe.skipIf(!hasChromium)("finance journey", () => {
  let journey: Journey | undefined;
  let browser: Browser;
  let baseUrl: string;
  let order: Order;
  let customer: { id: string };
  let logisticsApi: ApiSession;
  let repApi: ApiSession;
  let productId: string;

  beforeAll(async () => {
    journey = await startJourney();
    ({ baseUrl, browser } = journey);

    // Reported in USD, so the USD order needs no exchange rate to appear in the aging report.
    const { adminApi, addUser } = await setUpWorkspace(baseUrl, admin, {
      currency: "USD",
      timeZone: "Asia/Shanghai",
    });
    const mei = await addUser(manager);
    // The rep is in the manager's team, so the manager sees the rep's customers in full.
    const team = await adminApi.request<{ id: string }>("POST", "/api/teams", {
      name: "Europe",
      managerId: mei.id,
    });
    await addUser(rep, { teamId: team.id });
    for (const user of [finance, logistics]) await addUser(user);

    const product = await stockedProduct(await sessionOf(baseUrl, manager), {
      sku: "LED-PNL-6060",
      name: "LED panel light 600x600 40W",
      unit: "pcs",
      listPrices: [{ currency: "USD", amount: "12.50" }],
    });

    // 200 panels at list price: confirmed without approval. 30% deposit now, 70% against the B/L.
    productId = product.id;
    repApi = await sessionOf(baseUrl, rep);
    customer = await repApi.request<{ id: string }>("POST", "/api/customers", {
      name: customerName,
      country: "PT",
    });
    order = await confirmedOrder<Order>(repApi, {
      customerId: customer.id,
      paymentTerms: [
        { method: "TT", percent: 30, due: "on_confirmation" },
        { method: "TT", percent: 70, due: "after_bl", days: 0 },
      ],
      lines: [{ productId: product.id, quantity: 200, unitPrice: "12.50" }],
    });

    logisticsApi = await sessionOf(baseUrl, logistics);
  });

  afterAll(async () => {
    await journey?.stop();
  });

  it("finance records the deposit, then the balance once the goods sail; aging follows", async () => {
    const context = await browser.newContext({ ...browserOptions, baseURL: baseUrl });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, finance.email, finance.password);

    // Home: the deposit is due today, nothing is late yet.
    const home = page.locator(".ant-card").filter({ hasText: "Overdue receivables" }).first();
    await visible(home.getByText("Due in the next 7 days"));
    await visible(home.getByText("USD 750.00"));

    // The order's two instalments: the deposit open, the balance waiting for the B/L.
    await openNav(page, "Receivables");
    const deposit = page.getByRole("row", { name: /Instalment 1/ });
    const balance = page.getByRole("row", { name: /Instalment 2/ });
    await visible(deposit.getByText("USD 750.00").first());
    await visible(balance.getByText("Awaiting B/L (+0 days)"));

    await openNav(page, "Aging");
    await visible(page.getByRole("row", { name: /Lisboa Lighting.*USD 2,500\.00/ }).first());

    // The deposit, from its row: customer and currency come with it, the amount goes to it.
    await openNav(page, "Receivables");
    await deposit.getByRole("button", { name: /Record a payment for PI-\d{4}-0001 instalment 1/ }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("Amount received").fill("760");
    await drawer.getByLabel("Bank charges").fill("10");
    await drawer.getByLabel("Bank reference").fill("HSBC HK 88120");
    // More than the deposit: the drawer spreads it oldest first, so 10.00 goes to the balance.
    await hasValue(drawer.getByLabel(/Allocate to PI-\d{4}-0001 instalment 2/), "10.00");
    await visible(
      drawer.getByText("Under-payment: USD 1,740.00 stays owed on the receivables this payment touches."),
    );
    await drawer.getByLabel(/Allocate to PI-\d{4}-0001 instalment 2/).fill("");
    await visible(drawer.getByText("Overpayment: USD 10.00 will stay unallocated on this payment."));
    await drawer.getByLabel("Amount received").fill("750");
    await drawer.getByRole("button", { name: "Oldest first" }).click();
    await hasValue(drawer.getByLabel(/Allocate to PI-\d{4}-0001 instalment 1/), "750.00");
    await drawer.getByRole("button", { name: "Record payment", exact: true }).click();
    await visible(page.getByText("Payment of USD 750.00 recorded, USD 750.00 allocated"));
    await visible(deposit.locator(".ant-tag").filter({ hasText: "Paid" }));
    await visible(page.getByRole("row", { name: /HSBC HK 88120/ }));

    await openNav(page, "Aging");
    await visible(page.getByRole("row", { name: /Lisboa Lighting.*USD 1,750\.00/ }).first());
    // The same report as a workbook, saved by the browser.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /Export XLSX/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    // The goods sail: the B/L date makes the balance due.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    const shipment = await logisticsApi.request<{ id: string }>("POST", `/api/orders/${order.id}/shipments`, {
      lines: order.lines.map((line) => ({ orderLineId: line.id, quantity: 200 })),
      mode: "sea_fcl",
    });
    await logisticsApi.request("POST", `/api/shipments/${shipment.id}/status`, {
      status: "departed",
      blNumber: "COSU6123456780",
      blDate: today,
    });

    // The balance, from the page's button: the customer is picked, the currency follows.
    await openNav(page, "Receivables");
    await visible(balance.locator(".ant-tag").filter({ hasText: "Open" }));
    // The rows' buttons are named after their instalment; the page's own says only this.
    await page
      .locator("button")
      .filter({ hasText: /^Record a payment$/ })
      .click();
    await pickOption(page, drawer.getByLabel("Customer"), "Lisboa", customerName);
    await drawer.getByLabel("Amount received").fill("1750");
    await hasValue(drawer.getByLabel(/Allocate to PI-\d{4}-0001 instalment 2/), "1750.00");
    await drawer.getByRole("button", { name: "Record payment", exact: true }).click();
    await visible(page.getByText("Payment of USD 1,750.00 recorded, USD 1,750.00 allocated"));
    await visible(balance.locator(".ant-tag").filter({ hasText: "Paid" }));

    await openNav(page, "Aging");
    await visible(page.getByText("Nothing is owed."));

    // The other finance pages open on this data without errors.
    await openNav(page, "Exchange rates");
    await visible(page.getByText("Realised gain/loss by sales rep"));
    await openNav(page, "Credit control");
    await visible(page.getByText("No customer has a credit limit yet"));

    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("the manager sets a limit and Sinosure cover on the customer page; finance sees the customer near it", async () => {
    const context = await browser.newContext({ ...browserOptions, baseURL: baseUrl });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, manager.email, manager.password);
    await page.goto(`/customers/${customer.id}`);
    await page.getByRole("button", { name: "Credit" }).click();
    const drawer = page.getByRole("dialog");
    await visible(drawer.getByText("No credit limit set."));
    await drawer.getByLabel("Credit limit").fill("3000");
    await pickOption(page, drawer.getByLabel("Currency").first(), "USD", "USD");
    await drawer.getByLabel("Insured").click();
    await drawer.getByLabel("Insurer").fill("Sinosure 中国信保");
    // The insurers' suggestions would cover the next field.
    await page.keyboard.press("Escape");
    await drawer.getByLabel("Policy no.").fill("SCH-2026-00817");
    await drawer.getByRole("button", { name: "Save" }).click();
    await visible(page.getByText("Credit saved"));

    // A new order of USD 2,500.00 within the USD 3,000.00 limit confirms, and uses 83% of it.
    const draft = await repApi.request<Order>("POST", "/api/orders", {
      customerId: customer.id,
      currency: "USD",
      incoterm: "FOB",
      namedPlace: "Ningbo",
      paymentTerms: [{ method: "TT", percent: 100, due: "before_shipment" }],
      lines: [{ productId, quantity: 200, unitPrice: "12.50" }],
    });
    const second = await repApi.request<Order>("POST", `/api/orders/${draft.id}/submit`, {});
    expect(second.status).toBe("confirmed");

    const financeContext = await browser.newContext({ ...browserOptions, baseURL: baseUrl });
    const financePage = await financeContext.newPage();
    financePage.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(financePage, finance.email, finance.password);
    await openNav(financePage, "Credit control");
    const row = financePage.getByRole("row", { name: new RegExp(customerName) });
    await visible(row.locator(".ant-tag").filter({ hasText: "Over 80%" }));
    await visible(row.getByText("USD 2,500.00"));
    await row.getByRole("button", { name: `Credit of ${customerName}` }).click();
    await visible(financePage.getByRole("dialog").getByLabel("Policy no."));

    expect(pageErrors).toEqual([]);
    await financeContext.close();
    await context.close();
  });

  it("finance enters a rate by hand and imports the ECB reference rates", async () => {
    const context = await browser.newContext({ ...browserOptions, baseURL: baseUrl });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, finance.email, finance.password);
    await openNav(page, "Exchange rates");

    await page.getByRole("button", { name: "Add a rate" }).click();
    const dialog = page.getByRole("dialog");
    await pickOption(page, dialog.getByLabel("Quote"), "CNY", "CNY");
    await dialog.getByLabel("Rate").fill("7.1234");
    await dialog.getByRole("button", { name: "Save" }).click();
    await visible(page.getByText("Rate saved: 1 USD = 7.1234 CNY"));
    await visible(page.getByRole("row", { name: /USD.*CNY.*7\.1234.*manual/ }));

    // As the ECB publishes it: EUR base, one column per currency, a trailing comma on every line.
    await page.getByRole("button", { name: "Import CSV" }).click();
    await dialog.locator("input[type=file]").setInputFiles({
      name: "eurofxref.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Date, USD, JPY, \n27 November 2026, 1.0574, 163.95, \n"),
    });
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await visible(dialog.getByText("2 rates imported over 1 day(s)"));
    await visible(dialog.getByText("ECB reference rates · JPY, USD"));
    await dialog
      .locator("button")
      .filter({ hasText: /^Close$/ })
      .click();
    await visible(page.getByRole("row", { name: /EUR.*JPY.*163\.95/ }));

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
