import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, type Journey, setUpWorkspace, signIn, startJourney, visible } from "./harness";

const password = "export team password 1";
const admin = { name: "Ada Chen", email: "ada@seabreeze.example", password };
const repA = { name: "Arjun Rao", email: "arjun@seabreeze.example", password, role: "sales" };
const repB = { name: "Bruno Silva", email: "bruno@seabreeze.example", password, role: "sales" };

const taskTitle = "Send the spring price list to Hamburg Harbour";

// The bell names its unread count in its accessible name.
function bell(page: Page, unread: number): Locator {
  const name = unread === 0 ? "Notifications" : `Notifications: ${unread} unread`;
  return page.getByRole("banner").getByRole("button", { name, exact: true });
}

describe.skipIf(!hasChromium)("tasks journey", () => {
  let journey: Journey | undefined;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    journey = await startJourney();
    ({ baseUrl, browser } = journey);

    const { addUser } = await setUpWorkspace(baseUrl, admin);
    for (const user of [repA, repB]) await addUser(user);
  });

  afterAll(async () => {
    await journey?.stop();
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
