import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiSession,
  confirmedOrder,
  hasChromium,
  type Journey,
  openNav,
  sessionOf,
  setUpWorkspace,
  signIn,
  startJourney,
  stockedProduct,
  visible,
} from "./harness";

const password = "export team password 1";
const admin = { name: "Ada Chen", email: "ada@seabreeze.example", password };
const rep = { name: "Arjun Rao", email: "arjun@seabreeze.example", password, role: "sales" };
const clerk = { name: "Lin Hui", email: "lin@seabreeze.example", password, role: "logistics" };

const customerName = "Lisboa Lighting Distribuição Lda";
const panel = { sku: "LED-PNL-6060", name: "LED panel light 600x600 40W" };

async function dialogButton(page: Page, name: string): Promise<void> {
  await page.getByRole("dialog").getByRole("button", { name, exact: true }).click();
}

describe.skipIf(!hasChromium)("logistics journey", () => {
  let journey: Journey | undefined;
  let browser: Browser;
  let baseUrl: string;
  let order: { id: string; number: string; status: string; lines: { id: string }[] };
  let customerId: string;

  beforeAll(async () => {
    journey = await startJourney();
    ({ baseUrl, browser } = journey);

    const { adminApi, addUser } = await setUpWorkspace(baseUrl, admin);
    await addUser(rep);
    await addUser(clerk);
    const product = await stockedProduct(adminApi, {
      ...panel,
      hsCode: "9405.42",
      unit: "pcs",
      listPrices: [{ currency: "USD", amount: "12.50" }],
      packing: {
        unitsPerCarton: 4,
        cartonLengthCm: 62,
        cartonWidthCm: 62,
        cartonHeightCm: 40,
        grossWeightKg: 14.5,
        netWeightKg: 13,
      },
    });

    // The rep's order at list price, so it confirms without anyone's approval.
    const repApi = await sessionOf(baseUrl, rep);
    const customer = await repApi.request<{ id: string }>("POST", "/api/customers", {
      name: customerName,
      country: "PT",
      contacts: [{ name: "Joana Ferreira", email: "joana@lisboa-lighting.pt" }],
    });
    customerId = customer.id;
    order = await confirmedOrder<typeof order>(repApi, {
      customerId: customer.id,
      paymentTerms: [
        { method: "TT", percent: 30, due: "on_confirmation" },
        { method: "TT", percent: 70, due: "before_shipment" },
      ],
      lines: [{ productId: product.id, quantity: 200, unitPrice: "12.50" }],
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  // The day in the users' time zone, as the date pickers take it.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

  it("logistics books and departs part of an order; the rep's open order page follows without reloading", async () => {
    const options = {
      baseURL: baseUrl,
      locale: "en-US",
      timezoneId: "Asia/Shanghai",
      viewport: { width: 1366, height: 900 },
    };
    const pageErrors: string[] = [];

    // The rep has the order open, with the live stream connected.
    const repContext = await browser.newContext(options);
    const repPage = await repContext.newPage();
    repPage.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(repPage, rep.email, rep.password);
    await repPage.goto(`/orders/${order.id}`);
    await visible(repPage.locator(".ant-tag").filter({ hasText: "Confirmed" }));
    await visible(repPage.getByText("Nothing has been planned to ship for this order yet."));
    // Reps follow shipments; planning them is logistics' work.
    expect(await repPage.getByRole("button", { name: "New shipment" }).count()).toBe(0);
    await visible(repPage.getByRole("img", { name: "Updates live as logistics changes the status" }));
    // Set on this very document: still there at the end proves the page was never reloaded.
    await repPage.evaluate(() => {
      (window as unknown as { journeyMarker: string }).journeyMarker = "same page";
    });

    // Logistics plans a first lot of 120 of the 200 panels from the order page.
    const clerkContext = await browser.newContext(options);
    const page = await clerkContext.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, clerk.email, clerk.password);
    await page.goto(`/orders/${order.id}`);
    await page.getByRole("button", { name: "New shipment" }).click();
    const drawer = page.getByRole("dialog");
    await visible(drawer.getByText(`New shipment of order ${order.number}`));
    // Everything is left to ship, and more than that is refused before anything is sent.
    await drawer.getByLabel("Quantity to ship, line 1").fill("250");
    await drawer.getByRole("button", { name: "Create" }).click();
    await visible(drawer.getByText("At most 200 left to ship"));
    await drawer.getByLabel("Quantity to ship, line 1").fill("120");
    await drawer.getByLabel("Forwarder").fill("Ningbo Ocean Freight");
    await drawer.getByLabel("Port of loading").fill("Ningbo");
    await drawer.getByLabel("Port of discharge").fill("Lisbon");
    await drawer.getByLabel("ETD").fill(today);
    await drawer.getByLabel("ETD").press("Enter");
    await drawer.getByRole("button", { name: "Create" }).click();
    const shipmentNumber = `${order.number}-S1`;
    await visible(page.getByText(`Shipment ${shipmentNumber} planned`));

    // Leaving today, it heads the logistics home's pile of departures this week.
    await openNav(page, "My work");
    const departing = page.locator(".ant-card").filter({ hasText: "Departing this week" }).last();
    await visible(departing.getByRole("link", { name: shipmentNumber }));

    // On the shipment's page: booked, loaded, then departed with its bill of lading.
    await departing.getByRole("link", { name: shipmentNumber }).click();
    await visible(page.getByRole("heading", { name: `Shipment ${shipmentNumber}` }));
    await visible(page.getByText("Ningbo Ocean Freight"));
    await page.getByRole("button", { name: "Mark booked" }).click();
    await dialogButton(page, "Mark booked");
    await visible(page.getByText(`Shipment ${shipmentNumber} is now Booked`));

    // The rep's page shows the booking as it happens.
    await visible(repPage.getByRole("row", { name: new RegExp(`${shipmentNumber}.*Booked`) }));

    await page.getByRole("button", { name: "Mark loaded" }).click();
    await dialogButton(page, "Mark loaded");
    await visible(page.getByText(`Shipment ${shipmentNumber} is now Loaded`));
    await page.getByRole("button", { name: "Mark departed" }).click();
    await page.getByRole("dialog").getByLabel("B/L no.").fill("COSU6318204550");
    await dialogButton(page, "Mark departed");
    await visible(page.getByText(`Shipment ${shipmentNumber} is now Departed`));
    await visible(page.getByText("COSU6318204550"));
    // Once gone, a shipment can only arrive: it cannot be cancelled any more.
    await visible(page.getByRole("button", { name: "Mark arrived" }));
    expect(await page.getByRole("button", { name: "Cancel shipment" }).count()).toBe(0);
    // Its documents download as files, in the session of whoever looks.
    for (const [name, type] of [
      [/Commercial invoice \(PDF\)/, "application/pdf"],
      [/Packing list \(PDF\)/, "application/pdf"],
      [/Packing list \(Excel\)/, "spreadsheetml"],
    ] as const) {
      const href = await page.getByRole("link", { name }).getAttribute("href");
      const response = await page.request.get(href ?? "");
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain(type);
      expect(response.headers()["content-disposition"]).toMatch(/^attachment/);
    }

    // The B/L copy is uploaded to the shipment; a web page posing as a PDF is refused.
    await page.getByRole("tab", { name: "Files" }).click();
    const upload = page.locator("input[type=file]");
    await upload.setInputFiles({
      name: "bl-copy.html.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("<!doctype html><script>alert(1)</script>"),
    });
    await visible(page.getByText(/Only .* files can be uploaded/));
    await upload.setInputFiles({
      name: "COSU6318204550.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
    });
    await visible(page.getByText("COSU6318204550.pdf uploaded"));
    const fileRow = page.getByRole("row", { name: /COSU6318204550\.pdf.*B\/L copy.*Lin Hui/ });
    await visible(fileRow);
    expect(await fileRow.getByRole("link").getAttribute("href")).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);
    await fileRow.getByRole("button", { name: /Delete/ }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: "Delete", exact: true }).click();
    await visible(page.getByText("COSU6318204550.pdf deleted"));
    await visible(page.getByText(/No files yet/));

    // The list finds it by status.
    await openNav(page, "Shipments");
    await page.getByLabel("Status").click();
    await page
      .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
      .filter({ hasText: "Departed" })
      .click();
    await page.waitForURL(/status=departed/);
    await visible(
      page.getByRole("row", { name: new RegExp(`${shipmentNumber}.*${customerName}.*Departed`) }),
    );

    // Without reloading, the rep sees the order partially shipped and the lot departed with its B/L.
    await visible(repPage.locator(".ant-tag").filter({ hasText: "Partially shipped" }));
    await visible(
      repPage.getByRole("row", { name: new RegExp(`${shipmentNumber}.*Departed.*COSU6318204550`) }),
    );
    expect(
      await repPage.evaluate(() => (window as unknown as { journeyMarker?: string }).journeyMarker),
    ).toBe("same page");

    expect(pageErrors).toEqual([]);
    await clerkContext.close();
    await repContext.close();
  });
  it("a departure beyond the customer's credit limit waits for a manager, and the dialog says so", async () => {
    // The buyer's limit is lowered after the order was confirmed: the rest of it may not leave on credit.
    // Half of what is left ships, so a retry of this test still finds goods to plan.
    const adminSession = new ApiSession(baseUrl);
    await adminSession.signIn(admin.email, admin.password);
    await adminSession.request("PATCH", `/api/customers/${customerId}/credit`, {
      creditLimit: "1000",
      currency: "USD",
    });
    const clerkApi = new ApiSession(baseUrl);
    await clerkApi.signIn(clerk.email, clerk.password);
    const rest = await clerkApi.request<{ id: string; number: string }>(
      "POST",
      `/api/orders/${order.id}/shipments`,
      { lines: [{ orderLineId: order.lines[0]?.id, quantity: "40" }], mode: "sea_lcl" },
    );
    await clerkApi.request("POST", `/api/shipments/${rest.id}/status`, { status: "loaded" });

    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: "en-US",
      timezoneId: "Asia/Shanghai",
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, clerk.email, clerk.password);
    await page.goto(`/shipments/${rest.id}`);
    await page.getByRole("button", { name: "Mark departed" }).click();
    await dialogButton(page, "Mark departed");
    const dialog = page.getByRole("dialog");
    await visible(dialog.getByText("This departure needs a manager's approval"));
    // The server's reason names the shipment (and, on a second try, the request already waiting).
    await visible(dialog.getByText(new RegExp(`Departure of ${rest.number}`)));
    await dialog.locator(".ant-modal-footer").getByRole("button", { name: "Close" }).click();
    // Held, not moved: still loaded, and departing stays on offer for after the approval.
    await visible(page.locator(".ant-tag").filter({ hasText: "Loaded" }));
    await visible(page.getByRole("button", { name: "Mark departed" }));

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
