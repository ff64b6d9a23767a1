import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { OPEN_TASK_STATUSES, type Task } from "../../../../shared/schemas/tasks";
import type { DbOrTx } from "../../db/client";
import { iso, isoOrNull } from "../../lib/dates";
import { customers } from "../customers/customers.table";
import { meetings } from "../meetings/meetings.table";
import { publish } from "../notifications/events.service";
import { users } from "../users/users.table";
import { tasks } from "./tasks.table";

// How a task row becomes the API's Task (names of the people and the linked record joined in).
const assignee = alias(users, "assignee");
const creator = alias(users, "creator");
const linkedCustomer = alias(customers, "linked_customer");
const linkedMeeting = alias(meetings, "linked_meeting");

export const isOpenSql = inArray(tasks.status, [...OPEN_TASK_STATUSES]);

export function selectTasks(db: DbOrTx) {
  return db
    .select({
      task: tasks,
      assigneeName: assignee.name,
      createdByName: creator.name,
      linkedName: sql<string | null>`coalesce(${linkedCustomer.name}, ${linkedMeeting.title})`,
    })
    .from(tasks)
    .leftJoin(assignee, and(eq(assignee.workspaceId, tasks.workspaceId), eq(assignee.id, tasks.assigneeId)))
    .leftJoin(creator, and(eq(creator.workspaceId, tasks.workspaceId), eq(creator.id, tasks.createdBy)))
    .leftJoin(
      linkedCustomer,
      and(
        eq(tasks.linkedType, "customer"),
        eq(linkedCustomer.workspaceId, tasks.workspaceId),
        eq(linkedCustomer.id, tasks.linkedId),
      ),
    )
    .leftJoin(
      linkedMeeting,
      and(
        eq(tasks.linkedType, "meeting"),
        eq(linkedMeeting.workspaceId, tasks.workspaceId),
        eq(linkedMeeting.id, tasks.linkedId),
      ),
    );
}

type SelectedTask = Awaited<ReturnType<ReturnType<typeof selectTasks>["execute"]>>[number];

const OPEN = new Set<string>(OPEN_TASK_STATUSES);

export function toTask({ task, assigneeName, createdByName, linkedName }: SelectedTask, now: Date): Task {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    assigneeId: task.assigneeId,
    assigneeName,
    watcherIds: task.watcherIds,
    dueAt: isoOrNull(task.dueAt),
    overdue: OPEN.has(task.status) && task.dueAt !== null && task.dueAt < now,
    checklist: task.checklist,
    linkedType: task.linkedType,
    linkedId: task.linkedId,
    linkedName,
    customerId: task.linkedType === "customer" ? task.linkedId : null,
    recurrence: task.recurrence,
    seriesId: task.seriesId,
    occurrence: task.occurrence,
    createdBy: task.createdBy,
    createdByName,
    completedAt: isoOrNull(task.completedAt),
    completedBy: task.completedBy,
    createdAt: iso(task.createdAt),
    updatedAt: iso(task.updatedAt),
  };
}

// Live updates for boards and lists: the event carries the task itself, and the event stream hands it
// only to users who may see that task.
export async function publishTaskChanges(
  tx: DbOrTx,
  workspaceId: string,
  ids: string[],
  action: "created" | "updated",
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await selectTasks(tx).where(and(eq(tasks.workspaceId, workspaceId), inArray(tasks.id, ids)));
  await publish(
    tx,
    rows.map((row) => ({
      workspaceId,
      type: "task" as const,
      entityType: "task",
      entityId: row.task.id,
      payload: { action, task: toTask(row, now) },
    })),
  );
}
