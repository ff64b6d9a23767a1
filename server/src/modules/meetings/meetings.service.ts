import { and, asc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type {
  ActionItemsInput,
  CreateMeetingInput,
  Meeting,
  MeetingDetail,
  MeetingListQuery,
  UpdateMeetingInput,
} from "../../../../shared/schemas/meetings";
import type { Task } from "../../../../shared/schemas/tasks";
import type { DbOrTx } from "../../db/client";
import { fieldError, forbidden, notFound } from "../../lib/app-error";
import { iso } from "../../lib/dates";
import { recordAudit } from "../audit/audit.service";
import { customersScope, hasFullAccess, type Viewer } from "../customers/customers.policy";
import { customerColumns, customers } from "../customers/customers.table";
import { publish } from "../notifications/events.service";
import { insertTasks, selectVisibleTasks } from "../tasks/tasks.service";
import { tasks } from "../tasks/tasks.table";
import { resolveBound } from "../tasks/time";
import { users } from "../users/users.table";
import { canEditMeeting, meetingsScope } from "./meetings.policy";
import { meetings } from "./meetings.table";

type MeetingRow = typeof meetings.$inferSelect;
type Names = Map<string, string>;

export const meetingEndsAt = (row: Pick<MeetingRow, "startsAt" | "durationMinutes">) =>
  new Date(row.startsAt.getTime() + row.durationMinutes * 60_000);

async function userNames(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Names> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function customerNames(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Names> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(customersScope({ workspaceId }, inArray(customers.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function toMeetings(db: DbOrTx, viewer: Viewer, rows: MeetingRow[]): Promise<Meeting[]> {
  const [people, companies] = await Promise.all([
    userNames(
      db,
      viewer.workspaceId,
      rows.flatMap((row) => [row.createdBy, ...row.attendeeIds]),
    ),
    customerNames(
      db,
      viewer.workspaceId,
      rows.flatMap((row) => row.customerIds),
    ),
  ]);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    kind: row.customerIds.length > 0 ? "customer" : "team",
    startsAt: iso(row.startsAt),
    endsAt: iso(meetingEndsAt(row)),
    durationMinutes: row.durationMinutes,
    location: row.location,
    onlineUrl: row.onlineUrl,
    attendees: row.attendeeIds.map((id) => ({ id, name: people.get(id) ?? null })),
    customers: row.customerIds.map((id) => ({ id, name: companies.get(id) ?? null })),
    agenda: row.agenda,
    minutes: row.minutes,
    createdBy: row.createdBy,
    createdByName: people.get(row.createdBy) ?? null,
    canEdit: canEditMeeting(viewer, row),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  }));
}

async function assertActiveUsers(
  db: DbOrTx,
  workspaceId: string,
  ids: string[],
  fieldOf: (index: number) => string,
  skip: string[] = [],
) {
  const checked = ids.filter((id) => !skip.includes(id));
  if (checked.length === 0) return;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true), inArray(users.id, checked)));
  const found = new Set(rows.map((row) => row.id));
  const index = ids.findIndex((id) => !skip.includes(id) && !found.has(id));
  if (index >= 0) throw fieldError(fieldOf(index), "no such active user");
}

// Linking a customer shows its name to every attendee, so only someone who sees it in full may link it.
async function assertLinkableCustomers(db: DbOrTx, viewer: Viewer, ids: string[], skip: string[] = []) {
  const checked = ids.filter((id) => !skip.includes(id));
  if (checked.length === 0) return;
  const rows = await db
    .select(customerColumns)
    .from(customers)
    .where(customersScope(viewer, inArray(customers.id, checked)));
  const visible = new Set(rows.filter((row) => hasFullAccess(viewer, row)).map((row) => row.id));
  const index = ids.findIndex((id) => !skip.includes(id) && !visible.has(id));
  if (index >= 0) {
    throw fieldError(
      `customerIds.${index}`,
      "no such customer, or it is not one of the customers you may open",
    );
  }
}

// Live updates for lists and calendars; the event stream passes them only to users who may see the
// meeting, who then load it (what they may do with it depends on who they are).
async function publishMeetingChange(tx: DbOrTx, row: MeetingRow, action: "created" | "updated") {
  await publish(tx, [
    {
      workspaceId: row.workspaceId,
      type: "meeting",
      entityType: "meeting",
      entityId: row.id,
      payload: { action, title: row.title, startsAt: iso(row.startsAt), endsAt: iso(meetingEndsAt(row)) },
    },
  ]);
}

export async function findMeetingRow(db: DbOrTx, viewer: Viewer, id: string): Promise<MeetingRow> {
  const [row] = await db
    .select()
    .from(meetings)
    .where(meetingsScope(viewer, eq(meetings.id, id)));
  if (!row) throw notFound("Meeting");
  return row;
}

async function findEditableMeeting(db: DbOrTx, viewer: Viewer, id: string): Promise<MeetingRow> {
  const row = await findMeetingRow(db, viewer, id);
  if (!canEditMeeting(viewer, row)) {
    throw forbidden("Only the organiser, the attendees and admins can change this meeting");
  }
  return row;
}

async function actionItemsOf(db: DbOrTx, viewer: Viewer, meetingId: string): Promise<Task[]> {
  return selectVisibleTasks(db, viewer, [eq(tasks.linkedType, "meeting"), eq(tasks.linkedId, meetingId)], {
    limit: 200,
    order: [asc(tasks.createdAt), asc(tasks.title), asc(tasks.id)],
  });
}

export async function getMeeting(db: DbOrTx, viewer: Viewer, id: string): Promise<MeetingDetail> {
  const row = await findMeetingRow(db, viewer, id);
  const [[meeting], actionItems] = await Promise.all([
    toMeetings(db, viewer, [row]),
    actionItemsOf(db, viewer, id),
  ]);
  if (!meeting) throw notFound("Meeting");
  return { ...meeting, actionItems };
}

export async function listMeetings(db: DbOrTx, viewer: Viewer, query: MeetingListQuery) {
  const filters: SQL[] = [];
  if (query.from) filters.push(gte(meetings.startsAt, resolveBound(query.from, viewer.timeZone, "from")));
  if (query.to) filters.push(lt(meetings.startsAt, resolveBound(query.to, viewer.timeZone, "to")));
  if (query.customerId) filters.push(sql`${query.customerId}::uuid = any(${meetings.customerIds})`);
  const where = meetingsScope(viewer, ...filters);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(meetings)
      .where(where)
      .orderBy(asc(meetings.startsAt), asc(meetings.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ count: sql<number>`count(*)::int` }).from(meetings).where(where),
  ]);
  return {
    items: await toMeetings(db, viewer, rows),
    total: count?.count ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function createMeeting(
  db: DbOrTx,
  viewer: Viewer,
  input: CreateMeetingInput,
): Promise<MeetingDetail> {
  const attendeeIds = [...new Set(input.attendeeIds)];
  const customerIds = [...new Set(input.customerIds)];
  await assertActiveUsers(db, viewer.workspaceId, attendeeIds, (index) => `attendeeIds.${index}`);
  await assertLinkableCustomers(db, viewer, customerIds);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({
        workspaceId: viewer.workspaceId,
        title: input.title,
        startsAt: new Date(input.startsAt),
        durationMinutes: input.durationMinutes,
        location: input.location ?? null,
        onlineUrl: input.onlineUrl ?? null,
        attendeeIds,
        customerIds,
        agenda: input.agenda ?? null,
        minutes: input.minutes ?? null,
        createdBy: viewer.userId,
      })
      .returning();
    if (!row) throw new Error("insert returned no meeting");
    await recordAudit(tx, viewer, {
      action: "meeting.created",
      entityType: "meeting",
      entityId: row.id,
      changes: { title: row.title, startsAt: iso(row.startsAt), attendeeIds, customerIds },
    });
    await publishMeetingChange(tx, row, "created");
    return row.id;
  });
  return getMeeting(db, viewer, id);
}

const AUDITED_FIELDS = [
  "title",
  "startsAt",
  "durationMinutes",
  "location",
  "onlineUrl",
  "attendeeIds",
  "customerIds",
] as const;

export async function updateMeeting(
  db: DbOrTx,
  viewer: Viewer,
  id: string,
  input: UpdateMeetingInput,
): Promise<MeetingDetail> {
  const current = await findEditableMeeting(db, viewer, id);
  const { startsAt, attendeeIds, customerIds, ...fields } = input;
  const values: Partial<typeof meetings.$inferInsert> = { ...fields, updatedAt: new Date() };
  if (startsAt) values.startsAt = new Date(startsAt);
  if (attendeeIds) {
    values.attendeeIds = [...new Set(attendeeIds)];
    await assertActiveUsers(
      db,
      viewer.workspaceId,
      values.attendeeIds,
      (index) => `attendeeIds.${index}`,
      current.attendeeIds,
    );
  }
  if (customerIds) {
    values.customerIds = [...new Set(customerIds)];
    // Customers already linked stay, even for an attendee editing who does not see them.
    await assertLinkableCustomers(db, viewer, values.customerIds, current.customerIds);
  }
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(meetings)
      .set(values)
      .where(meetingsScope(viewer, eq(meetings.id, id)))
      .returning();
    if (!after) throw notFound("Meeting");
    const changes: Record<string, unknown> = {};
    for (const key of AUDITED_FIELDS) {
      if (JSON.stringify(current[key]) !== JSON.stringify(after[key])) {
        changes[key] = { from: current[key], to: after[key] };
      }
    }
    for (const key of ["agenda", "minutes"] as const) {
      if (current[key] !== after[key]) changes[key] = { changed: true };
    }
    if (Object.keys(changes).length === 0) return;
    await recordAudit(tx, viewer, {
      action: "meeting.updated",
      entityType: "meeting",
      entityId: id,
      changes,
    });
    await publishMeetingChange(tx, after, "updated");
  });
  return getMeeting(db, viewer, id);
}

// Action items from the minutes become tasks in one transaction: all of them or none.
export async function addActionItems(
  db: DbOrTx,
  viewer: Viewer,
  id: string,
  input: ActionItemsInput,
): Promise<Task[]> {
  await findEditableMeeting(db, viewer, id);
  await assertActiveUsers(
    db,
    viewer.workspaceId,
    input.items.map((item) => item.assigneeId),
    (index) => `items.${index}.assigneeId`,
  );
  const rows = await db.transaction((tx) =>
    insertTasks(
      tx,
      viewer,
      input.items.map((item) => ({
        title: item.title,
        assigneeId: item.assigneeId,
        dueAt: item.dueAt ? new Date(item.dueAt) : null,
        priority: item.priority,
        description: item.description,
        linkedType: "meeting",
        linkedId: id,
      })),
    ),
  );
  const ids = rows.map((row) => row.id);
  const created = await selectVisibleTasks(db, viewer, [inArray(tasks.id, ids)], { limit: ids.length });
  return created.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
}
