import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backgroundTasks } from "../../jobs/registry";
import { runOncePerPeriod } from "../../jobs/scheduler";
import { events } from "../notifications/events.table";
import {
  createCustomer,
  createTask,
  createTaskWorld,
  DAY,
  HOUR,
  inHours,
  notificationsOf,
  type TaskWorld,
} from "./task-fixtures";
import { createNextOccurrence, runTaskMaintenance } from "./task-maintenance";
import { tasks } from "./tasks.table";

let w: TaskWorld;

beforeAll(async () => {
  w = await createTaskWorld();
});
afterAll(() => w.t.close());

async function seriesOf(seriesId: string) {
  return w.t.app.db
    .select({ id: tasks.id, occurrence: tasks.occurrence, dueAt: tasks.dueAt, status: tasks.status })
    .from(tasks)
    .where(eq(tasks.seriesId, seriesId))
    .orderBy(tasks.occurrence);
}

describe("creating tasks", () => {
  it("creates a task with checklist, watchers and a customer link; the assignee is told", async () => {
    const { repA, repA2, managerA } = w;
    const customer = await createCustomer(repA.client);
    // The manager sees the customer through the owner; the colleague is added as collaborator.
    await repA.client.post(`/api/customers/${customer.id}/collaborators`, { add: [repA2.id] });
    const response = await managerA.client.post("/api/tasks", {
      title: "Send the revised FOB Ningbo quotation",
      assigneeId: repA.id,
      dueAt: inHours(30),
      priority: "high",
      description: "Include **carton marks**",
      customerId: customer.id,
      watcherIds: [repA2.id, repA2.id],
      checklist: [{ text: "Check MOQ" }, { text: "Ask for PI", done: true }],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: "Send the revised FOB Ningbo quotation",
      status: "todo",
      priority: "high",
      assigneeId: repA.id,
      assigneeName: "Anna Rep",
      createdBy: managerA.id,
      createdByName: "Mona Manager",
      watcherIds: [repA2.id],
      linkedType: "customer",
      linkedId: customer.id,
      linkedName: customer.name,
      customerId: customer.id,
      overdue: false,
      recurrence: null,
    });
    expect(response.body.checklist).toEqual([
      { id: expect.any(String), text: "Check MOQ", done: false },
      { id: expect.any(String), text: "Ask for PI", done: true },
    ]);
    const assigned = await notificationsOf(repA.client, "assigned");
    expect(assigned.find((n) => n.entityId === response.body.id)?.title).toContain("Mona Manager");
  });

  it("refuses bad input with the field named", async () => {
    const { repA, repB } = w;
    const cases: [Record<string, unknown>, string][] = [
      [{ assigneeId: repA.id }, "title"],
      [{ title: "  ", assigneeId: repA.id }, "title"],
      [{ title: "x" }, "assigneeId"],
      [{ title: "x", assigneeId: "not-a-uuid" }, "assigneeId"],
      [{ title: "x", assigneeId: repA.id, priority: "asap" }, "priority"],
      [{ title: "x", assigneeId: repA.id, dueAt: "tomorrow" }, "dueAt"],
      [{ title: "x", assigneeId: repA.id, status: "done" }, ""],
      [{ title: "x", assigneeId: repA.id, createdBy: repB.id }, ""],
      [
        { title: "x", assigneeId: repA.id, dueAt: inHours(1), recurrence: { kind: "weekly", weekdays: [] } },
        "recurrence.weekdays",
      ],
      [
        { title: "x", assigneeId: repA.id, dueAt: inHours(1), recurrence: { kind: "monthly", day: 32 } },
        "recurrence.day",
      ],
      [
        { title: "x", assigneeId: repA.id, dueAt: inHours(1), recurrence: { kind: "hourly" } },
        "recurrence.kind",
      ],
      [{ title: "x", assigneeId: repA.id, recurrence: { kind: "daily" } }, "dueAt"],
      [{ title: "x", assigneeId: "00000000-0000-4000-8000-000000000000" }, "assigneeId"],
      [{ title: "x", assigneeId: repA.id, checklist: [{ text: "" }] }, "checklist.0.text"],
    ];
    for (const [body, field] of cases) {
      const response = await repA.client.post("/api/tasks", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toMatch(/validation|bad_request/);
      if (field) {
        const paths = (response.body.error.details?.issues ?? []).map(
          (issue: { path: string }) => issue.path,
        );
        expect(paths.join(","), JSON.stringify(body)).toContain(field);
      }
    }
  });

  it("refuses a customer the creator may not open, and an assignee or watcher who cannot see it", async () => {
    const { repA, repA2, repB } = w;
    const customer = await createCustomer(repA.client);
    const foreign = await repB.client.post("/api/tasks", {
      title: "Sneak a look",
      assigneeId: repB.id,
      customerId: customer.id,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.issues[0].path).toBe("customerId");

    const toOutsider = await repA.client.post("/api/tasks", {
      title: "Ask Bruno",
      assigneeId: repB.id,
      customerId: customer.id,
    });
    expect(toOutsider.status).toBe(400);
    expect(toOutsider.body.error.details.issues[0].path).toBe("assigneeId");
    expect(toOutsider.body.error.message).toContain("Bruno Rep cannot see the customer");

    const watcher = await repA.client.post("/api/tasks", {
      title: "Watch it",
      assigneeId: repA.id,
      customerId: customer.id,
      watcherIds: [repA2.id],
    });
    expect(watcher.status).toBe(400);
    expect(watcher.body.error.details.issues[0].path).toBe("watcherIds.0");
  });
});

describe("visibility", () => {
  it("a rep cannot list, read or update tasks of a customer they cannot see", async () => {
    const { repA, repB, managerA, managerB, admin } = w;
    const customer = await createCustomer(repA.client);
    const task = await createTask(repA.client, {
      title: "Chase the deposit",
      assigneeId: repA.id,
      customerId: customer.id,
      dueAt: inHours(5),
    });
    for (const url of [
      "/api/tasks",
      `/api/tasks?customerId=${customer.id}`,
      `/api/tasks?assigneeId=${repA.id}`,
    ]) {
      const list = await repB.client.get(url);
      expect(list.status).toBe(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(task.id);
    }
    expect((await repB.client.get(`/api/tasks/${task.id}`)).status).toBe(404);
    expect((await repB.client.get(`/api/tasks/${task.id}/history`)).status).toBe(404);
    const update = await repB.client.patch(`/api/tasks/${task.id}`, { status: "done" });
    expect(update.status).toBe(404);
    expect(update.body.error.code).toBe("not_found");
    expect((await managerB.client.get(`/api/tasks/${task.id}`)).status).toBe(404);

    // The owner's manager and admins see it; the owner lists it by customer.
    expect((await managerA.client.get(`/api/tasks/${task.id}`)).status).toBe(200);
    expect((await admin.get(`/api/tasks/${task.id}`)).status).toBe(200);
    const own = await repA.client.get(`/api/tasks?customerId=${customer.id}`);
    expect(own.body.items.map((item: { id: string }) => item.id)).toEqual([task.id]);
    expect(own.body.total).toBe(1);
  });

  it("a task follows its customer: after a transfer the former owner no longer sees it", async () => {
    const { repA, repA2, managerA } = w;
    const customer = await createCustomer(repA.client);
    const task = await createTask(repA.client, {
      title: "Prepare the sample shipment",
      assigneeId: repA.id,
      customerId: customer.id,
    });
    const transfer = await managerA.client.post(`/api/customers/${customer.id}/transfer`, {
      toUserId: repA2.id,
    });
    expect(transfer.status).toBe(200);
    expect((await repA.client.get(`/api/tasks/${task.id}`)).status).toBe(404);
    expect((await repA2.client.get(`/api/tasks/${task.id}`)).status).toBe(200);
    // The new owner hands it over properly.
    const reassigned = await repA2.client.patch(`/api/tasks/${task.id}`, { assigneeId: repA2.id });
    expect(reassigned.status).toBe(200);
  });

  it("tasks without a record are seen by assignee, creator, watchers and the assignee's manager only", async () => {
    const { repA, repA2, repB, managerA, managerB, logistics } = w;
    const task = await createTask(logistics.client, {
      title: "Confirm the packing list",
      assigneeId: repA.id,
      watcherIds: [repB.id],
    });
    for (const viewer of [repA, repB, managerA, logistics]) {
      expect((await viewer.client.get(`/api/tasks/${task.id}`)).status, viewer.name).toBe(200);
    }
    for (const viewer of [repA2, managerB]) {
      expect((await viewer.client.get(`/api/tasks/${task.id}`)).status, viewer.name).toBe(404);
    }
    const mine = await logistics.client.get("/api/tasks");
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(task.id);
  });
});

describe("changing tasks", () => {
  it("reassigning notifies the old and the new assignee and keeps the history", async () => {
    const { repA, repA2, managerA } = w;
    const task = await createTask(managerA.client, { title: "Book the container", assigneeId: repA.id });
    const response = await managerA.client.patch(`/api/tasks/${task.id}`, { assigneeId: repA2.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ assigneeId: repA2.id, assigneeName: "Arno Rep" });

    const toOld = (await notificationsOf(repA.client, "assigned")).filter((n) => n.entityId === task.id);
    expect(toOld.map((n) => n.title)).toEqual([
      "Mona Manager reassigned “Book the container” from you to Arno Rep",
      "Mona Manager assigned you: Book the container",
    ]);
    const toNew = (await notificationsOf(repA2.client, "assigned")).filter((n) => n.entityId === task.id);
    expect(toNew.map((n) => n.title)).toEqual(["Mona Manager assigned you: Book the container"]);

    const history = (await repA2.client.get(`/api/tasks/${task.id}/history`)).body.items;
    expect(history.map((entry: { action: string }) => entry.action)).toEqual([
      "task.created",
      "task.updated",
    ]);
    expect(history[1]).toMatchObject({
      actorId: managerA.id,
      actorName: "Mona Manager",
      changes: { assigneeId: { from: repA.id, to: repA2.id } },
    });
    // The former assignee no longer sees a task that is not theirs.
    expect((await repA.client.get(`/api/tasks/${task.id}`)).status).toBe(404);
  });

  it("completing tells the creator (not the completer) and records who and when", async () => {
    const { repA, managerA } = w;
    const task = await createTask(managerA.client, { title: "Send the B/L copy", assigneeId: repA.id });
    const done = await repA.client.patch(`/api/tasks/${task.id}`, { status: "done" });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "done", completedBy: repA.id });
    expect(Date.parse(done.body.completedAt)).toBeGreaterThan(Date.now() - 60_000);
    const told = (await notificationsOf(managerA.client, "task_completed")).filter(
      (n) => n.entityId === task.id,
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.title).toBe("Anna Rep completed: Send the B/L copy");

    const reopened = await repA.client.patch(`/api/tasks/${task.id}`, { status: "in_progress" });
    expect(reopened.body).toMatchObject({ status: "in_progress", completedAt: null, completedBy: null });

    const own = await createTask(repA.client, { title: "Own errand", assigneeId: repA.id });
    await repA.client.patch(`/api/tasks/${own.id}`, { status: "done" });
    expect((await notificationsOf(repA.client)).filter((n) => n.entityId === own.id)).toEqual([]);
  });

  it("publishes each change as a live task event carrying the task", async () => {
    const { repA, managerA } = w;
    const task = await createTask(managerA.client, { title: "Live board card", assigneeId: repA.id });
    await repA.client.patch(`/api/tasks/${task.id}`, { status: "in_progress" });
    const published = await w.t.app.db
      .select({ type: events.type, payload: events.payload })
      .from(events)
      .where(and(eq(events.entityType, "task"), eq(events.entityId, task.id)))
      .orderBy(events.id);
    expect(published).toEqual([
      { type: "task", payload: { action: "created", task: expect.objectContaining({ status: "todo" }) } },
      {
        type: "task",
        payload: { action: "updated", task: expect.objectContaining({ status: "in_progress", id: task.id }) },
      },
    ]);
  });

  it("edits fields and keeps checklist state; refuses unknown fields and bad values", async () => {
    const { repA } = w;
    const task = await createTask(repA.client, {
      title: "Draft the PI",
      assigneeId: repA.id,
      checklist: [{ text: "Prices" }, { text: "Terms" }],
    });
    const [first, second] = task.checklist;
    const response = await repA.client.patch(`/api/tasks/${task.id}`, {
      title: "Draft the proforma invoice",
      priority: "urgent",
      dueAt: inHours(48),
      checklist: [
        { id: first.id, text: "Prices", done: true },
        { id: second.id, text: "Terms" },
        { text: "Bank" },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.checklist.map((item: { done: boolean }) => item.done)).toEqual([true, false, false]);
    expect(response.body.checklist[0].id).toBe(first.id);

    for (const body of [
      { createdBy: repA.id },
      { status: "finished" },
      { customerId: "nope" },
      { recurrence: { kind: "daily" }, dueAt: null },
    ]) {
      const refused = await repA.client.patch(`/api/tasks/${task.id}`, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await repA.client.patch("/api/tasks/00000000-0000-4000-8000-000000000000", { title: "x" })).status,
    ).toBe(404);
  });

  it("filters the list by status, overdue, due window, search and assignee, and pages", async () => {
    const { repA2 } = w;
    const late = await createTask(repA2.client, {
      title: "Late filter task",
      assigneeId: repA2.id,
      dueAt: inHours(-5),
    });
    const soon = await createTask(repA2.client, {
      title: "Soon filter task",
      assigneeId: repA2.id,
      dueAt: inHours(5),
    });
    const blocked = await createTask(repA2.client, { title: "Blocked filter task", assigneeId: repA2.id });
    await repA2.client.patch(`/api/tasks/${blocked.id}`, { status: "blocked" });
    const ids = async (query: string) =>
      (await repA2.client.get(`/api/tasks?assigneeId=me&q=filter task&${query}`)).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await ids("overdue=true")).toEqual([late.id]);
    expect(await ids("status=blocked")).toEqual([blocked.id]);
    expect(await ids("status=todo,blocked")).toEqual([late.id, soon.id, blocked.id]);
    expect(await ids(`from=${encodeURIComponent(inHours(0))}`)).toEqual([soon.id]);
    expect(await ids(`to=${encodeURIComponent(inHours(0))}`)).toEqual([late.id]);
    expect(await ids("sort=-dueAt")).toEqual([soon.id, late.id, blocked.id]);
    const paged = await repA2.client.get("/api/tasks?assigneeId=me&q=FILTER&pageSize=2&page=2");
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items).toHaveLength(1);
    expect((await repA2.client.get("/api/tasks?status=open")).status).toBe(400);
    expect((await repA2.client.get("/api/tasks?from=yesterday")).status).toBe(400);
  });
});

describe("recurring tasks", () => {
  it("completing an occurrence creates exactly one next one, at the same local time", async () => {
    const { repA } = w;
    const firstDue = new Date(Date.now() + 2 * DAY);
    const task = await createTask(repA.client, {
      title: "Weekly pipeline review",
      assigneeId: repA.id,
      dueAt: firstDue.toISOString(),
      recurrence: { kind: "weekly", weekdays: [1, 2, 3, 4, 5, 6, 7] },
      checklist: [{ text: "Update stages", done: true }],
    });
    expect(task).toMatchObject({ seriesId: task.id, occurrence: 1 });
    await Promise.all([
      repA.client.patch(`/api/tasks/${task.id}`, { status: "done" }),
      repA.client.patch(`/api/tasks/${task.id}`, { status: "done" }),
    ]);
    // A run of the scheduler afterwards finds nothing more to do for this series.
    await runTaskMaintenance(w.t.app.db, new Date(firstDue.getTime() + HOUR));
    const series = await seriesOf(task.id);
    expect(series.map((row) => row.occurrence)).toEqual([1, 2]);
    expect(series[1]?.dueAt?.getTime()).toBe(firstDue.getTime() + DAY);
    const next = (await repA.client.get(`/api/tasks/${series[1]?.id}`)).body;
    expect(next).toMatchObject({ status: "todo", title: "Weekly pipeline review", occurrence: 2 });
    expect(next.checklist[0].done).toBe(false);
  });

  it("when the due date arrives, two schedulers running at the same moment create one occurrence", async () => {
    const { repA } = w;
    const due = new Date(Date.now() + HOUR);
    const task = await createTask(repA.client, {
      title: "Daily inbox zero",
      assigneeId: repA.id,
      dueAt: due.toISOString(),
      recurrence: { kind: "daily" },
    });
    const before = new Date(due.getTime() - 10 * 60_000);
    await runTaskMaintenance(w.t.app.db, before);
    expect(await seriesOf(task.id)).toHaveLength(1);

    const at = new Date(due.getTime() + 5 * 60_000);
    await Promise.all([runTaskMaintenance(w.t.app.db, at), runTaskMaintenance(w.t.app.db, at)]);
    let series = await seriesOf(task.id);
    expect(series.map((row) => row.occurrence)).toEqual([1, 2]);
    expect(series[1]?.dueAt?.getTime()).toBe(due.getTime() + DAY);

    // Completing the first one late must not create another.
    await repA.client.patch(`/api/tasks/${task.id}`, { status: "done" });
    series = await seriesOf(task.id);
    expect(series).toHaveLength(2);
  });

  it("through the scheduler, only one instance runs the period and one occurrence results", async () => {
    const { repA } = w;
    const due = new Date(Date.now() + 3 * HOUR);
    const task = await createTask(repA.client, {
      title: "Monthly statement to finance",
      assigneeId: repA.id,
      dueAt: due.toISOString(),
      recurrence: { kind: "monthly", day: 31 },
    });
    const maintenance = backgroundTasks.find((candidate) => candidate.name === "task-maintenance");
    if (!maintenance) throw new Error("task-maintenance is not registered");
    const at = new Date(due.getTime() + HOUR);
    const ran = await Promise.all([
      runOncePerPeriod(w.t.app.db, maintenance, at),
      runOncePerPeriod(w.t.app.db, maintenance, at),
    ]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    const series = await seriesOf(task.id);
    expect(series).toHaveLength(2);
    // Day 31 means the last day of each month, in the assignee's zone (Asia/Shanghai, the admin's).
    const nextDue = series[1]?.dueAt ?? due;
    expect(nextDue.getTime()).toBeGreaterThan(due.getTime());
    const dayAfter = new Date(nextDue.getTime() + DAY);
    expect(dayAfter.toLocaleDateString("en-US", { timeZone: "Asia/Shanghai", day: "numeric" })).toBe("1");
  });

  it("the unique series index stops a second successor even when both writers saw the same old row", async () => {
    const { repA } = w;
    const due = new Date(Date.now() + 4 * HOUR);
    const task = await createTask(repA.client, {
      title: "Check the FX rate",
      assigneeId: repA.id,
      dueAt: due.toISOString(),
      recurrence: { kind: "daily" },
    });
    const [stale] = await w.t.app.db.select().from(tasks).where(eq(tasks.id, task.id));
    if (!stale) throw new Error("task row missing");
    const at = new Date(due.getTime() + HOUR);
    const created = await Promise.all(
      [1, 2].map(() => w.t.app.db.transaction((tx) => createNextOccurrence(tx, stale, at))),
    );
    expect(created.filter(Boolean)).toHaveLength(1);
    expect(await seriesOf(task.id)).toHaveLength(2);
  });

  it("stops after `until`, and removing the recurrence ends the series", async () => {
    const { repA } = w;
    const due = new Date(Date.now() + HOUR);
    const until = new Date(due.getTime() + 12 * HOUR).toISOString().slice(0, 10);
    const task = await createTask(repA.client, {
      title: "Short series",
      assigneeId: repA.id,
      dueAt: due.toISOString(),
      recurrence: { kind: "daily", until: new Date(due.getTime() - DAY).toISOString().slice(0, 10) },
    });
    await repA.client.patch(`/api/tasks/${task.id}`, { status: "done" });
    expect(await seriesOf(task.id)).toHaveLength(1);

    const other = await createTask(repA.client, {
      title: "Ended series",
      assigneeId: repA.id,
      dueAt: due.toISOString(),
      recurrence: { kind: "daily", until },
    });
    const stopped = await repA.client.patch(`/api/tasks/${other.id}`, { recurrence: null });
    expect(stopped.body.recurrence).toBeNull();
    await runTaskMaintenance(w.t.app.db, new Date(due.getTime() + HOUR));
    expect(await seriesOf(other.id)).toHaveLength(1);
  });
});

describe("reminders and escalation", () => {
  it("sends due-soon and overdue once each, and escalates to the team manager once", async () => {
    const { repA, managerA, admin } = w;
    await admin.patch("/api/settings/tasks", { escalateAfterDays: 3 });
    const due = new Date(Date.now() + 10 * HOUR);
    const task = await createTask(repA.client, {
      title: "Call Hamburg back",
      assigneeId: repA.id,
      dueAt: due.toISOString(),
    });
    const ofTask = async (client: typeof repA.client, type: string) =>
      (await notificationsOf(client, type)).filter((n) => n.entityId === task.id);
    const run = (offsetMs: number) => runTaskMaintenance(w.t.app.db, new Date(due.getTime() + offsetMs));

    await run(-30 * HOUR);
    expect(await ofTask(repA.client, "task_due_soon")).toHaveLength(0);
    await run(-20 * HOUR);
    await run(-19 * HOUR);
    expect(await ofTask(repA.client, "task_due_soon")).toHaveLength(1);

    await Promise.all([run(HOUR), run(HOUR)]);
    await run(2 * HOUR);
    expect(await ofTask(repA.client, "task_overdue")).toHaveLength(1);

    await run(2 * DAY);
    expect(await ofTask(managerA.client, "escalated")).toHaveLength(0);
    await Promise.all([run(3 * DAY + HOUR), run(3 * DAY + HOUR)]);
    await run(5 * DAY);
    const escalated = await ofTask(managerA.client, "escalated");
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.title).toBe("Overdue for more than 3 days: Call Hamburg back");

    // A new due date brings new reminders; a completed task gets none.
    await repA.client.patch(`/api/tasks/${task.id}`, {
      dueAt: new Date(due.getTime() + 7 * DAY).toISOString(),
    });
    await run(7 * DAY + HOUR);
    expect(await ofTask(repA.client, "task_overdue")).toHaveLength(2);
    await repA.client.patch(`/api/tasks/${task.id}`, { status: "done" });
    await run(30 * DAY);
    expect(await ofTask(managerA.client, "escalated")).toHaveLength(1);
    const [row] = await w.t.app.db
      .select({ escalatedAt: tasks.escalatedAt })
      .from(tasks)
      .where(and(eq(tasks.id, task.id)));
    expect(row?.escalatedAt).toBeNull();
  });

  it("task settings: everyone reads them, only admins change them, within bounds", async () => {
    const { repA, admin } = w;
    const read = await repA.client.get("/api/settings/tasks");
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ escalateAfterDays: expect.any(Number), dueSoonHours: 24 });
    expect((await repA.client.patch("/api/settings/tasks", { escalateAfterDays: 5 })).status).toBe(403);
    expect((await admin.patch("/api/settings/tasks", { escalateAfterDays: 0 })).status).toBe(400);
    expect((await admin.patch("/api/settings/tasks", { snooze: true })).status).toBe(400);
    const changed = await admin.patch("/api/settings/tasks", { escalateAfterDays: 2, dueSoonHours: 12 });
    expect(changed.body).toEqual({ escalateAfterDays: 2, dueSoonHours: 12 });
    // The pool rules beside them are untouched.
    expect((await admin.get("/api/settings/pool")).body.releaseAfterDays).toBe(30);
    await admin.patch("/api/settings/tasks", { dueSoonHours: 24 });
  });
});

describe("my work and the team", () => {
  it("buckets my open tasks into overdue, today and the next 7 days, with my follow-ups due", async () => {
    const { repB, managerB } = w;
    const customer = await createCustomer(repB.client);
    await repB.client.post(`/api/customers/${customer.id}/follow-ups`, {
      type: "call",
      summary: "Discussed the annual volume",
      nextFollowUpAt: inHours(24 * 3),
    });
    const overdue = await createTask(repB.client, {
      title: "Overdue one",
      assigneeId: repB.id,
      dueAt: inHours(-30),
    });
    const later = await createTask(repB.client, {
      title: "Next week",
      assigneeId: repB.id,
      dueAt: inHours(24 * 4),
    });
    const farAway = await createTask(repB.client, {
      title: "Far away",
      assigneeId: repB.id,
      dueAt: inHours(24 * 30),
    });
    const doneOne = await createTask(repB.client, {
      title: "Done already",
      assigneeId: repB.id,
      dueAt: inHours(-2),
    });
    await repB.client.patch(`/api/tasks/${doneOne.id}`, { status: "done" });
    const notMine = await createTask(repB.client, {
      title: "For my manager",
      assigneeId: managerB.id,
      dueAt: inHours(-2),
    });

    const response = await repB.client.get("/api/my-work");
    expect(response.status).toBe(200);
    const body = response.body;
    const idsOf = (items: { id: string }[]) => items.map((item) => item.id);
    expect(idsOf(body.overdue)).toContain(overdue.id);
    expect(idsOf(body.next7Days)).toContain(later.id);
    const all = [...body.overdue, ...body.today, ...body.next7Days].map((item: { id: string }) => item.id);
    for (const absent of [farAway.id, doneOne.id, notMine.id]) expect(all).not.toContain(absent);
    expect(body.followUpsDue).toEqual([
      expect.objectContaining({ customerId: customer.id, name: customer.name, overdue: false }),
    ]);
    expect(body.counts).toEqual({
      overdue: body.overdue.length,
      today: body.today.length,
      next7Days: body.next7Days.length,
      followUpsDue: 1,
    });
    expect(body.timeZone).toBeTruthy();
  });

  it("a manager sees each team member's open and overdue counts; a rep may not", async () => {
    const { repA, repA2, repB, managerA } = w;
    await createTask(managerA.client, { title: "Late for Anna", assigneeId: repA.id, dueAt: inHours(-3) });
    const response = await managerA.client.get("/api/tasks/team-summary");
    expect(response.status).toBe(200);
    const names = response.body.items.map((item: { name: string }) => item.name);
    expect(names).toEqual(expect.arrayContaining(["Anna Rep", "Arno Rep"]));
    expect(names).not.toContain("Bruno Rep");
    const anna = response.body.items.find((item: { userId: string }) => item.userId === repA.id);
    const annaOpen = (
      await managerA.client.get(`/api/tasks?assigneeId=${repA.id}&status=todo,in_progress,blocked`)
    ).body;
    expect(anna.open).toBe(annaOpen.total);
    const annaOverdue = (await managerA.client.get(`/api/tasks?assigneeId=${repA.id}&overdue=true`)).body;
    expect(anna.overdue).toBe(annaOverdue.total);
    expect(anna.overdue).toBeGreaterThan(0);
    expect(response.body.items.find((item: { userId: string }) => item.userId === repA2.id)).toBeDefined();
    expect((await repB.client.get("/api/tasks/team-summary")).status).toBe(403);
  });
});
