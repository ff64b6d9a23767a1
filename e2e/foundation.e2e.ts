import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  // A CI run without a browser would otherwise pass while testing nothing.
  if (process.env.CI === "true") throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH)`);
  console.warn(`Skipping browser journeys: Chromium not found at ${chromiumPath} (set CHROMIUM_PATH).`);
}

const admin = {
  company: "Hangzhou Seabreeze Trading",
  name: "Ada Chen",
  email: "ada@seabreeze.example",
  password: "correct horse battery",
};
const rep = { name: "Li Lei", email: "li.lei@seabreeze.example", password: "sales rep password 1" };

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

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.waitForURL("**/login**");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

async function signOut(page: Page, accountName: string): Promise<void> {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL("**/login**");
  // The previous user's name must be gone with their session.
  expect(await page.getByText(accountName).count()).toBe(0);
}

describe.skipIf(!hasChromium)("foundation journey", () => {
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
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("sets up the workspace, adds a user, and that user works in Chinese", async () => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: "en-US",
      timezoneId: "Asia/Shanghai",
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    // A fresh installation opens on the setup page.
    await page.goto("/");
    await page.waitForURL("**/setup");
    await page.getByLabel("Company name").fill(admin.company);
    await page.getByLabel("Your name").fill(admin.name);
    await page.getByLabel("E-mail").fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill(admin.password);
    await page.getByLabel("Confirm password").fill(admin.password);
    await page.getByRole("button", { name: "Create workspace" }).click();

    // Setup signs the administrator in and lands on the home page.
    await page.waitForURL((url) => url.pathname === "/");
    await visible(page.getByRole("heading", { name: new RegExp(admin.name) }));
    await visible(page.getByText(admin.company));
    await signOut(page, admin.name);

    await signIn(page, admin.email, admin.password);
    await visible(page.getByRole("heading", { name: new RegExp(admin.name) }));
    if (process.env.TRADEWIND_SCREENSHOT === "1") {
      mkdirSync(path.join(root, "docs"), { recursive: true });
      await page.screenshot({ path: path.join(root, "docs/screenshot.png") });
    }

    // The administrator adds a sales rep.
    await page.getByRole("navigation").getByRole("link", { name: "Users" }).click();
    await page.waitForURL("**/settings/users**");
    await page.getByRole("button", { name: "New user" }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("Name", { exact: true }).fill(rep.name);
    await drawer.getByLabel("E-mail").fill(rep.email);
    await drawer.getByLabel("Role").click();
    // antd keeps a hidden a11y listbox beside the visible one; click what a user would see.
    await page.locator(".ant-select-dropdown .ant-select-item-option", { hasText: "Sales rep" }).click();
    await drawer.getByLabel("Initial password").fill(rep.password);
    await drawer.getByRole("button", { name: "Create" }).click();
    await visible(page.getByRole("cell", { name: rep.email }));
    await signOut(page, admin.name);

    // The rep signs in and sees only what a sales rep may use.
    await signIn(page, rep.email, rep.password);
    await visible(page.getByRole("heading", { name: new RegExp(rep.name) }));
    await visible(page.getByText("Sales rep"));
    expect(await page.getByRole("navigation").getByRole("link", { name: "Users" }).count()).toBe(0);

    // Switching to Chinese translates the UI and is remembered on the server.
    const saved = page.waitForResponse(
      (response) => response.request().method() === "PATCH" && new URL(response.url()).pathname === "/api/me",
    );
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("menuitem", { name: "简体中文" }).click();
    await visible(page.getByRole("navigation").getByRole("link", { name: "我的工作台" }));
    await visible(page.getByText("业务员"));
    expect((await saved).status()).toBe(200);
    await page.reload();
    await visible(page.getByRole("navigation").getByRole("link", { name: "我的工作台" }));

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
