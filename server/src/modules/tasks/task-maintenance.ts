import { randomUUID } from "node:crypto";
import { and, eq, gt, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { recordAudit } from "../audit/audit.service";
import { type NewNotification, notify } from "../notifications/notifications.service";
import { getTaskSettings } from "../settings/settings.service";
import { teams } from "../teams/teams.table";
import { users } from "../users/users.table";
import { workspaces } from "../workspaces/workspaces.table";
import { isOpenSql, publishTaskChanges } from "./task-view";
import { tasks } from "./tasks.table";
import { nextDueAt } from "./time";

export type TaskRow = typeof tasks.$inferSelect;

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const BATCH = 200;

// Creates the occurrence after `row` (locked by the caller) and marks `row` as having one. The unique
// (workspace, series, occurrence) index plus ON CONFLICT DO NOTHING make this safe when a completion
// and a scheduler run, or two scheduler instances, race: exactly one successor ever exists.
export async function createNextOccurrence(tx: DbOrTx, row: TaskRow, now: Date): Promise<boolean> {
  if (!row.recurrence || !row.dueAt || row.nextCreatedAt) return false;
  const [assignee] = await tx
    .select({ timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.workspaceId, row.workspaceId), eq(users.id, row.assigneeId)));
  const dueAt = nextDueAt(row.recurrence, row.dueAt, assignee?.timeZone ?? "UTC", now);
  await tx
    .update(tasks)
    .set({ nextCreatedAt: now })
    .where(and(eq(tasks.workspaceId, row.workspaceId), eq(tasks.id, row.id)));
  if (!dueAt) return false;
  const inserted = await tx
    .insert(tasks)
    .values({
      workspaceId: row.workspaceId,
      id: randomUUID(),
      title: row.title,
      description: row.description,
      priority: row.priority,
      assigneeId: row.assigneeId,
      watcherIds: row.watcherIds,
      dueAt,
      checklist: row.checklist.map((item) => ({ ...item, done: false })),
      linkedType: row.linkedType,
      linkedId: row.linkedId,
      recurrence: row.recurrence,
      seriesId: row.seriesId ?? row.id,
      occurrence: (row.occurrence ?? 1) + 1,
      createdBy: row.createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: tasks.id });
  const created = inserted[0];
  if (!created) return false;
  await publishTaskChanges(tx, row.workspaceId, [created.id], "created", now);
  await recordAudit(
    tx,
    { workspaceId: row.workspaceId, userId: null },
    {
      action: "task.created",
      entityType: "task",
      entityId: created.id,
      changes: { recurrenceOf: row.id, dueAt: dueAt.toISOString() },
    },
  );
  return true;
}

// Occurrences whose due time has come get their successor, in batches; SKIP LOCKED lets several
// instances share the work, and rows another transaction just handled no longer match.
async function createDueOccurrences(db: DbOrTx, now: Date): Promise<number> {
  let created = 0;
  for (;;) {
    const handled = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(tasks)
        .where(and(isNotNull(tasks.recurrence), isNull(tasks.nextCreatedAt), lte(tasks.dueAt, now)))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      for (const row of due) if (await createNextOccurrence(tx, row, now)) created += 1;
      return due.length;
    });
    if (handled < BATCH) return created;
  }
}

const claimed = { id: tasks.id, title: tasks.title, assigneeId: tasks.assigneeId, dueAt: tasks.dueAt };
type Claimed = { id: string; title: string; assigneeId: string; dueAt: Date | null };

function taskNotice(
  workspaceId: string,
  userId: string,
  task: Claimed,
  type: NewNotification["type"],
  title: string,
) {
  return {
    workspaceId,
    userId,
    type,
    title,
    entityType: "task",
    entityId: task.id,
    data: { dueAt: task.dueAt?.toISOString() ?? null, assigneeId: task.assigneeId },
  };
}

async function teamManagers(
  tx: DbOrTx,
  workspaceId: string,
  userIds: string[],
): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select({ userId: users.id, managerId: teams.managerId })
    .from(users)
    .leftJoin(teams, and(eq(teams.workspaceId, users.workspaceId), eq(teams.id, users.teamId)))
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, userIds)));
  return new Map(rows.map((row) => [row.userId, row.managerId]));
}

// Each reminder is claimed by setting its flag in the same UPDATE that finds it, so a concurrent run
// (or a re-run for the same period) finds nothing left to send.
async function sendReminders(db: DbOrTx, workspaceId: string, now: Date) {
  const { dueSoonHours, escalateAfterDays } = await getTaskSettings(db, workspaceId);
  return db.transaction(async (tx) => {
    const inWs = eq(tasks.workspaceId, workspaceId);
    const dueSoon = await tx
      .update(tasks)
      .set({ dueSoonNotifiedAt: now })
      .where(
        and(
          inWs,
          isOpenSql,
          isNull(tasks.dueSoonNotifiedAt),
          gt(tasks.dueAt, now),
          lte(tasks.dueAt, new Date(now.getTime() + dueSoonHours * HOUR_MS)),
        ),
      )
      .returning(claimed);
    const overdue = await tx
      .update(tasks)
      .set({ overdueNotifiedAt: now })
      .where(and(inWs, isOpenSql, isNull(tasks.overdueNotifiedAt), lte(tasks.dueAt, now)))
      .returning(claimed);
    const escalated = await tx
      .update(tasks)
      .set({ escalatedAt: now })
      .where(
        and(
          inWs,
          isOpenSql,
          isNull(tasks.escalatedAt),
          lte(tasks.dueAt, new Date(now.getTime() - escalateAfterDays * DAY_MS)),
        ),
      )
      .returning(claimed);
    const managers = await teamManagers(tx, workspaceId, [...new Set(escalated.map((t) => t.assigneeId))]);
    const notices: NewNotification[] = [
      ...dueSoon.map((t) =>
        taskNotice(workspaceId, t.assigneeId, t, "task_due_soon", `Due soon: ${t.title}`),
      ),
      ...overdue.map((t) => taskNotice(workspaceId, t.assigneeId, t, "task_overdue", `Overdue: ${t.title}`)),
    ];
    for (const task of escalated) {
      const managerId = managers.get(task.assigneeId);
      // Without a manager (or when managers' own tasks run late) there is nobody above to tell.
      if (!managerId || managerId === task.assigneeId) continue;
      notices.push(
        taskNotice(
          workspaceId,
          managerId,
          task,
          "escalated",
          `Overdue for more than ${escalateAfterDays} days: ${task.title}`,
        ),
      );
    }
    await notify(tx, notices);
    return { dueSoon: dueSoon.length, overdue: overdue.length, escalated: escalated.length };
  });
}

export type TaskMaintenanceResult = {
  occurrencesCreated: number;
  dueSoon: number;
  overdue: number;
  escalated: number;
};

// The periodic task: next occurrences of recurring tasks, then due-soon, overdue and escalation
// notices. Idempotent, and `now` is a parameter so tests control the clock.
export async function runTaskMaintenance(db: DbOrTx, now = new Date()): Promise<TaskMaintenanceResult> {
  const result: TaskMaintenanceResult = {
    occurrencesCreated: await createDueOccurrences(db, now),
    dueSoon: 0,
    overdue: 0,
    escalated: 0,
  };
  const workspaceRows = await db.select({ id: workspaces.id }).from(workspaces);
  for (const { id } of workspaceRows) {
    const sent = await sendReminders(db, id, now);
    result.dueSoon += sent.dueSoon;
    result.overdue += sent.overdue;
    result.escalated += sent.escalated;
  }
  return result;
}

// Reminders are due at any minute, so the task runs every quarter hour rather than hourly.
export const quarterHourly = (now: Date) =>
  `${now.toISOString().slice(0, 14)}${String(Math.floor(now.getUTCMinutes() / 15) * 15).padStart(2, "0")}`;
