import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  createTaskWorld,
  inHours,
  notificationsOf,
  parseIcs,
  type TaskWorld,
} from "../tasks/task-fixtures";

let w: TaskWorld;

beforeAll(async () => {
  w = await createTaskWorld();
});
afterAll(() => w.t.close());

async function createMeeting(body: Record<string, unknown>, client = w.repA.client) {
  const response = await client.post("/api/meetings", body);
  if (response.status !== 201) throw new Error(`meeting: ${JSON.stringify(response.body)}`);
  return response.body;
}

describe("meetings", () => {
  it("schedules a customer meeting with attendees; names come back resolved", async () => {
    const { repA, repA2 } = w;
    const customer = await createCustomer(repA.client);
    const startsAt = inHours(26);
    const response = await repA.client.post("/api/meetings", {
      title: "Visit Hamburg warehouse",
      startsAt,
      durationMinutes: 90,
      location: "Hamburg, Speicherstadt",
      attendeeIds: [repA.id, repA2.id, repA2.id],
      customerIds: [customer.id],
      agenda: "1. Volumes\n2. Payment terms",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: "Visit Hamburg warehouse",
      kind: "customer",
      durationMinutes: 90,
      attendees: [
        { id: repA.id, name: "Anna Rep" },
        { id: repA2.id, name: "Arno Rep" },
      ],
      customers: [{ id: customer.id, name: customer.name }],
      createdBy: repA.id,
      canEdit: true,
      minutes: null,
      actionItems: [],
    });
    expect(Date.parse(response.body.endsAt) - Date.parse(response.body.startsAt)).toBe(90 * 60_000);
    const team = await createMeeting({ title: "Monday stand-up", startsAt: inHours(2) });
    expect(team).toMatchObject({ kind: "team", durationMinutes: 60, attendees: [] });
  });

  it("refuses bad input with the field named", async () => {
    const { repA, repB } = w;
    const foreignCustomer = await createCustomer(repB.client);
    const base = { title: "Sync", startsAt: inHours(3) };
    const cases: [Record<string, unknown>, string][] = [
      [{ startsAt: inHours(3) }, "title"],
      [{ ...base, startsAt: "next monday" }, "startsAt"],
      [{ ...base, durationMinutes: 2 }, "durationMinutes"],
      [{ ...base, onlineUrl: "javascript:alert(1)" }, "onlineUrl"],
      [{ ...base, attendeeIds: ["00000000-0000-4000-8000-000000000000"] }, "attendeeIds.0"],
      [{ ...base, customerIds: [foreignCustomer.id] }, "customerIds.0"],
      [{ ...base, createdBy: repB.id }, ""],
    ];
    for (const [body, field] of cases) {
      const response = await repA.client.post("/api/meetings", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      if (field) {
        const paths = response.body.error.details.issues.map((issue: { path: string }) => issue.path);
        expect(paths, JSON.stringify(body)).toContain(field);
      }
    }
  });

  it("is seen by its creator, attendees, their managers and admins; managers only read", async () => {
    const { repA, repA2, repB, managerA, managerB, admin } = w;
    const meeting = await createMeeting({
      title: "Pricing huddle",
      startsAt: inHours(5),
      attendeeIds: [repA2.id],
    });
    for (const viewer of [repA.client, repA2.client, managerA.client, admin]) {
      expect((await viewer.get(`/api/meetings/${meeting.id}`)).status).toBe(200);
    }
    for (const outsider of [repB.client, managerB.client]) {
      expect((await outsider.get(`/api/meetings/${meeting.id}`)).status).toBe(404);
      expect((await outsider.patch(`/api/meetings/${meeting.id}`, { minutes: "x" })).status).toBe(404);
      expect((await outsider.get(`/api/meetings/${meeting.id}/ics`)).status).toBe(404);
      const items = await outsider.post(`/api/meetings/${meeting.id}/action-items`, {
        items: [{ title: "x", assigneeId: repB.id }],
      });
      expect(items.status).toBe(404);
    }
    const asManager = await managerA.client.get(`/api/meetings/${meeting.id}`);
    expect(asManager.body.canEdit).toBe(false);
    const refused = await managerA.client.patch(`/api/meetings/${meeting.id}`, { minutes: "Notes" });
    expect(refused.status).toBe(403);

    const written = await repA2.client.patch(`/api/meetings/${meeting.id}`, {
      minutes: "Agreed: **5% discount** above 2 containers",
      durationMinutes: 45,
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({
      minutes: "Agreed: **5% discount** above 2 containers",
      durationMinutes: 45,
    });
    const audit = (await admin.get(`/api/audit?entityType=meeting&entityId=${meeting.id}`)).body.items;
    expect(audit.map((entry: { action: string }) => entry.action)).toContain("meeting.updated");
  });

  it("lists meetings in a window, only those one may see", async () => {
    const { repB, managerB } = w;
    const inWindow = await createMeeting(
      { title: "Window meeting", startsAt: inHours(24 * 40) },
      repB.client,
    );
    await createMeeting({ title: "Later meeting", startsAt: inHours(24 * 60) }, repB.client);
    const from = new Date(Date.now() + 39 * 24 * 3600_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 42 * 24 * 3600_000).toISOString().slice(0, 10);
    const listed = await repB.client.get(`/api/meetings?from=${from}&to=${to}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([inWindow.id]);
    expect(listed.body.total).toBe(1);
    // Managers see the meetings their people attend; a meeting without attendees stays its creator's.
    const asManager = await managerB.client.get(`/api/meetings?from=${from}&to=${to}`);
    expect(asManager.body.items).toEqual([]);
    expect((await repB.client.get("/api/meetings?from=soon")).status).toBe(400);
  });

  it("turns action items into tasks in one step, linked back to the meeting; assignees are told", async () => {
    const { repA, repA2, managerA } = w;
    const meeting = await createMeeting({
      title: "Weekly sales meeting",
      startsAt: inHours(-2),
      attendeeIds: [repA.id, repA2.id],
      minutes: "- Arno: send samples\n- Anna: update price list",
    });
    const response = await repA.client.post(`/api/meetings/${meeting.id}/action-items`, {
      items: [
        { title: "Send samples to Lyon", assigneeId: repA2.id, dueAt: inHours(48) },
        { title: "Update the price list", assigneeId: repA.id, priority: "high" },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.items).toHaveLength(2);
    expect(response.body.items[0]).toMatchObject({
      title: "Send samples to Lyon",
      assigneeId: repA2.id,
      linkedType: "meeting",
      linkedId: meeting.id,
      linkedName: "Weekly sales meeting",
      createdBy: repA.id,
    });
    expect(response.body.items[1]).toMatchObject({ title: "Update the price list", priority: "high" });
    const told = (await notificationsOf(repA2.client, "assigned")).map((n) => n.entityId);
    expect(told).toContain(response.body.items[0].id);

    const detail = (await repA2.client.get(`/api/meetings/${meeting.id}`)).body;
    expect(detail.actionItems.map((task: { title: string }) => task.title).sort()).toEqual([
      "Send samples to Lyon",
      "Update the price list",
    ]);
    // Attendees see the meeting's action items, and so does the attendees' manager.
    const other = response.body.items[1].id;
    expect((await repA2.client.get(`/api/tasks/${other}`)).status).toBe(200);
    expect((await managerA.client.get(`/api/tasks/${other}`)).status).toBe(200);
    // An action item stays tied to its meeting.
    const relink = await repA.client.patch(`/api/tasks/${other}`, { customerId: null });
    expect(relink.status).toBe(400);
    expect(relink.body.error.details.issues[0].path).toBe("customerId");
  });

  it("creates no task at all when one action item is invalid, and managers may not add items", async () => {
    const { repA, managerA } = w;
    const meeting = await createMeeting({ title: "Retro", startsAt: inHours(-1), attendeeIds: [repA.id] });
    const response = await repA.client.post(`/api/meetings/${meeting.id}/action-items`, {
      items: [
        { title: "Fine", assigneeId: repA.id },
        { title: "Broken", assigneeId: "00000000-0000-4000-8000-000000000000" },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues[0].path).toBe("items.1.assigneeId");
    expect((await repA.client.post(`/api/meetings/${meeting.id}/action-items`, { items: [] })).status).toBe(
      400,
    );
    const asManager = await managerA.client.post(`/api/meetings/${meeting.id}/action-items`, {
      items: [{ title: "From above", assigneeId: repA.id }],
    });
    expect(asManager.status).toBe(403);
    expect((await repA.client.get(`/api/meetings/${meeting.id}`)).body.actionItems).toEqual([]);
  });

  it("exports a meeting as .ics that a real iCalendar parser reads, with its attendees", async () => {
    const { repA, repA2 } = w;
    const startsAt = "2031-05-06T09:30:00+08:00";
    const meeting = await createMeeting({
      title: "Quarterly review, Q2; targets",
      startsAt,
      durationMinutes: 30,
      onlineUrl: "https://meet.example.com/q2",
      attendeeIds: [repA.id, repA2.id],
      agenda: "Targets by country",
    });
    const response = await repA2.client.get(`/api/meetings/${meeting.id}/ics`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toContain("text/calendar");
    const parsed = parseIcs(response.body);
    expect(parsed.events).toHaveLength(1);
    const [event] = parsed.events;
    expect(event).toMatchObject({
      uid: `meeting-${meeting.id}@tradewind`,
      summary: "Quarterly review, Q2; targets",
      start: "2031-05-06T01:30:00+00:00",
      startRaw: "20310506T013000Z",
      end: "2031-05-06T02:00:00+00:00",
      location: "https://meet.example.com/q2",
    });
    expect(event?.attendees).toHaveLength(2);
    expect(event?.attendees.join(" ")).toMatch(/mailto:user\d+-/i);
  });
});
