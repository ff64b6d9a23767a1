import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTIFICATION_TYPES } from "../../../../shared/schemas/notifications";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  TEST_ORIGIN,
  type TestApp,
} from "../../../test/harness";
import { pruneEvents } from "./events.service";
import { events } from "./events.table";
import { notify } from "./notifications.service";

let t: TestApp;
let admin: Client;
let rep: Client;
let repId: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  workspaceId = (await admin.get("/api/me")).body.workspace.id;
  const created = await createUserAndSignIn(admin, { role: "sales", name: "Anna Rep" });
  rep = created.client;
  repId = created.user.id;
});
afterAll(() => t.close());

const tell = (type: "mentioned" | "pool_released", title: string) =>
  notify(t.app.db, [{ workspaceId, userId: repId, type, title }]);

describe("notification preferences", () => {
  it("default to in-app on and e-mail off for every type", async () => {
    const response = await rep.get("/api/notifications/preferences");
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual([...NOTIFICATION_TYPES].sort());
    expect(response.body.mentioned).toEqual({ inApp: true, email: false });
  });

  it("change only the types given, keeping the e-mail flag when left out", async () => {
    const first = await rep.request("PUT", "/api/notifications/preferences", {
      body: { pool_released: { inApp: true, email: true } },
    });
    expect(first.status).toBe(200);
    const second = await rep.request("PUT", "/api/notifications/preferences", {
      body: { pool_released: { inApp: false }, mentioned: { inApp: false } },
    });
    expect(second.status).toBe(200);
    expect(second.body.pool_released).toEqual({ inApp: false, email: true });
    expect(second.body.mentioned).toEqual({ inApp: false, email: false });
    expect(second.body.assigned).toEqual({ inApp: true, email: false });
    // Preferences are per user.
    expect((await admin.get("/api/notifications/preferences")).body.mentioned.inApp).toBe(true);
  });

  it("refuse unknown types and fields", async () => {
    for (const body of [
      { birthday: { inApp: false } },
      { mentioned: { inApp: false, sms: true } },
      { mentioned: {} },
    ]) {
      const response = await rep.request("PUT", "/api/notifications/preferences", { body });
      expect(response.status).toBe(400);
    }
  });

  it("suppress the types switched off, in the same call that delivers the others", async () => {
    await notify(t.app.db, [
      { workspaceId, userId: repId, type: "mentioned", title: "muted mention" },
      { workspaceId, userId: repId, type: "customer_claimed", title: "kept claim" },
      { workspaceId, userId: (await admin.get("/api/me")).body.user.id, type: "mentioned", title: "admin's" },
    ]);
    const titles = (await rep.get("/api/notifications")).body.items.map((n: { title: string }) => n.title);
    expect(titles).toEqual(["kept claim"]);
    expect((await admin.get("/api/notifications")).body.items[0].title).toBe("admin's");

    await rep.request("PUT", "/api/notifications/preferences", { body: { mentioned: { inApp: true } } });
    await tell("mentioned", "audible again");
    expect((await rep.get("/api/notifications")).body.items[0].title).toBe("audible again");
  });
});

describe("marking read", () => {
  it("marks the given notifications, then all of them with a POST without any body", async () => {
    await tell("pool_released", "ignored: muted");
    const list = (await rep.get("/api/notifications")).body;
    expect(list.unreadCount).toBe(2);
    const [newest] = list.items;
    expect((await rep.post("/api/notifications/read", { ids: [newest.id] })).status).toBe(204);
    expect((await rep.get("/api/notifications")).body.unreadCount).toBe(1);

    const bare = await t.app.inject({
      method: "POST",
      url: "/api/notifications/read",
      headers: { origin: TEST_ORIGIN, cookie: `tw_session=${rep.cookie}` },
    });
    expect(bare.statusCode).toBe(204);
    const after = (await rep.get("/api/notifications?unread=true")).body;
    expect(after).toEqual({ items: [], unreadCount: 0 });
  });
});

describe("the live event outbox", () => {
  it("holds a notification event per delivered notification, and forgets events after three days", async () => {
    const now = new Date();
    await t.app.db.insert(events).values({
      workspaceId,
      type: "timeline",
      payload: {},
      createdAt: new Date(now.getTime() - 4 * 24 * 3600 * 1000),
    });
    const before = await t.app.db.select().from(events);
    expect(before.filter((event) => event.type === "notification" && event.userId === repId).length).toBe(
      (await rep.get("/api/notifications")).body.items.length,
    );
    expect(await pruneEvents(t.app.db, now)).toEqual({ deleted: 1 });
    expect((await t.app.db.select().from(events)).length).toBe(before.length - 1);
  });
});
