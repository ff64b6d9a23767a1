import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { MyWork } from "../../../../shared/schemas/tasks";
import type { DbOrTx } from "../../db/client";
import { forbidden } from "../../lib/app-error";
import { iso, isoOrNull } from "../../lib/dates";
import { customersScope, type Viewer } from "../customers/customers.policy";
import { customerColumns, customers } from "../customers/customers.table";
import { users } from "../users/users.table";
import { isOpenSql } from "./task-view";
import { tasksScope } from "./tasks.policy";
import { selectVisibleTasks } from "./tasks.service";
import { tasks } from "./tasks.table";
import { addDaysIn, startOfDayIn } from "./time";

const ts = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

// Long lists help nobody on a morning screen; the counts still tell the whole truth.
const BUCKET_LIMIT = 100;

// "Today" is the viewer's calendar day: the windows are [now, midnight) for today and the seven days
// after it; anything open and due before now is overdue.
function windowsOf(viewer: Viewer, now: Date) {
  const tomorrow = addDaysIn(startOfDayIn(now, viewer.timeZone), 1, viewer.timeZone);
  return { tomorrow, weekEnd: addDaysIn(tomorrow, 7, viewer.timeZone) };
}

export async function myWork(db: DbOrTx, viewer: Viewer, now = new Date()): Promise<MyWork> {
  const { tomorrow, weekEnd } = windowsOf(viewer, now);
  const mine = [eq(tasks.assigneeId, viewer.userId), isOpenSql];
  const options = { limit: BUCKET_LIMIT };
  const followUpWhere = customersScope(
    viewer,
    eq(customers.ownerId, viewer.userId),
    isNotNull(customers.nextFollowUpAt),
    lt(customers.nextFollowUpAt, weekEnd),
  );
  const [overdue, today, next7Days, [counts], followUps, [followUpCount]] = await Promise.all([
    selectVisibleTasks(db, viewer, [...mine, lt(tasks.dueAt, now)], options, now),
    selectVisibleTasks(db, viewer, [...mine, gte(tasks.dueAt, now), lt(tasks.dueAt, tomorrow)], options, now),
    selectVisibleTasks(
      db,
      viewer,
      [...mine, gte(tasks.dueAt, tomorrow), lt(tasks.dueAt, weekEnd)],
      options,
      now,
    ),
    db
      .select({
        overdue: sql<number>`count(*) filter (where ${tasks.dueAt} < ${ts(now)})::int`,
        today: sql<number>`count(*) filter (where ${tasks.dueAt} >= ${ts(now)} and ${tasks.dueAt} < ${ts(tomorrow)})::int`,
        next7Days: sql<number>`count(*) filter (where ${tasks.dueAt} >= ${ts(tomorrow)})::int`,
      })
      .from(tasks)
      .where(tasksScope(viewer, ...mine, lt(tasks.dueAt, weekEnd))),
    db
      .select(customerColumns)
      .from(customers)
      .where(followUpWhere)
      .orderBy(asc(customers.nextFollowUpAt), asc(customers.id))
      .limit(BUCKET_LIMIT),
    db.select({ count: sql<number>`count(*)::int` }).from(customers).where(followUpWhere),
  ]);
  return {
    overdue,
    today,
    next7Days,
    followUpsDue: followUps.map((row) => ({
      customerId: row.id,
      name: row.name,
      country: row.country,
      stage: row.stage,
      nextFollowUpAt: iso(row.nextFollowUpAt ?? now),
      lastFollowUpAt: isoOrNull(row.lastFollowUpAt),
      overdue: (row.nextFollowUpAt ?? now) < now,
    })),
    counts: {
      overdue: counts?.overdue ?? 0,
      today: counts?.today ?? 0,
      next7Days: counts?.next7Days ?? 0,
      followUpsDue: followUpCount?.count ?? 0,
    },
    timeZone: viewer.timeZone,
  };
}

// A manager's view of the people they lead (admins: everyone active), with the counts the board
// needs; counts go through the same visibility as the lists they lead to.
export async function teamSummary(db: DbOrTx, viewer: Viewer, now = new Date()) {
  if (viewer.role !== "admin" && viewer.role !== "manager") {
    throw forbidden("Only managers and admins see a team's work");
  }
  const members = await db
    .select({ id: users.id, name: users.name, teamId: users.teamId })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, viewer.workspaceId),
        eq(users.active, true),
        viewer.role === "admin" ? undefined : inArray(users.id, [viewer.userId, ...viewer.managedUserIds]),
      ),
    )
    .orderBy(asc(users.name));
  const { tomorrow } = windowsOf(viewer, now);
  const today = startOfDayIn(now, viewer.timeZone);
  const counts = await db
    .select({
      userId: tasks.assigneeId,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${tasks.dueAt} < ${ts(now)})::int`,
      dueToday: sql<number>`count(*) filter (where ${tasks.dueAt} >= ${ts(today)} and ${tasks.dueAt} < ${ts(tomorrow)})::int`,
    })
    .from(tasks)
    .where(
      tasksScope(
        viewer,
        isOpenSql,
        inArray(
          tasks.assigneeId,
          members.map((member) => member.id),
        ),
      ),
    )
    .groupBy(tasks.assigneeId);
  const byUser = new Map(counts.map((row) => [row.userId, row]));
  return {
    items: members.map((member) => ({
      userId: member.id,
      name: member.name,
      teamId: member.teamId,
      open: byUser.get(member.id)?.open ?? 0,
      overdue: byUser.get(member.id)?.overdue ?? 0,
      dueToday: byUser.get(member.id)?.dueToday ?? 0,
    })),
  };
}
