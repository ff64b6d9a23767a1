import { and, asc, eq, gte, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import ical, { type ICalCalendar, ICalCalendarMethod } from "ical-generator";
import type { CalendarItem } from "../../../../shared/schemas/meetings";
import type { DbOrTx } from "../../db/client";
import { fieldError, notFound } from "../../lib/app-error";
import { iso } from "../../lib/dates";
import { randomToken, sha256 } from "../../lib/secrets";
import { recordAudit } from "../audit/audit.service";
import { actorFromUser } from "../auth/auth.service";
import { customersScope, loadViewer, type Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { meetingsScope } from "../meetings/meetings.policy";
import { findMeetingRow, meetingEndsAt } from "../meetings/meetings.service";
import { meetings } from "../meetings/meetings.table";
import { selectVisibleTasks } from "../tasks/tasks.service";
import { tasks } from "../tasks/tasks.table";
import { addDaysIn, resolveBound, startOfDayIn } from "../tasks/time";
import { users } from "../users/users.table";
import { calendarTokens } from "./calendar.table";

const DAY_MS = 24 * 3600 * 1000;
const MAX_RANGE_DAYS = 400;
const MAX_ITEMS_PER_KIND = 2000;
// A due time or a follow-up is a moment; calendar apps show it best as a short block.
const POINT_MINUTES = 30;

export type CalendarRange = { from: Date; to: Date };

// Defaults to the week before today and five after, which covers a month view.
export function calendarRange(viewer: Viewer, query: { from?: string; to?: string }, now = new Date()) {
  const today = startOfDayIn(now, viewer.timeZone);
  const from = query.from
    ? resolveBound(query.from, viewer.timeZone, "from")
    : addDaysIn(today, -7, viewer.timeZone);
  const to = query.to ? resolveBound(query.to, viewer.timeZone, "to") : addDaysIn(from, 42, viewer.timeZone);
  if (to <= from) throw fieldError("to", "must be after from");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw fieldError("to", `the range may span at most ${MAX_RANGE_DAYS} days`);
  }
  return { from, to };
}

// One person's calendar: tasks assigned to them with a due date (cancelled ones left out), meetings
// they organise or attend, and the next follow-up of each customer they own.
export async function calendarItems(
  db: DbOrTx,
  viewer: Viewer,
  range: CalendarRange,
): Promise<CalendarItem[]> {
  const [taskItems, meetingRows, followUps] = await Promise.all([
    selectVisibleTasks(
      db,
      viewer,
      [
        eq(tasks.assigneeId, viewer.userId),
        ne(tasks.status, "cancelled"),
        gte(tasks.dueAt, range.from),
        lt(tasks.dueAt, range.to),
      ],
      { limit: MAX_ITEMS_PER_KIND },
    ),
    db
      .select()
      .from(meetings)
      .where(
        meetingsScope(
          viewer,
          or(
            eq(meetings.createdBy, viewer.userId),
            sql`${viewer.userId}::uuid = any(${meetings.attendeeIds})`,
          ),
          gte(meetings.startsAt, range.from),
          lt(meetings.startsAt, range.to),
        ),
      )
      .orderBy(asc(meetings.startsAt))
      .limit(MAX_ITEMS_PER_KIND),
    db
      .select({ id: customers.id, name: customers.name, nextFollowUpAt: customers.nextFollowUpAt })
      .from(customers)
      .where(
        customersScope(
          viewer,
          eq(customers.ownerId, viewer.userId),
          isNotNull(customers.nextFollowUpAt),
          gte(customers.nextFollowUpAt, range.from),
          lt(customers.nextFollowUpAt, range.to),
        ),
      )
      .orderBy(asc(customers.nextFollowUpAt))
      .limit(MAX_ITEMS_PER_KIND),
  ]);
  const items: CalendarItem[] = [
    ...taskItems.map((task) => ({
      kind: "task" as const,
      id: task.id,
      title: task.title,
      start: task.dueAt ?? "",
      status: task.status,
      priority: task.priority,
      customerId: task.customerId,
    })),
    ...meetingRows.map((row) => ({
      kind: "meeting" as const,
      id: row.id,
      title: row.title,
      start: iso(row.startsAt),
      end: iso(meetingEndsAt(row)),
      location: row.location ?? row.onlineUrl,
    })),
    ...followUps.map((row) => ({
      kind: "follow_up" as const,
      id: row.id,
      title: `Follow up: ${row.name}`,
      start: iso(row.nextFollowUpAt ?? range.from),
      customerId: row.id,
    })),
  ];
  return items.sort((a, b) => a.start.localeCompare(b.start));
}

// Times are written in UTC (a trailing Z), which every calendar app reads without a VTIMEZONE.
function newCalendar(name: string): ICalCalendar {
  return ical({
    name,
    prodId: { company: "Tradewind", product: "Tradewind", language: "EN" },
    ttl: 3600,
  });
}

const uid = (kind: string, id: string) => `${kind}-${id}@tradewind`;

function pointEnd(start: Date): Date {
  return new Date(start.getTime() + POINT_MINUTES * 60_000);
}

export function itemsToIcs(name: string, items: CalendarItem[]): string {
  const calendar = newCalendar(name);
  for (const item of items) {
    const start = new Date(item.start);
    calendar.createEvent({
      id: uid(item.kind, item.id),
      start,
      end: item.kind === "meeting" ? new Date(item.end) : pointEnd(start),
      summary: item.kind === "task" ? `Task: ${item.title}` : item.title,
      location: item.kind === "meeting" ? item.location : null,
    });
  }
  return calendar.toString();
}

export async function meetingIcs(db: DbOrTx, viewer: Viewer, id: string): Promise<string> {
  const row = await findMeetingRow(db, viewer, id);
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(eq(users.workspaceId, viewer.workspaceId), inArray(users.id, [row.createdBy, ...row.attendeeIds])),
    );
  const byId = new Map(people.map((person) => [person.id, person]));
  const organizer = byId.get(row.createdBy);
  const calendar = newCalendar(row.title);
  calendar.method(ICalCalendarMethod.PUBLISH);
  calendar.createEvent({
    id: uid("meeting", row.id),
    start: row.startsAt,
    end: meetingEndsAt(row),
    stamp: row.updatedAt,
    summary: row.title,
    description: [row.agenda, row.onlineUrl].filter(Boolean).join("\n\n") || null,
    location: row.location ?? row.onlineUrl,
    url: row.onlineUrl,
    organizer: organizer ? { name: organizer.name, email: organizer.email } : null,
    attendees: row.attendeeIds.flatMap((attendeeId) => {
      const person = byId.get(attendeeId);
      return person ? [{ name: person.name, email: person.email }] : [];
    }),
  });
  return calendar.toString();
}

// --- the private subscription URL ---

export async function calendarTokenStatus(db: DbOrTx, viewer: Viewer) {
  const [row] = await db
    .select()
    .from(calendarTokens)
    .where(and(eq(calendarTokens.workspaceId, viewer.workspaceId), eq(calendarTokens.userId, viewer.userId)));
  return {
    exists: row !== undefined,
    createdAt: row ? iso(row.createdAt) : null,
    lastUsedAt: row?.lastUsedAt ? iso(row.lastUsedAt) : null,
  };
}

// Creating again replaces the previous token, so a leaked URL stops working.
export async function rotateCalendarToken(db: DbOrTx, viewer: Viewer): Promise<string> {
  const token = randomToken(32);
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarTokens)
      .values({ workspaceId: viewer.workspaceId, userId: viewer.userId, tokenHash: sha256(token) })
      .onConflictDoUpdate({
        target: [calendarTokens.workspaceId, calendarTokens.userId],
        set: { tokenHash: sha256(token), createdAt: new Date(), lastUsedAt: null },
      });
    await recordAudit(tx, viewer, {
      action: "calendar.token_rotated",
      entityType: "user",
      entityId: viewer.userId,
    });
  });
  return token;
}

export async function revokeCalendarToken(db: DbOrTx, viewer: Viewer): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(calendarTokens)
      .where(
        and(eq(calendarTokens.workspaceId, viewer.workspaceId), eq(calendarTokens.userId, viewer.userId)),
      )
      .returning({ userId: calendarTokens.userId });
    if (removed.length === 0) throw notFound("Calendar subscription");
    await recordAudit(tx, viewer, {
      action: "calendar.token_revoked",
      entityType: "user",
      entityId: viewer.userId,
    });
  });
}

// The feed a calendar app polls: the token is the only credential, so an unknown token, or one of a
// deactivated user, is simply not found.
export async function subscriptionFeed(db: DbOrTx, token: string, now = new Date()): Promise<string> {
  const [found] = await db
    .select({ user: users })
    .from(calendarTokens)
    .innerJoin(
      users,
      and(eq(users.workspaceId, calendarTokens.workspaceId), eq(users.id, calendarTokens.userId)),
    )
    .where(and(eq(calendarTokens.tokenHash, sha256(token)), eq(users.active, true)));
  if (!found) throw notFound("Calendar");
  const viewer = await loadViewer(db, actorFromUser(found.user, "token"));
  await db
    .update(calendarTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(calendarTokens.workspaceId, viewer.workspaceId), eq(calendarTokens.userId, viewer.userId)));
  const items = await calendarItems(db, viewer, {
    from: new Date(now.getTime() - 60 * DAY_MS),
    to: new Date(now.getTime() + 365 * DAY_MS),
  });
  return itemsToIcs(`Tradewind — ${viewer.name}`, items);
}
