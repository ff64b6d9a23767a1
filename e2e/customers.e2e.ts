import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiSession,
  hasChromium,
  type Journey,
  openNav,
  screenshotForDocs,
  setUpWorkspace,
  signIn,
  startJourney,
  visible,
} from "./harness";

const password = "export team password 1";
const admin = { name: "Ada Chen", email: "ada@seabreeze.example", password };
const manager = { name: "Mei Wong", email: "mei@seabreeze.example", password, role: "manager" };
const repA = { name: "Arjun Rao", email: "arjun@seabreeze.example", password, role: "sales" };
const repB = { name: "Bruno Silva", email: "bruno@seabreeze.example", password, role: "sales" };

const poolCustomer = "Nordic Sawmill Supplies AB";
const colleaguesCustomer = "Hamburg Harbour Logistics GmbH";

async function writeSpreadsheet(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Customers");
  sheet.addRow(["Company", "Country", "Contact", "Email"]);
  sheet.addRow(["Lisboa Cork Products Lda", "PT", "Joana Ferreira", "joana@lisboa-cork.pt"]);
  sheet.addRow(["Osaka Kitchen Tools K.K.", "JP", "Kenji Sato", "sato@osaka-kitchen-tools.jp"]);
  // Already in the database (rep A's): reported as a duplicate, not created again.
  sheet.addRow([colleaguesCustomer, "DE", "Jan Becker", "jan@hamburg-harbour.de"]);
  await workbook.xlsx.writeFile(file);
}

describe.skipIf(!hasChromium)("customers journey", () => {
  let journey: Journey | undefined;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    journey = await startJourney();
    ({ baseUrl, browser } = journey);

    const { addUser } = await setUpWorkspace(baseUrl, admin);
    for (const user of [manager, repA, repB]) await addUser(user);
    // A manager puts a customer straight into the public pool; rep A owns another.
    const managerApi = new ApiSession(baseUrl);
    await managerApi.signIn(manager.email, manager.password);
    await managerApi.request("POST", "/api/customers", { name: poolCustomer, country: "SE", ownerId: null });
    const repAApi = new ApiSession(baseUrl);
    await repAApi.signIn(repA.email, repA.password);
    await repAApi.request("POST", "/api/customers", {
      name: colleaguesCustomer,
      country: "DE",
      website: "hamburg-harbour.de",
    });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  it("rep B creates a customer despite a similar one, claims from the pool, follows up and imports", async () => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: "en-US",
      timezoneId: "Asia/Shanghai",
      viewport: { width: 1366, height: 860 },
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, repB.email, repB.password);

    // Creating a customer: the live duplicate check names the colleague who already has a similar one.
    await openNav(page, "Customers");
    await page.waitForURL("**/customers?**");
    await page.getByRole("button", { name: "New customer" }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("Company name").fill("Hamburg Harbor Logistics");
    await visible(drawer.getByText("existing customer looks similar"));
    await visible(drawer.getByText(repA.name));
    await drawer.getByLabel("Country").fill("Germany");
    await page.keyboard.press("Enter");
    await drawer.getByLabel("City").fill("Bremen");
    await drawer.getByRole("button", { name: "Create", exact: true }).click();
    // The server asks for confirmation of a fuzzy match; this is another company, so create it.
    await visible(drawer.getByText("This may be a customer we already have"));
    await drawer.getByRole("button", { name: "It is a different company: create" }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await visible(page.getByRole("heading", { name: "Hamburg Harbor Logistics" }));

    // Claiming from the public pool.
    await openNav(page, "Public pool");
    const poolRow = page.getByRole("row", { name: new RegExp(poolCustomer) });
    await poolRow.getByRole("button", { name: "Claim" }).click();
    await visible(page.getByText(`${poolCustomer} is now yours`));

    // Logging a follow-up on it: it appears on the timeline.
    await openNav(page, "Customers");
    await page.getByRole("link", { name: poolCustomer }).click();
    await visible(page.getByRole("heading", { name: poolCustomer }));
    await page.getByRole("tab", { name: "Timeline" }).click();
    const summary = "Called Lars about the spring order; he wants a quote for kiln-dried pine.";
    await page.getByLabel("What happened").fill(summary);
    await page.getByRole("button", { name: "Log follow-up" }).click();
    await visible(page.locator(".ant-timeline").getByText(summary));
    await visible(page.locator(".ant-timeline").getByText("Claimed it from the public pool"));

    // Importing a spreadsheet: a dry run first, then the import itself.
    const workDir = mkdtempSync(path.join(tmpdir(), "tradewind-import-"));
    const spreadsheet = path.join(workDir, "trade-show-leads.xlsx");
    await writeSpreadsheet(spreadsheet);
    await openNav(page, "Customers");
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForURL("**/customers/import**");
    await page.locator('input[type="file"]').setInputFiles(spreadsheet);
    await page.getByRole("button", { name: "Check the file (dry run)" }).click();
    await visible(page.getByText("2 new customers would be created"));
    await visible(page.getByRole("cell", { name: "Duplicate", exact: true }));
    await page.getByRole("button", { name: "Import 2 customers" }).click();
    await visible(page.getByText("2 customers imported"));
    rmSync(workDir, { recursive: true, force: true });

    // The list now holds rep B's four customers; a colleague's customer shows as a card with its owner.
    await page.getByRole("button", { name: "Open the customers" }).click();
    await visible(page.getByRole("link", { name: "Lisboa Cork Products Lda" }));
    await page.getByText("All customers", { exact: true }).click();
    await visible(page.getByRole("cell", { name: colleaguesCustomer }));
    await visible(page.getByRole("row", { name: new RegExp(colleaguesCustomer) }).getByText(repA.name));
    if (process.env.TRADEWIND_SCREENSHOT === "1") {
      // The picture shows the list, not the last confirmation toast fading out.
      await page.waitForFunction(() => document.querySelectorAll(".ant-message-notice").length === 0);
    }
    await screenshotForDocs(page, "screenshot-customers.png");

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
