import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../../../test/harness";
import {
  createCustomer,
  createTask,
  createTaskWorld,
  DAY,
  parseIcs,
  type TaskWorld,
} from "../tasks/task-fixtures";

let w: TaskWorld;
const seeded: Record<string, string> = {};
// A month ahead at 00:00 UTC (08:00 in Shanghai, the users' zone), inside the feed's window.
const base = new Date(Math.floor(Date.now() / DAY) * DAY + 30 * DAY);
const at = (days: number, hours = 0) =>
  new Date(base.getTime() + days * DAY + hours * 3600_000).toISOString();
const shanghaiDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const windowFrom = shanghaiDate(at(-2));
const windowTo = shanghaiDate(at(10));

beforeAll(async () => {
  w = await createTaskWorld();
  const { repA, repA2 } = w;
  const customer = await createCustomer(repA.client, "Calendar Feed Buyer GmbH");
  await repA.client.post(`/api/customers/${customer.id}/follow-ups`, {
    type: "email",
    summary: "Sent the catalogue",
    nextFollowUpAt: at(1, 2),
  });
  const task = await createTask(repA.client, {
    title: "Renew the credit insurance",
    assigneeId: repA.id,
    dueAt: at(0),
  });
  const cancelled = await createTask(repA.client, {
    title: "Cancelled errand",
    assigneeId: repA.id,
    dueAt: at(0, 2),
  });
  await repA.client.patch(`/api/tasks/${cancelled.id}`, { status: "cancelled" });
  const meeting = await repA2.client.post("/api/meetings", {
    title: "Trade show debrief",
    startsAt: at(2, 6),
    attendeeIds: [repA.id],
    location: "Room 3",
  });
  Object.assign(seeded, {
    customer: customer.id,
    task: task.id,
    cancelled: cancelled.id,
    meeting: meeting.body.id,
  });
});
afterAll(() => w.t.close());

describe("calendar JSON", () => {
  it("shows my tasks with due dates, meetings I attend and my follow-ups in a window", async () => {
    const response = await w.repA.client.get(`/api/calendar?from=${windowFrom}&to=${windowTo}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({ kind: "task", id: seeded.task, start: at(0) }),
      expect.objectContaining({
        kind: "follow_up",
        id: seeded.customer,
        title: "Follow up: Calendar Feed Buyer GmbH",
      }),
      expect.objectContaining({
        kind: "meeting",
        id: seeded.meeting,
        start: at(2, 6),
        end: at(2, 7),
        location: "Room 3",
      }),
    ]);
    // Bare dates are days in the viewer's zone (Asia/Shanghai): the window starts at local midnight.
    expect(response.body.from).toBe(new Date(`${windowFrom}T00:00:00+08:00`).toISOString());
    const empty = await w.repB.client.get(`/api/calendar?from=${windowFrom}&to=${windowTo}`);
    expect(empty.body.items).toEqual([]);
  });

  it("refuses a backwards or oversized window", async () => {
    const backwards = await w.repA.client.get("/api/calendar?from=2031-03-10&to=2031-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.issues[0].path).toBe("to");
    expect((await w.repA.client.get("/api/calendar?from=2031-01-01&to=2032-12-31")).status).toBe(400);
    expect((await w.repA.client.get("/api/calendar?from=March")).status).toBe(400);
    const defaults = await w.repA.client.get("/api/calendar");
    expect(Date.parse(defaults.body.to) - Date.parse(defaults.body.from)).toBe(42 * DAY);
  });
});

describe("calendar subscription", () => {
  it("creates a private URL once, serves a feed a real parser reads, and rotates and revokes it", async () => {
    const { repA } = w;
    expect((await repA.client.get("/api/calendar/token")).body).toEqual({
      exists: false,
      createdAt: null,
      lastUsedAt: null,
    });
    const created = await repA.client.post("/api/calendar/token");
    expect(created.status).toBe(201);
    const url = new URL(created.body.url);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[\w-]{40,}\.ics$/);

    // A calendar app has no session: the URL alone is the credential.
    const anonymous = new Client(w.t.app);
    const feed = await anonymous.get(url.pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers["content-type"]).toContain("text/calendar");
    expect(feed.body).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    const parsed = parseIcs(feed.body);
    expect(parsed.name).toBe("Tradewind — Anna Rep");
    const summaries = parsed.events.map((event) => event.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        "Task: Renew the credit insurance",
        "Trade show debrief",
        "Follow up: Calendar Feed Buyer GmbH",
      ]),
    );
    expect(summaries).not.toContain("Task: Cancelled errand");
    const task = parsed.events.find((event) => event.uid === `task-${seeded.task}@tradewind`);
    expect(task?.start).toBe(at(0).replace(".000Z", "+00:00"));
    expect(task?.startRaw).toBe(at(0).replace(/[-:]/g, "").replace(".000Z", "Z"));
    const status = (await repA.client.get("/api/calendar/token")).body;
    expect(status.exists).toBe(true);
    expect(status.lastUsedAt).not.toBeNull();

    const rotated = await repA.client.post("/api/calendar/token");
    expect(rotated.body.url).not.toBe(created.body.url);
    expect((await anonymous.get(url.pathname)).status).toBe(404);
    const rotatedPath = new URL(rotated.body.url).pathname;
    expect((await anonymous.get(rotatedPath)).status).toBe(200);

    expect((await repA.client.delete("/api/calendar/token")).status).toBe(204);
    expect((await anonymous.get(rotatedPath)).status).toBe(404);
    expect((await repA.client.delete("/api/calendar/token")).status).toBe(404);
    expect((await anonymous.get("/api/calendar/not-a-real-token.ics")).status).toBe(404);
  });

  it("stops serving the feed of a deactivated user", async () => {
    const { repA2, admin } = w;
    const created = await repA2.client.post("/api/calendar/token");
    const path = new URL(created.body.url).pathname;
    expect(created.body.url.startsWith("http://localhost")).toBe(true);
    const anonymous = new Client(w.t.app);
    expect((await anonymous.get(path)).status).toBe(200);
    const deactivated = await admin.post(`/api/users/${repA2.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    expect((await anonymous.get(path)).status).toBe(404);
  });

  it("a feed only holds what its owner may see", async () => {
    const { repB } = w;
    const created = await repB.client.post("/api/calendar/token");
    const feed = await new Client(w.t.app).get(new URL(created.body.url).pathname);
    const parsed = parseIcs(feed.body);
    expect(parsed.events.map((event) => event.summary)).toEqual([]);
  });
});
