import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";

let t: TestApp;
let admin: Client;
let rep: Client;
let otherRep: Client;
let manager: Client;
let logistics: Client;
const ids: Record<string, string> = {};

const mention = (name: string, id: string | undefined) => `@[${name}](user:${id})`;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  const m = await createUserAndSignIn(admin, { role: "manager", name: "Mona Manager" });
  const team = (await admin.post("/api/teams", { name: "Europe", managerId: m.user.id })).body;
  const a = await createUserAndSignIn(admin, { role: "sales", teamId: team.id, name: "Anna Rep" });
  const b = await createUserAndSignIn(admin, { role: "sales", name: "Bruno Rep" });
  const l = await createUserAndSignIn(admin, { role: "logistics", name: "Lia Logistics" });
  [rep, otherRep, manager, logistics] = [a.client, b.client, m.client, l.client];
  Object.assign(ids, { rep: a.user.id, otherRep: b.user.id, manager: m.user.id, logistics: l.user.id });
  const customer = await rep.post("/api/customers", { name: "Fjord Marine AS", country: "NO" });
  expect(customer.status).toBe(201);
  ids.customer = customer.body.id;
});
afterAll(() => t.close());

const thread = (entityType: string, entityId: string | undefined) =>
  `/api/comments?entityType=${entityType}&entityId=${entityId}`;

describe("commenting on a customer", () => {
  it("stores the Markdown and answers with safe HTML", async () => {
    const response = await rep.post("/api/comments", {
      entityType: "customer",
      entityId: ids.customer,
      body: "Asked for **FOB Ningbo** prices <script>alert(1)</script> [pay](javascript:alert(1))",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      entityType: "customer",
      entityId: ids.customer,
      authorId: ids.rep,
      authorName: "Anna Rep",
      body: "Asked for **FOB Ningbo** prices <script>alert(1)</script> [pay](javascript:alert(1))",
      editedAt: null,
      deletedAt: null,
      revisionCount: 0,
    });
    expect(response.body.bodyHtml).toContain("<strong>FOB Ningbo</strong>");
    expect(response.body.bodyHtml).not.toContain("<script");
    expect(response.body.bodyHtml).not.toMatch(/href="javascript/i);
    ids.first = response.body.id;

    const list = await manager.get(thread("customer", ids.customer));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([ids.first]);
  });

  it("refuses unknown record types, unknown fields and empty bodies", async () => {
    const base = { entityType: "customer", entityId: ids.customer, body: "hi" };
    for (const body of [
      { ...base, entityType: "spaceship" },
      { ...base, body: "   " },
      { ...base, authorId: ids.manager },
    ]) {
      const response = await rep.post("/api/comments", body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("validation");
    }
  });

  it("answers 404 to someone who may not see the customer, for reading and for commenting", async () => {
    for (const outsider of [otherRep, logistics]) {
      const list = await outsider.get(thread("customer", ids.customer));
      expect(list.status).toBe(404);
      expect(list.body.error.message).toBe("Customer not found");
      const post = await outsider.post("/api/comments", {
        entityType: "customer",
        entityId: ids.customer,
        body: "sneaky",
      });
      expect(post.status).toBe(404);
      expect((await outsider.get(`/api/comments/${ids.first}/revisions`)).status).toBe(404);
    }
    const missing = await rep.get(thread("customer", "00000000-0000-4000-8000-000000000000"));
    expect(missing.status).toBe(404);
  });
});

describe("mentions", () => {
  it("notify a colleague who may see the record, with a snippet and a link", async () => {
    const response = await rep.post("/api/comments", {
      entityType: "customer",
      entityId: ids.customer,
      body: `${mention("Mona", ids.manager)} can you approve a **5%** discount?`,
    });
    expect(response.status).toBe(201);
    expect(response.body.mentions).toEqual([{ id: ids.manager, name: "Mona Manager" }]);
    expect(response.body.bodyHtml).toContain(
      `<span class="mention" data-user-id="${ids.manager}">@Mona</span>`,
    );
    const inbox = await manager.get("/api/notifications?unread=true");
    expect(inbox.body.unreadCount).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({
      type: "mentioned",
      title: "Anna Rep mentioned you on Fjord Marine AS",
      body: "@Mona can you approve a 5% discount?",
      entityType: "customer",
      entityId: ids.customer,
      data: { commentId: response.body.id, link: `/customers/${ids.customer}#comment-${response.body.id}` },
    });
  });

  it("are refused when the mentioned user may not see the record, and nothing reaches them", async () => {
    const before = (await rep.get(thread("customer", ids.customer))).body.total;
    const response = await rep.post("/api/comments", {
      entityType: "customer",
      entityId: ids.customer,
      body: `${mention("Bruno", ids.otherRep)} ${mention("Lia", ids.logistics)} the Fjord Marine order is confirmed`,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      "body: Bruno Rep, Lia Logistics cannot see this customer; share it with them first",
    );
    expect(response.body.error.details.cannotSee).toEqual(
      expect.arrayContaining([
        { id: ids.otherRep, name: "Bruno Rep" },
        { id: ids.logistics, name: "Lia Logistics" },
      ]),
    );
    expect((await rep.get(thread("customer", ids.customer))).body.total).toBe(before);
    for (const outsider of [otherRep, logistics]) {
      const inbox = await outsider.get("/api/notifications");
      expect(inbox.body.items).toEqual([]);
      expect(JSON.stringify(inbox.body)).not.toContain("Fjord");
    }
  });

  it("of someone who is not an active colleague are refused", async () => {
    const response = await rep.post("/api/comments", {
      entityType: "customer",
      entityId: ids.customer,
      body: `${mention("Ghost", "11111111-1111-4111-8111-111111111111")} hello`,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe("body: @Ghost is not an active user of this workspace");
  });

  it("of oneself notify nobody", async () => {
    const before = (await rep.get("/api/notifications")).body.items.length;
    const response = await rep.post("/api/comments", {
      entityType: "customer",
      entityId: ids.customer,
      body: `Note to ${mention("me", ids.rep)}: call back on Monday`,
    });
    expect(response.status).toBe(201);
    expect((await rep.get("/api/notifications")).body.items.length).toBe(before);
  });
});

describe("editing and deleting", () => {
  it("keeps every earlier version and notifies only newly mentioned people", async () => {
    const created = await rep.post("/api/comments", {
      entityType: "customer",
      entityId: ids.customer,
      body: `Draft for ${mention("Mona", ids.manager)}`,
    });
    const id = created.body.id;
    const unreadBefore = (await manager.get("/api/notifications")).body.unreadCount;

    const first = await rep.patch(`/api/comments/${id}`, {
      body: `Second draft for ${mention("Mona", ids.manager)}`,
    });
    expect(first.status).toBe(200);
    expect(first.body.editedAt).not.toBeNull();
    expect(first.body.revisionCount).toBe(1);
    // Mona was already mentioned: the edit does not notify her again.
    expect((await manager.get("/api/notifications")).body.unreadCount).toBe(unreadBefore);

    const second = await rep.patch(`/api/comments/${id}`, { body: "Final **text**" });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ body: "Final **text**", mentions: [], revisionCount: 2 });

    const revisions = await manager.get(`/api/comments/${id}/revisions`);
    expect(revisions.status).toBe(200);
    expect(revisions.body.items.map((r: { body: string }) => r.body)).toEqual([
      `Draft for ${mention("Mona", ids.manager)}`,
      `Second draft for ${mention("Mona", ids.manager)}`,
    ]);
    expect(revisions.body.items[0].bodyHtml).toContain('class="mention"');
    ids.edited = id;
  });

  it("is for the author only", async () => {
    for (const someoneElse of [manager, admin]) {
      const patch = await someoneElse.patch(`/api/comments/${ids.edited}`, { body: "rewritten" });
      expect(patch.status).toBe(403);
      expect(patch.body.error.message).toBe("Only the author can edit or delete a comment");
      expect((await someoneElse.delete(`/api/comments/${ids.edited}`)).status).toBe(403);
    }
    expect((await otherRep.patch(`/api/comments/${ids.edited}`, { body: "x" })).status).toBe(404);
    expect((await otherRep.delete(`/api/comments/${ids.edited}`)).status).toBe(404);
  });

  it("leaves a tombstone in the thread and hides the text", async () => {
    expect((await rep.delete(`/api/comments/${ids.edited}`)).status).toBe(204);
    const list = await manager.get(thread("customer", ids.customer));
    const tombstone = list.body.items.find((c: { id: string }) => c.id === ids.edited);
    expect(tombstone).toMatchObject({
      body: null,
      bodyHtml: null,
      mentions: [],
      revisionCount: 0,
      authorName: "Anna Rep",
    });
    expect(tombstone.deletedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain("Final **text**");
    expect((await manager.get(`/api/comments/${ids.edited}/revisions`)).status).toBe(404);
    const edit = await rep.patch(`/api/comments/${ids.edited}`, { body: "back" });
    expect(edit.status).toBe(409);
    // Deleting twice is harmless.
    expect((await rep.delete(`/api/comments/${ids.edited}`)).status).toBe(204);
  });
});

describe("commenting on a task", () => {
  it("follows the task's visibility, which follows its customer's", async () => {
    const task = await rep.post("/api/tasks", {
      title: "Send the revised PI",
      assigneeId: ids.rep,
      customerId: ids.customer,
    });
    expect(task.status).toBe(201);
    const taskId = task.body.id;
    const post = await rep.post("/api/comments", {
      entityType: "task",
      entityId: taskId,
      body: `Done by Friday, ${mention("Mona", ids.manager)}?`,
    });
    expect(post.status).toBe(201);
    expect((await manager.get(thread("task", taskId))).body.total).toBe(1);

    const list = await otherRep.get(thread("task", taskId));
    expect(list.status).toBe(404);
    expect(list.body.error.message).toBe("Task not found");
    const sneaky = await otherRep.post("/api/comments", { entityType: "task", entityId: taskId, body: "hi" });
    expect(sneaky.status).toBe(404);
    const leak = await rep.post("/api/comments", {
      entityType: "task",
      entityId: taskId,
      body: `${mention("Bruno", ids.otherRep)} FYI`,
    });
    expect(leak.status).toBe(400);
    expect(leak.body.error.message).toContain("Bruno Rep cannot see this task");
  });
});
