import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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

const customerName = "Lisboa Lighting Distribuição Lda";
const panel = { sku: "LED-PNL-6060", name: "LED panel light 600x600 40W" };

// A popconfirm's own button, not the page button with the same name that opened it.
async function confirm(page: Page, name: string): Promise<void> {
  await page.locator(".ant-popconfirm").getByRole("button", { name, exact: true }).click();
}

describe.skipIf(!hasChromium)("trade journey", () => {
  let journey: Journey | undefined;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    journey = await startJourney();
    ({ baseUrl, browser } = journey);

    const { adminApi, addUser } = await setUpWorkspace(baseUrl, admin);
    const mei = await addUser(manager);
    // The rep is in the manager's team, so the manager is the one who approves the rep's orders.
    const team = await adminApi.request<{ id: string }>("POST", "/api/teams", {
      name: "Europe",
      managerId: mei.id,
    });
    await addUser(rep, { teamId: team.id });

    // The manager keeps the catalogue (reps may not set list prices) and books the stock in.
    await stockedProduct(await sessionOf(baseUrl, manager), {
      ...panel,
      nameZh: "LED 面板灯 600x600 40W",
      hsCode: "9405.42",
      unit: "pcs",
      listPrices: [{ currency: "USD", amount: "12.50" }],
      moq: 100,
      packing: {
        unitsPerCarton: 4,
        cartonLengthCm: 62,
        cartonWidthCm: 62,
        cartonHeightCm: 40,
        grossWeightKg: 14.5,
        netWeightKg: 13,
      },
    });

    const repApi = await sessionOf(baseUrl, rep);
    await repApi.request("POST", "/api/customers", {
      name: customerName,
      country: "PT",
      contacts: [{ name: "Joana Ferreira", email: "joana@lisboa-lighting.pt" }],
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  it("rep quotes, revises, wins and converts; the manager approves the discounted order", async () => {
    const options = {
      baseURL: baseUrl,
      locale: "en-US",
      timezoneId: "Asia/Shanghai",
      viewport: { width: 1366, height: 900 },
    };
    const repContext = await browser.newContext(options);
    const page = await repContext.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, rep.email, rep.password);

    // The editor: customer, terms and a product line; totals follow every keystroke.
    await openNav(page, "Quotations");
    // The empty list offers the same button as the header.
    await page.getByRole("button", { name: "New quotation" }).first().click();
    await page.waitForURL("**/quotations/new");
    await pickOption(page, page.getByLabel("Customer", { exact: true }), "Lisboa", customerName);
    await page.getByLabel("Named place").fill("Ningbo");
    await pickOption(page, page.getByLabel("Product, line 1"), "LED-PNL", panel.sku);
    // Picking the product filled its MOQ and its USD list price: 100 × 12.50.
    await visible(page.getByText("Total USD 1,250.00"));
    await page.getByLabel("Quantity, line 1").fill("200");
    // 15% off list is beyond the 10% a rep may give: the editor says the order will need approval.
    await page.getByLabel("Discount percent, line 1").fill("15");
    await visible(page.getByText("Total USD 2,125.00"));
    await visible(page.getByText("1 line is priced more than 10% below list"));
    // 200 pieces at 4 a carton: 50 cartons of 0.15376 m³.
    await visible(page.getByText("7.688 m³"));
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL(/\/quotations\/[0-9a-f-]{36}$/);
    await visible(page.getByRole("heading", { name: /^Quotation QT-\d{4}-0001$/ }));
    await visible(page.getByText("USD 2,125.00"));

    // Sent, then revised at the customer's request: R2 shows what changed from R1.
    await page.getByRole("button", { name: "Mark as sent" }).click();
    await confirm(page, "Mark as sent");
    await page.getByRole("button", { name: "Revise" }).click();
    await page.waitForURL("**/revise");
    await page.getByLabel("Quantity, line 1").fill("240");
    await visible(page.getByText("Total USD 2,550.00"));
    await page.getByRole("button", { name: "Save as R2" }).click();
    await visible(page.getByRole("heading", { name: /^Quotation QT-\d{4}-0001-R2$/ }));
    const changes = page.locator(".ant-card").filter({ hasText: "What changed from R1 to R2" });
    await visible(changes.getByRole("row", { name: /Quantity.*200.*240/ }));
    await visible(changes.getByRole("row", { name: /Total.*USD 2,125\.00.*USD 2,550\.00/ }));

    // The customer accepts R2; it becomes an order (PI) in one step.
    await page.getByRole("button", { name: "Mark as sent" }).click();
    await confirm(page, "Mark as sent");
    await page.getByRole("button", { name: "Customer accepted" }).click();
    await visible(page.getByText("Quotation accepted"));
    await page.getByRole("button", { name: "Convert to order" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Convert to order" }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderUrl = page.url();
    await visible(page.getByRole("heading", { name: /^Order PI-\d{4}-0001$/ }));

    // Submitting: the discount sends it to the manager instead of confirming it.
    await page.getByRole("button", { name: "Submit" }).click();
    await confirm(page, "Submit");
    await visible(page.getByText("Sent to your manager for approval"));
    await visible(page.locator(".ant-tag").filter({ hasText: "Pending approval" }));
    await visible(page.getByText("15% below the list price of USD 12.50 (limit 10%)"));

    // The manager, in another browser, approves it from the approval inbox.
    const managerContext = await browser.newContext(options);
    const managerPage = await managerContext.newPage();
    managerPage.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(managerPage, manager.email, manager.password);
    await openNav(managerPage, "Approvals");
    const request = managerPage.getByRole("row", { name: /PI-\d{4}-0001/ });
    await visible(request.getByText(customerName));
    await request.getByRole("button", { name: "Approve" }).click();
    await managerPage.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
    await visible(managerPage.getByText(/approved and confirmed/));
    await visible(managerPage.getByText("Nothing waits for your approval."));

    // The rep sees the order confirmed, its stock reserved and its payment schedule.
    await page.goto(orderUrl);
    await visible(page.locator(".ant-tag").filter({ hasText: "Confirmed" }));
    await visible(page.getByText(/Approved by Mei Wong/));
    await visible(page.getByRole("cell", { name: "30% T/T deposit on order confirmation" }));
    await visible(page.getByRole("button", { name: "Start production" }));

    expect(pageErrors).toEqual([]);
    await managerContext.close();
    await repContext.close();
  });
});
