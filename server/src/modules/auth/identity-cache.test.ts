import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  TEST_CONFIG,
  type TestApp,
} from "../../../test/harness";
import { buildApp } from "../../app";
import type { DatabaseListener } from "../../db/listener";
import type { Actor } from "../../lib/context";
import { users } from "../users/users.table";
import { IDENTITY_CHANNEL, IdentityCache } from "./identity-cache";

function fakeListener() {
  let handler: ((payload: string | undefined) => void) | undefined;
  const listener = {
    isListening: true,
    subscribe(channel: string, onNotification: (payload: string | undefined) => void) {
      expect(channel).toBe(IDENTITY_CHANNEL);
      handler = onNotification;
      return () => undefined;
    },
  };
  return { listener, notify: (payload: string | undefined) => handler?.(payload) };
}

const actorIn = (workspaceId: string) => ({ workspaceId, userId: "u" }) as Actor;
const identity = (workspaceId: string) => ({
  actor: actorIn(workspaceId),
  expiresAt: Number.POSITIVE_INFINITY,
  lastSeenAt: 0,
});

describe("identity cache", () => {
  it("forgets only the workspace a notification names, and everything when told nothing", () => {
    const { listener, notify } = fakeListener();
    const cache = new IdentityCache(listener as unknown as DatabaseListener);
    cache.set("a", identity("w1"), cache.version);
    cache.set("b", identity("w2"), cache.version);
    notify("w1");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")?.actor.workspaceId).toBe("w2");
    notify(undefined);
    expect(cache.get("b")).toBeUndefined();
  });

  it("refuses what was read before a change arrived, and keeps nothing while not listening", () => {
    const { listener, notify } = fakeListener();
    const cache = new IdentityCache(listener as unknown as DatabaseListener);
    const readAt = cache.version;
    notify("w1");
    cache.set("a", identity("w1"), readAt);
    expect(cache.get("a")).toBeUndefined();

    cache.set("a", identity("w1"), cache.version);
    listener.isListening = false;
    expect(cache.get("a")).toBeUndefined();
    cache.set("c", identity("w1"), cache.version);
    listener.isListening = true;
    expect(cache.get("c")).toBeUndefined();
  });

  it("drops entries past a minute or past the session's expiry", () => {
    const { listener } = fakeListener();
    const cache = new IdentityCache(listener as unknown as DatabaseListener);
    cache.set("old", identity("w1"), cache.version, 0);
    expect(cache.get("old", 59_000)).toBeDefined();
    expect(cache.get("old", 61_000)).toBeUndefined();
    cache.set("expiring", { ...identity("w1"), expiresAt: 5_000 }, cache.version, 0);
    expect(cache.get("expiring", 5_000)).toBeUndefined();
  });
});

// Two app instances on one database, the way several servers share one PostgreSQL: a change made
// through one must end or alter the sessions the other has cached.
describe("identities across instances", () => {
  let t: TestApp;
  let other: FastifyInstance;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupWorkspace(t.app);
    other = await buildApp({ database: t.database, config: TEST_CONFIG });
    await other.ready();
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  const onOther = (client: Client) => Object.assign(new Client(other), { cookie: client.cookie });

  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("the other instance never saw the change");
  }

  it("a deactivated user is signed out on every instance", async () => {
    const { client, user } = await createUserAndSignIn(admin, { role: "sales" });
    const elsewhere = onOther(client);
    expect((await elsewhere.get("/api/me")).status).toBe(200);
    expect((await elsewhere.get("/api/me")).status).toBe(200);

    expect((await admin.post(`/api/users/${user.id}/deactivate`)).status).toBe(200);
    expect((await client.get("/api/me")).status).toBe(401);
    await eventually(async () => (await elsewhere.get("/api/me")).status === 401);
  });

  it("signing out on one instance ends the session on the other", async () => {
    const { client } = await createUserAndSignIn(admin, { role: "sales" });
    const elsewhere = onOther(client);
    expect((await elsewhere.get("/api/me")).status).toBe(200);
    const cookie = client.cookie;
    expect((await client.post("/api/auth/logout")).status).toBe(204);
    client.cookie = cookie;
    expect((await client.get("/api/me")).status).toBe(401);
    await eventually(async () => (await elsewhere.get("/api/me")).status === 401);
  });

  it("a role changed straight in the database reaches the cached session", async () => {
    const { client, user } = await createUserAndSignIn(admin, { role: "sales" });
    const elsewhere = onOther(client);
    expect((await elsewhere.get("/api/me")).body.user.role).toBe("sales");
    await t.database.db.update(users).set({ role: "marketing" }).where(eq(users.id, user.id));
    await eventually(async () => (await elsewhere.get("/api/me")).body.user.role === "marketing");
    await eventually(async () => (await client.get("/api/me")).body.user.role === "marketing");
  });

  it("a revoked API token stops working on the other instance", async () => {
    const created = await admin.post("/api/tokens", { name: "ci" });
    expect(created.status).toBe(201);
    const elsewhere = new Client(other, created.body.token);
    expect((await elsewhere.get("/api/me")).status).toBe(200);
    expect((await admin.delete(`/api/tokens/${created.body.id}`)).status).toBe(204);
    await eventually(async () => (await elsewhere.get("/api/me")).status === 401);
  });
});
