import type { Browser, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hasChromium, type Journey, screenshotForDocs, startJourney, visible } from "./harness";

const admin = {
  company: "Hangzhou Seabreeze Trading",
  name: "Ada Chen",
  email: "ada@seabreeze.example",
  password: "correct horse battery",
};
const rep = { name: "Li Lei", email: "li.lei@seabreeze.example", password: "sales rep password 1" };

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
  let journey: Journey | undefined;
  let browser: Browser;
  let baseUrl: string;

  // A server per attempt: the journey begins on a fresh installation's setup page, which a retry after
  // a failure past the setup would never see again on the same server.
  beforeEach(async () => {
    journey = await startJourney();
    ({ baseUrl, browser } = journey);
  });

  afterEach(async () => {
    await journey?.stop();
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
    await screenshotForDocs(page, "screenshot.png");

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
    // Awaited together, so a failing click cannot leave the wait behind to reject after the test.
    const [saved] = await Promise.all([
      page.waitForResponse(
        (response) =>
          response.request().method() === "PATCH" && new URL(response.url()).pathname === "/api/me",
      ),
      (async () => {
        await page.getByRole("button", { name: "English" }).click();
        await page.getByRole("menuitem", { name: "简体中文" }).click();
      })(),
    ]);
    await visible(page.getByRole("navigation").getByRole("link", { name: "我的工作台" }));
    await visible(page.getByText("业务员"));
    expect(saved.status()).toBe(200);
    await page.reload();
    await visible(page.getByRole("navigation").getByRole("link", { name: "我的工作台" }));

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
