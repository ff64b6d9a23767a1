import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  if (process.env.CI === "true") throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH)`);
  console.warn(`Skipping browser journeys: Chromium not found at ${chromiumPath} (set CHROMIUM_PATH).`);
}

const password = "export team password 1";
const admin = { name: "Ada Chen", email: "ada@seabreeze.example", password };
const manager = { name: "Mei Wong", email: "mei@seabreeze.example", password, role: "manager" };
const repA = { name: "Arjun Rao", email: "arjun@seabreeze.example", password, role: "sales" };
const repB = { name: "Bruno Silva", email: "bruno@seabreeze.example", password, role: "sales" };

const poolCustomer = "Nordic Sawmill Supplies AB";
const colleaguesCustomer = "Hamburg Harbour Logistics GmbH";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`The server exited with code ${server.exitCode}:\n${log()}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer /api/health within 60 s:\n${log()}`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// playwright-core has no auto-waiting `expect`; waiting for the element is the assertion.
async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout: 15_000 });
}

// The data the journey starts from is set up through the API, as a colleague would have left it.
class ApiSession {
  private cookie = "";
  constructor(private readonly baseUrl: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", origin: this.baseUrl, cookie: this.cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // Only sign-in and setup set a cookie: the session.
    const [session] = response.headers.getSetCookie();
    if (session) this.cookie = session.split(";")[0] ?? "";
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.request("POST", "/api/auth/login", { email, password });
  }
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

async function openNav(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation").getByRole("link", { name, exact: true }).click();
}

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
  let server: ChildProcess;
  let browser: Browser;
  let dataDir: string;
  let baseUrl: string;
  const serverOutput: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(path.join(tmpdir(), "tradewind-e2e-"));
    server = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts", "start"], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        TRADEWIND_DATA_DIR: dataDir,
        TRADEWIND_LOGIN_RATE_PER_MINUTE: "100",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => serverOutput.push(chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => serverOutput.push(chunk.toString()));
    await waitForHealth(baseUrl, server, () => serverOutput.join(""));
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });

    const adminApi = new ApiSession(baseUrl);
    await adminApi.request("POST", "/api/setup", {
      workspaceName: "Hangzhou Seabreeze Trading",
      adminName: admin.name,
      email: admin.email,
      password: admin.password,
      locale: "en-US",
    });
    for (const user of [manager, repA, repB]) {
      await adminApi.request("POST", "/api/users", {
        name: user.name,
        email: user.email,
        password: user.password,
        role: user.role,
        locale: "en-US",
        timeZone: "Asia/Shanghai",
      });
    }
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
    await browser?.close();
    if (server) await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
      mkdirSync(path.join(root, "docs"), { recursive: true });
      await page.screenshot({ path: path.join(root, "docs/screenshot-customers.png") });
    }

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
