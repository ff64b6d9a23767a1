import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createTestDatabase,
  createUserAndSignIn,
  setupWorkspace,
  TEST_CONFIG,
  TEST_ENGINE,
  type TestApp,
  type TestDatabase,
} from "../../test/harness";
import { buildApp } from "../app";
import { openDatabase } from "../db/client";
import { parseCursor, publish, readEvents } from "../modules/notifications/events.service";

type SseMessage = { id: string | undefined; event: string; data: Record<string, unknown> };

// A minimal EventSource over fetch: real HTTP, so the stream is what a browser would read.
class SseClient {
  private buffer = "";
  private readonly messages: SseMessage[] = [];
  private readonly controller = new AbortController();
  private reader: ReadableStreamDefaultReader<string> | undefined;
  status = 0;

  static async open(base: string, client: Client, lastEventId?: string): Promise<SseClient> {
    const sse = new SseClient();
    const response = await fetch(`${base}/api/events`, {
      headers: {
        cookie: `tw_session=${client.cookie}`,
        ...(lastEventId ? { "last-event-id": lastEventId } : {}),
      },
      signal: sse.controller.signal,
    });
    sse.status = response.status;
    sse.reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    return sse;
  }

  // The next message (heartbeat comments are not messages), waiting as long as the test allows.
  async next(): Promise<SseMessage> {
    for (;;) {
      const message = this.messages.shift();
      if (message) return message;
      const chunk = await this.reader?.read();
      if (!chunk || chunk.done) throw new Error("the stream ended");
      this.buffer += chunk.value;
      let end = this.buffer.indexOf("\n\n");
      while (end >= 0) {
        this.parse(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 2);
        end = this.buffer.indexOf("\n\n");
      }
    }
  }

  // Skips messages until one of the given type arrives.
  async nextOf(event: string): Promise<SseMessage> {
    for (;;) {
      const message = await this.next();
      if (message.event === event) return message;
    }
  }

  private parse(block: string): void {
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      fields.set(line.slice(0, colon), line.slice(colon + 1).replace(/^ /, ""));
    }
    if (!fields.has("data")) return;
    this.messages.push({
      id: fields.get("id"),
      event: fields.get("event") ?? "message",
      data: JSON.parse(fields.get("data") ?? "null"),
    });
  }

  close(): void {
    this.controller.abort();
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (typeof address !== "object" || !address) throw new Error("no address");
  return `http://127.0.0.1:${address.port}`;
}

const mention = (name: string, id: string | undefined) => `@[${name}](user:${id})`;

describe("the event stream on one instance", () => {
  let t: TestApp;
  let base: string;
  let rep: Client;
  let manager: Client;
  let otherRep: Client;
  const ids: Record<string, string> = {};
  const streams: SseClient[] = [];
  const open = async (client: Client, lastEventId?: string) => {
    const stream = await SseClient.open(base, client, lastEventId);
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t.app);
    const admin = await setupWorkspace(t.app);
    const m = await createUserAndSignIn(admin, { role: "manager", name: "Mona Manager" });
    const team = (await admin.post("/api/teams", { name: "Europe", managerId: m.user.id })).body;
    const a = await createUserAndSignIn(admin, { role: "sales", teamId: team.id, name: "Anna Rep" });
    const b = await createUserAndSignIn(admin, { role: "sales", name: "Bruno Rep" });
    [rep, manager, otherRep] = [a.client, m.client, b.client];
    Object.assign(ids, { rep: a.user.id, manager: m.user.id, otherRep: b.user.id });
    ids.customer = (await rep.post("/api/customers", { name: "Fjord Marine AS", country: "NO" })).body.id;
    ids.otherCustomer = (
      await otherRep.post("/api/customers", { name: "Pampas Agro SA", country: "AR" })
    ).body.id;
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await t.close();
  });

  it("needs a signed-in user and a valid Last-Event-ID", async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    const bad = await fetch(`${base}/api/events`, {
      headers: { cookie: `tw_session=${rep.cookie}`, "last-event-id": "yesterday" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("Last-Event-ID");
  });

  it("delivers a mention as a live notification, and the comment to those who may see the customer", async () => {
    const managerStream = await open(manager);
    const otherStream = await open(otherRep);
    expect(managerStream.status).toBe(200);
    expect((await managerStream.next()).event).toBe("ready");
    expect((await otherStream.next()).event).toBe("ready");

    const comment = await rep.post("/api/comments", {
      entityType: "customer",
      entityId: ids.customer,
      body: `${mention("Mona", ids.manager)} please check the Fjord Marine terms`,
    });
    expect(comment.status).toBe(201);

    const notification = await managerStream.nextOf("notification");
    expect(notification.data).toMatchObject({
      type: "notification",
      payload: {
        type: "mentioned",
        title: "Anna Rep mentioned you on Fjord Marine AS",
        entityId: ids.customer,
      },
    });
    const live = await managerStream.nextOf("comment");
    expect(live.data).toMatchObject({
      entityType: "customer",
      entityId: ids.customer,
      payload: { action: "created", comment: { id: comment.body.id } },
    });

    // Bruno may not see Fjord Marine: the next thing his stream carries is a later event about his
    // own customer, with nothing about Fjord Marine before it.
    await otherRep.post(`/api/customers/${ids.otherCustomer}/follow-ups`, {
      type: "call",
      summary: "Asked for samples",
    });
    const first = await otherStream.next();
    expect(first.event).toBe("timeline");
    expect(first.data).toMatchObject({
      entityId: ids.otherCustomer,
      payload: { summary: "Asked for samples" },
    });
    expect(JSON.stringify(first)).not.toContain("Fjord");
  });

  it("resumes after Last-Event-ID without losing or repeating events", async () => {
    const stream = await open(rep);
    await stream.nextOf("ready");
    await rep.post(`/api/customers/${ids.customer}/follow-ups`, { type: "call", summary: "first" });
    const first = await stream.nextOf("timeline");
    expect(first.data).toMatchObject({ payload: { summary: "first" } });
    stream.close();

    // While the tab is away, more happens.
    for (const summary of ["second", "third"]) {
      await rep.post(`/api/customers/${ids.customer}/follow-ups`, { type: "email", summary });
    }
    const resumed = await open(rep, first.id);
    await resumed.nextOf("ready");
    const summaries = [(await resumed.nextOf("timeline")).data, (await resumed.nextOf("timeline")).data].map(
      (data) => (data.payload as { summary: string }).summary,
    );
    expect(summaries).toEqual(["second", "third"]);
  });

  it("starts a new stream from now, and resumes from its first id before any event", async () => {
    const stream = await open(rep);
    const ready = await stream.next();
    expect(ready.event).toBe("ready");
    stream.close();
    await rep.post(`/api/customers/${ids.customer}/follow-ups`, { type: "note", summary: "while away" });
    const resumed = await open(rep, ready.id);
    await resumed.nextOf("ready");
    expect((await resumed.nextOf("timeline")).data).toMatchObject({ payload: { summary: "while away" } });
  });

  it("starts from now when Last-Event-ID is ahead of the database (restored from a backup)", async () => {
    const stream = await open(rep, "999999999999-1");
    const ready = await stream.nextOf("ready");
    expect(ready.id).not.toBe("999999999999-1");
    await rep.post(`/api/customers/${ids.customer}/follow-ups`, { type: "note", summary: "after restore" });
    expect((await stream.nextOf("timeline")).data).toMatchObject({ payload: { summary: "after restore" } });
  });
});

describe.skipIf(TEST_ENGINE !== "postgres")("the event stream across instances on PostgreSQL", () => {
  let testDb: TestDatabase;
  let appA: FastifyInstance;
  let baseA: string;
  let admin: Client;
  let me: { workspaceId: string; userId: string };
  const streams: SseClient[] = [];
  const notification = (label: string) => ({
    workspaceId: me.workspaceId,
    userId: me.userId,
    type: "notification" as const,
    payload: { label },
  });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    appA = await buildApp({ database: testDb.database, config: TEST_CONFIG });
    baseA = await listen(appA);
    admin = await setupWorkspace(appA);
    const body = (await admin.get("/api/me")).body;
    me = { workspaceId: body.workspace.id, userId: body.user.id };
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await appA.close();
    await testDb.drop();
  });
  const open = async (base: string, client: Client) => {
    const stream = await SseClient.open(base, client);
    streams.push(stream);
    expect(stream.status).toBe(200);
    return stream;
  };

  it("a notification created through instance A reaches a stream on instance B", async () => {
    const databaseB = await openDatabase({ engine: "postgres", url: testDb.url ?? "", poolSize: 3 });
    const appB = await buildApp({ database: databaseB, config: TEST_CONFIG });
    try {
      const baseB = await listen(appB);
      const m = await createUserAndSignIn(admin, { role: "manager", name: "Mona Manager" });
      const team = (await admin.post("/api/teams", { name: "Europe", managerId: m.user.id })).body;
      const a = await createUserAndSignIn(admin, { role: "sales", teamId: team.id, name: "Anna Rep" });
      const customer = (await a.client.post("/api/customers", { name: "Fjord Marine AS", country: "NO" }))
        .body;

      const stream = await open(baseB, m.client);
      await stream.nextOf("ready");
      // Anna's session and request go to instance A only.
      const comment = await a.client.post("/api/comments", {
        entityType: "customer",
        entityId: customer.id,
        body: `${mention("Mona", m.user.id)} see the new terms`,
      });
      expect(comment.status).toBe(201);
      const received = await stream.nextOf("notification");
      expect(received.data).toMatchObject({ payload: { type: "mentioned", entityId: customer.id } });
    } finally {
      await appB.close();
      await databaseB.close();
    }
  });

  it("holds back an event committed while an earlier one is still open, then delivers both in order", async () => {
    const stream = await open(baseA, admin);
    const start = parseCursor((await stream.nextOf("ready")).id ?? "");
    if (!start) throw new Error("the ready message carries no cursor");
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted: () => void = () => undefined;
    const earlierInserted = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    // The earlier transaction takes its id first but commits last.
    const earlier = testDb.database.db.transaction(async (tx) => {
      await publish(tx, [notification("earlier")]);
      inserted();
      await held;
    });
    await earlierInserted;
    await publish(testDb.database.db, [notification("later")]);
    // "later" is committed and visible, but a reader following ids alone would now skip "earlier"
    // for good: the stream holds "later" back until "earlier" is decided.
    const whileOpen = await readEvents(testDb.database.db, me, start, 10);
    expect(whileOpen).toMatchObject({ events: [], pending: true, cursor: start });
    release();
    await earlier;
    const labels = [await stream.nextOf("notification"), await stream.nextOf("notification")].map(
      (message) => (message.data.payload as { label: string }).label,
    );
    expect(labels).toEqual(["earlier", "later"]);
  });

  it("keeps delivering after the listening connection is cut", async () => {
    const stream = await open(baseA, admin);
    await stream.nextOf("ready");
    const listenerPids = async () => {
      const result = await testDb.database.pool?.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'",
      );
      return result?.rows.map((row) => row.pid) ?? [];
    };
    const waitFor = async (check: () => Promise<boolean>) => {
      while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    // Cut the listening connection and wait until a new one listens: a broken reconnect fails here
    // instead of hiding behind the heartbeat's read.
    let cut: number[] = [];
    await waitFor(async () => {
      cut = await listenerPids();
      return cut.length > 0;
    });
    await testDb.database.pool?.query("select pg_terminate_backend(pid) from unnest($1::int[]) as pid", [
      cut,
    ]);
    await waitFor(async () => (await listenerPids()).some((pid) => !cut.includes(pid)));
    await publish(testDb.database.db, [notification("after the cut")]);
    expect((await stream.nextOf("notification")).data).toMatchObject({ payload: { label: "after the cut" } });
  });
});
