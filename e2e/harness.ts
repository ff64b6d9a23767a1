import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";

// What every browser journey shares: a real server on a fresh PGlite folder, Debian's Chromium, and
// a few steps a person takes on every page.

const root = path.resolve(import.meta.dirname, "..");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  // A CI run without a browser would otherwise pass while testing nothing.
  if (process.env.CI === "true") throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH)`);
  console.warn(`Skipping browser journeys: Chromium not found at ${chromiumPath} (set CHROMIUM_PATH).`);
}

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

export type Journey = { baseUrl: string; browser: Browser; stop: () => Promise<void> };

export async function startJourney(): Promise<Journey> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "tradewind-e2e-"));
  const output: string[] = [];
  const server = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts", "start"], {
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
  server.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const stopAll = async (browser?: Browser) => {
    await browser?.close();
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, server, () => output.join(""));
    const browser = await chromium.launch({
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
    return { baseUrl, browser, stop: () => stopAll(browser) };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

// playwright-core has no auto-waiting `expect`; waiting for the element is the assertion.
export async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout: 15_000 });
}

// The data a journey starts from is set up through the API, as a colleague would have left it.
export class ApiSession {
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

// Types into an antd Select's search and clicks the option once the search has answered. On a busy
// machine the dropdown can re-render or close under the click; then the search is typed again.
export async function pickOption(page: Page, field: Locator, search: string, option: string): Promise<void> {
  const item = page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
    .filter({ hasText: option })
    .first();
  for (let attempt = 1; ; attempt++) {
    try {
      await field.click();
      await field.fill(search);
      await item.waitFor({ state: "visible", timeout: 10_000 });
      await item.click({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press("Escape");
    }
  }
}

export type Person = { name: string; email: string; password: string; role?: string };

// Every journey's start: the workspace set up by its admin, then colleagues added who work in English
// from Shanghai. `addUser` answers the new user's id (for teams).
export async function setUpWorkspace(
  baseUrl: string,
  admin: Person,
  settings: { currency?: string; timeZone?: string } = {},
) {
  const adminApi = new ApiSession(baseUrl);
  await adminApi.request("POST", "/api/setup", {
    workspaceName: "Hangzhou Seabreeze Trading",
    adminName: admin.name,
    email: admin.email,
    password: admin.password,
    ...settings,
    locale: "en-US",
  });
  const addUser = (user: Person, extra: { teamId?: string } = {}) =>
    adminApi.request<{ id: string }>("POST", "/api/users", {
      name: user.name,
      email: user.email,
      password: user.password,
      role: user.role,
      locale: "en-US",
      timeZone: "Asia/Shanghai",
      ...extra,
    });
  return { adminApi, addUser };
}

// A signed-in API session of a colleague.
export async function sessionOf(baseUrl: string, person: Person): Promise<ApiSession> {
  const api = new ApiSession(baseUrl);
  await api.signIn(person.email, person.password);
  return api;
}

// A catalogue product with 1,000 units booked into stock by someone who may set list prices.
export async function stockedProduct(
  api: ApiSession,
  product: Record<string, unknown>,
): Promise<{ id: string }> {
  const created = await api.request<{ id: string }>("POST", "/api/products", product);
  await api.request("POST", "/api/stock/adjustments", {
    productId: created.id,
    quantityChange: "1000",
    reason: "Opening stock",
  });
  return created;
}

// The rep's USD order at list price, FOB Ningbo: it confirms without anyone's approval.
export async function confirmedOrder<T extends { status: string }>(
  repApi: ApiSession,
  order: { customerId: string; paymentTerms: unknown[]; lines: unknown[] },
): Promise<T> {
  const draft = await repApi.request<{ id: string }>("POST", "/api/orders", {
    currency: "USD",
    incoterm: "FOB",
    namedPlace: "Ningbo",
    ...order,
  });
  const confirmed = await repApi.request<T>("POST", `/api/orders/${draft.id}/submit`, {});
  if (confirmed.status !== "confirmed") throw new Error(`the order is ${confirmed.status}, not confirmed`);
  return confirmed;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

export async function openNav(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation").getByRole("link", { name, exact: true }).click();
}

// The README's pictures are taken by the journeys themselves, on request (TRADEWIND_SCREENSHOT=1).
export async function screenshotForDocs(page: Page, fileName: string): Promise<void> {
  if (process.env.TRADEWIND_SCREENSHOT !== "1") return;
  mkdirSync(path.join(root, "docs"), { recursive: true });
  await page.screenshot({ path: path.join(root, "docs", fileName) });
}
