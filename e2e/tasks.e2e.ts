import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
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
const repA = { name: "Arjun Rao", email: "arjun@seabreeze.example", password, role: "sales" };
const repB = { name: "Bruno Silva", email: "bruno@seabreeze.example", password, role: "sales" };

const taskTitle = "Send the spring price list to Hamburg Harbour";

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

// The data the journey starts from is set up through the API, as an administrator would have left it.
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
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

// The bell names its unread count in its accessible name.
function bell(page: Page, unread: number): Locator {
  const name = unread === 0 ? "Notifications" : `Notifications: ${unread} unread`;
  return page.getByRole("banner").getByRole("button", { name, exact: true });
}

describe.skipIf(!hasChromium)("tasks journey", () => {
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
    for (const user of [repA, repB]) {
      await adminApi.request("POST", "/api/users", {
        name: user.name,
        email: user.email,
        password: user.password,
        role: user.role,
        locale: "en-US",
        timeZone: "Asia/Shanghai",
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("A assigns a task to B, B sees it arrive live and completes it, A is told at once", async () => {
    const contexts: BrowserContext[] = [];
    const pageErrors: string[] = [];
    const open = async (user: { email: string; password: string }) => {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: "en-US",
        timezoneId: "Asia/Shanghai",
        viewport: { width: 1366, height: 860 },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await signIn(page, user.email, user.password);
      return page;
    };

    // B starts the day on My work, with nothing to do yet; a marker shows whether the page reloads.
    const pageB = await open(repB);
    await visible(pageB.getByRole("region", { name: "Next 7 days" }).getByText("Nothing planned"));
    await visible(bell(pageB, 0));
    await pageB.evaluate(() => {
      (window as Window & { journeyMarker?: boolean }).journeyMarker = true;
    });

    // A assigns a task to B from their own My work.
    const pageA = await open(repA);
    await pageA.getByRole("button", { name: "New task" }).click();
    const drawer = pageA.getByRole("dialog");
    await drawer.getByLabel("Task", { exact: true }).fill(taskTitle);
    await drawer.getByLabel("Assignee").fill("Bruno");
    await pageA.keyboard.press("Enter");
    await drawer.getByLabel("Due").click();
    await pageA.getByText("Tomorrow", { exact: true }).click();
    await drawer.getByText("High", { exact: true }).click();
    await drawer.getByRole("button", { name: "Create", exact: true }).click();
    await visible(pageA.getByText(`Task “${taskTitle}” created`));

    // B's bell counts the assignment and the task shows in My work, without reloading the page.
    await visible(bell(pageB, 1));
    const nextDays = pageB.getByRole("region", { name: "Next 7 days" });
    const done = nextDays.getByRole("checkbox", { name: `Mark done: ${taskTitle}` });
    await visible(done);
    expect(await pageB.evaluate(() => (window as Window & { journeyMarker?: boolean }).journeyMarker)).toBe(
      true,
    );

    // B completes it from My work; A, who created it, is notified straight away.
    await done.check();
    await nextDays.getByText(taskTitle).waitFor({ state: "detached", timeout: 15_000 });
    await visible(bell(pageA, 1));
    await bell(pageA, 1).click();
    await visible(pageA.getByRole("tooltip").getByText("Task completed"));
    await visible(pageA.getByRole("tooltip").getByText(`${repB.name} completed: ${taskTitle}`));

    expect(pageErrors).toEqual([]);
    for (const context of contexts) await context.close();
  });
});
