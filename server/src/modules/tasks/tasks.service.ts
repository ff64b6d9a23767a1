import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, lt, not, type SQL, sql } from "drizzle-orm";
import type {
  ChecklistItem,
  CreateTaskInput,
  Recurrence,
  Task,
  TaskLinkedType,
  TaskListQuery,
  TaskPriority,
  UpdateTaskInput,
} from "../../../../shared/schemas/tasks";
import type { DbOrTx } from "../../db/client";
import { fieldError, notFound } from "../../lib/app-error";
import { iso, isoOrNull } from "../../lib/dates";
import { recordAudit, recordAuditMany } from "../audit/audit.service";
import { auditLog } from "../audit/audit.table";
import { customersScope, hasFullAccess, type Viewer } from "../customers/customers.policy";
import { type CustomerRow, customerColumns, customers } from "../customers/customers.table";
import { type NewNotification, notify } from "../notifications/notifications.service";
import { users } from "../users/users.table";
import { createNextOccurrence, type TaskRow } from "./task-maintenance";
import { isOpenSql, publishTaskChanges, selectTasks, toTask } from "./task-view";
import { tasksScope, viewerOfUser } from "./tasks.policy";
import { tasks } from "./tasks.table";
import { resolveBound } from "./time";

// Lists of tasks (My work, a meeting's action items) share the joins and the visibility filter.
export async function selectVisibleTasks(
  db: DbOrTx,
  viewer: Viewer,
  where: SQL[],
  options: { limit: number; offset?: number; order?: SQL[] },
  now = new Date(),
): Promise<Task[]> {
  const rows = await selectTasks(db)
    .where(tasksScope(viewer, ...where))
    .orderBy(...(options.order ?? [sql`${tasks.dueAt} asc nulls last`, asc(tasks.id)]))
    .limit(options.limit)
    .offset(options.offset ?? 0);
  return rows.map((row) => toTask(row, now));
}

export async function getTask(db: DbOrTx, viewer: Viewer, id: string, now = new Date()): Promise<Task> {
  const [task] = await selectVisibleTasks(db, viewer, [eq(tasks.id, id)], { limit: 1 }, now);
  if (!task) throw notFound("Task");
  return task;
}

// --- validation of the people and records a task points at ---

async function customerForLink(db: DbOrTx, viewer: Viewer, customerId: string): Promise<CustomerRow> {
  const [row] = await db
    .select(customerColumns)
    .from(customers)
    .where(customersScope(viewer, eq(customers.id, customerId)));
  if (!row || !hasFullAccess(viewer, row)) {
    throw fieldError("customerId", "no such customer, or it is not one of the customers you may open");
  }
  return row;
}

// Every person on a task must be an active colleague who can see what the task is about; otherwise
// they would be told about a task they cannot open.
async function assertCanTakePart(
  db: DbOrTx,
  workspaceId: string,
  userId: string,
  customer: CustomerRow | null,
  field: string,
): Promise<{ id: string; name: string }> {
  const person = await viewerOfUser(db, workspaceId, userId);
  if (!person) throw fieldError(field, "no such active user");
  if (customer && !hasFullAccess(person, customer)) {
    throw fieldError(
      field,
      `${person.name} cannot see the customer ${customer.name}; add them as a collaborator first`,
    );
  }
  return { id: person.userId, name: person.name };
}

async function checkWatchers(
  db: DbOrTx,
  workspaceId: string,
  watcherIds: string[],
  customer: CustomerRow | null,
  fieldOf: (index: number) => string,
): Promise<string[]> {
  for (const [index, id] of watcherIds.entries()) {
    if (watcherIds.indexOf(id) === index)
      await assertCanTakePart(db, workspaceId, id, customer, fieldOf(index));
  }
  return [...new Set(watcherIds)];
}

function normalizeChecklist(
  items: NonNullable<CreateTaskInput["checklist"]>,
  previous: ChecklistItem[] = [],
): ChecklistItem[] {
  const seen = new Set<string>();
  return items.map((item) => {
    const id = item.id && !seen.has(item.id) ? item.id : randomUUID();
    seen.add(id);
    const done = item.done ?? previous.find((old) => old.id === id)?.done ?? false;
    return { id, text: item.text, done };
  });
}

function normalizeRecurrence(recurrence: Recurrence): Recurrence {
  if (recurrence.kind !== "weekly") return recurrence;
  return { ...recurrence, weekdays: [...new Set(recurrence.weekdays)].sort((a, b) => a - b) };
}

// --- creating ---

export type TaskDraft = {
  title: string;
  assigneeId: string;
  dueAt?: Date | null;
  priority?: TaskPriority;
  description?: string | null;
  watcherIds?: string[];
  checklist?: ChecklistItem[];
  recurrence?: Recurrence | null;
  linkedType?: TaskLinkedType | null;
  linkedId?: string | null;
};

function assignedNotice(workspaceId: string, userId: string, task: TaskRow, title: string): NewNotification {
  return {
    workspaceId,
    userId,
    type: "assigned",
    title,
    entityType: "task",
    entityId: task.id,
    data: { dueAt: isoOrNull(task.dueAt) },
  };
}

// Inserts already validated tasks with their audit rows, and tells each assignee (but not the
// actor, who knows). Callers run it inside their transaction.
export async function insertTasks(tx: DbOrTx, viewer: Viewer, drafts: TaskDraft[]): Promise<TaskRow[]> {
  if (drafts.length === 0) return [];
  const rows = await tx
    .insert(tasks)
    .values(
      drafts.map((draft) => {
        const id = randomUUID();
        return {
          workspaceId: viewer.workspaceId,
          id,
          title: draft.title,
          description: draft.description ?? null,
          priority: draft.priority ?? "normal",
          assigneeId: draft.assigneeId,
          watcherIds: draft.watcherIds ?? [],
          dueAt: draft.dueAt ?? null,
          checklist: draft.checklist ?? [],
          linkedType: draft.linkedType ?? null,
          linkedId: draft.linkedId ?? null,
          recurrence: draft.recurrence ?? null,
          seriesId: draft.recurrence ? id : null,
          occurrence: draft.recurrence ? 1 : null,
          createdBy: viewer.userId,
        };
      }),
    )
    .returning();
  await recordAuditMany(
    tx,
    viewer,
    rows.map((row) => ({
      action: "task.created",
      entityType: "task",
      entityId: row.id,
      changes: {
        title: row.title,
        assigneeId: row.assigneeId,
        dueAt: isoOrNull(row.dueAt),
        linkedType: row.linkedType,
        linkedId: row.linkedId,
      },
    })),
  );
  await notify(
    tx,
    rows
      .filter((row) => row.assigneeId !== viewer.userId)
      .map((row) =>
        assignedNotice(viewer.workspaceId, row.assigneeId, row, `${viewer.name} assigned you: ${row.title}`),
      ),
  );
  await publishTaskChanges(
    tx,
    viewer.workspaceId,
    rows.map((row) => row.id),
    "created",
    new Date(),
  );
  return rows;
}

export async function createTask(db: DbOrTx, viewer: Viewer, input: CreateTaskInput): Promise<Task> {
  const customer = input.customerId ? await customerForLink(db, viewer, input.customerId) : null;
  await assertCanTakePart(db, viewer.workspaceId, input.assigneeId, customer, "assigneeId");
  const watcherIds = await checkWatchers(
    db,
    viewer.workspaceId,
    input.watcherIds ?? [],
    customer,
    (index) => `watcherIds.${index}`,
  );
  if (input.recurrence && !input.dueAt) throw fieldError("dueAt", "a recurring task needs a first due date");
  const [row] = await db.transaction((tx) =>
    insertTasks(tx, viewer, [
      {
        title: input.title,
        assigneeId: input.assigneeId,
        dueAt: input.dueAt ? new Date(input.dueAt) : null,
        priority: input.priority,
        description: input.description,
        watcherIds,
        checklist: normalizeChecklist(input.checklist ?? []),
        recurrence: input.recurrence ? normalizeRecurrence(input.recurrence) : null,
        linkedType: customer ? "customer" : null,
        linkedId: customer?.id ?? null,
      },
    ]),
  );
  if (!row) throw new Error("insert returned no task");
  return getTask(db, viewer, row.id);
}

// --- updating ---

const AUDITED_FIELDS = [
  "title",
  "status",
  "priority",
  "assigneeId",
  "watcherIds",
  "dueAt",
  "checklist",
  "linkedType",
  "linkedId",
  "recurrence",
] as const;

function diff(before: TaskRow, after: TaskRow): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of AUDITED_FIELDS) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = { from: before[key], to: after[key] };
    }
  }
  // The text itself can be long; the history only says it changed.
  if (before.description !== after.description) changes.description = { changed: true };
  return changes;
}

export async function updateTask(
  db: DbOrTx,
  viewer: Viewer,
  id: string,
  input: UpdateTaskInput,
  now = new Date(),
): Promise<Task> {
  await db.transaction(async (tx) => {
    // Locked, so two people completing or reassigning at once produce one change each, in turn.
    const [current] = await tx
      .select()
      .from(tasks)
      .where(tasksScope(viewer, eq(tasks.id, id)))
      .for("update");
    if (!current) throw notFound("Task");
    const values: Partial<typeof tasks.$inferInsert> = { updatedAt: now };

    let customer: CustomerRow | null = null;
    if (input.customerId !== undefined) {
      if (current.linkedType === "meeting") {
        throw fieldError("customerId", "this task is an action item of a meeting and stays linked to it");
      }
      customer = input.customerId ? await customerForLink(tx, viewer, input.customerId) : null;
      values.linkedType = customer ? "customer" : null;
      values.linkedId = customer?.id ?? null;
    } else if (current.linkedType === "customer" && current.linkedId) {
      const [linked] = await tx
        .select(customerColumns)
        .from(customers)
        .where(customersScope(viewer, eq(customers.id, current.linkedId)));
      customer = linked ?? null;
    }
    const linkChanged = input.customerId !== undefined && input.customerId !== current.linkedId;

    const assigneeId = input.assigneeId ?? current.assigneeId;
    let newAssignee: { id: string; name: string } | undefined;
    if (assigneeId !== current.assigneeId || linkChanged) {
      newAssignee = await assertCanTakePart(tx, viewer.workspaceId, assigneeId, customer, "assigneeId");
      values.assigneeId = assigneeId;
    }
    if (input.watcherIds !== undefined) {
      values.watcherIds = await checkWatchers(
        tx,
        viewer.workspaceId,
        input.watcherIds,
        customer,
        (index) => `watcherIds.${index}`,
      );
    } else if (linkChanged) {
      await checkWatchers(tx, viewer.workspaceId, current.watcherIds, customer, () => "customerId");
    }

    if (input.title !== undefined) values.title = input.title;
    if (input.description !== undefined) values.description = input.description;
    if (input.priority !== undefined) values.priority = input.priority;
    if (input.checklist !== undefined)
      values.checklist = normalizeChecklist(input.checklist, current.checklist);
    if (input.dueAt !== undefined) {
      const dueAt = input.dueAt ? new Date(input.dueAt) : null;
      if (dueAt?.getTime() !== current.dueAt?.getTime()) {
        // A new due date deserves its own reminders.
        Object.assign(values, { dueAt, dueSoonNotifiedAt: null, overdueNotifiedAt: null, escalatedAt: null });
      }
    }
    if (input.recurrence !== undefined) {
      values.recurrence = input.recurrence ? normalizeRecurrence(input.recurrence) : null;
      if (input.recurrence && !current.seriesId)
        Object.assign(values, { seriesId: current.id, occurrence: 1 });
    }
    const dueAfter = values.dueAt === undefined ? current.dueAt : values.dueAt;
    const recurrenceAfter = values.recurrence === undefined ? current.recurrence : values.recurrence;
    if (recurrenceAfter && !dueAfter) throw fieldError("dueAt", "a recurring task needs a due date");
    if (input.status !== undefined && input.status !== current.status) {
      values.status = input.status;
      const done = input.status === "done";
      Object.assign(values, { completedAt: done ? now : null, completedBy: done ? viewer.userId : null });
    }

    const [after] = await tx
      .update(tasks)
      .set(values)
      .where(and(eq(tasks.workspaceId, viewer.workspaceId), eq(tasks.id, id)))
      .returning();
    if (!after) throw notFound("Task");
    const changes = diff(current, after);
    if (Object.keys(changes).length === 0) return;
    await recordAudit(tx, viewer, { action: "task.updated", entityType: "task", entityId: id, changes });

    const notices: NewNotification[] = [];
    if (newAssignee && after.assigneeId !== current.assigneeId) {
      if (after.assigneeId !== viewer.userId) {
        notices.push(
          assignedNotice(
            viewer.workspaceId,
            after.assigneeId,
            after,
            `${viewer.name} assigned you: ${after.title}`,
          ),
        );
      }
      if (current.assigneeId !== viewer.userId) {
        notices.push(
          assignedNotice(
            viewer.workspaceId,
            current.assigneeId,
            after,
            `${viewer.name} reassigned “${after.title}” from you to ${newAssignee.name}`,
          ),
        );
      }
    }
    const completed = after.status === "done" && current.status !== "done";
    if (completed && after.createdBy !== viewer.userId) {
      notices.push({
        workspaceId: viewer.workspaceId,
        userId: after.createdBy,
        type: "task_completed",
        title: `${viewer.name} completed: ${after.title}`,
        entityType: "task",
        entityId: after.id,
      });
    }
    await notify(tx, notices);
    await publishTaskChanges(tx, viewer.workspaceId, [id], "updated", now);
    if (completed) await createNextOccurrence(tx, after, now);
  });
  return getTask(db, viewer, id, now);
}

// --- reading ---

const PRIORITY_RANK = sql`(case ${tasks.priority} when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end)`;
const SORTS = {
  dueAt: tasks.dueAt,
  priority: PRIORITY_RANK,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
} as const;

export async function listTasks(
  db: DbOrTx,
  viewer: Viewer,
  query: TaskListQuery,
  now = new Date(),
): Promise<{ items: Task[]; total: number; page: number; pageSize: number }> {
  const filters: SQL[] = [];
  if (query.assigneeId) {
    filters.push(eq(tasks.assigneeId, query.assigneeId === "me" ? viewer.userId : query.assigneeId));
  }
  if (query.status) filters.push(inArray(tasks.status, query.status));
  if (query.priority) filters.push(eq(tasks.priority, query.priority));
  const overdue = and(isOpenSql, lt(tasks.dueAt, now));
  if (query.overdue && overdue) filters.push(query.overdue === "true" ? overdue : not(overdue));
  if (query.customerId) filters.push(eq(tasks.linkedType, "customer"), eq(tasks.linkedId, query.customerId));
  if (query.q) filters.push(sql`strpos(lower(${tasks.title}), ${query.q.toLowerCase()}) > 0`);
  if (query.from) filters.push(gte(tasks.dueAt, resolveBound(query.from, viewer.timeZone, "from")));
  if (query.to) filters.push(lt(tasks.dueAt, resolveBound(query.to, viewer.timeZone, "to")));

  const descending = query.sort.startsWith("-");
  const column = SORTS[query.sort.replace(/^-/, "") as keyof typeof SORTS];
  const order = descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
  const [items, [count]] = await Promise.all([
    selectVisibleTasks(
      db,
      viewer,
      filters,
      {
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
        order: [order, descending ? desc(tasks.id) : asc(tasks.id)],
      },
      now,
    ),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(tasks)
      .where(tasksScope(viewer, ...filters)),
  ]);
  return { items, total: count?.count ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function taskHistory(db: DbOrTx, viewer: Viewer, id: string) {
  await getTask(db, viewer, id);
  const rows = await db
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, and(eq(users.workspaceId, auditLog.workspaceId), eq(users.id, auditLog.actorId)))
    .where(
      and(
        eq(auditLog.workspaceId, viewer.workspaceId),
        eq(auditLog.entityType, "task"),
        eq(auditLog.entityId, id),
      ),
    )
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id))
    .limit(500);
  return {
    items: rows.map(({ entry, actorName }) => ({
      id: entry.id,
      at: iso(entry.createdAt),
      action: entry.action,
      actorId: entry.actorId,
      actorName,
      changes: entry.changes,
    })),
  };
}

// When customers change hands (transfer, handover), their open tasks follow the new owner: the old one
// can no longer see the customer, so the work would otherwise be stranded.
export async function reassignOpenCustomerTasks(
  tx: DbOrTx,
  actor: { workspaceId: string; userId: string | null },
  moves: { customerIds: string[]; fromUserId: string; toUserId: string }[],
): Promise<void> {
  for (const move of moves) {
    if (move.customerIds.length === 0) continue;
    const moved = await tx
      .update(tasks)
      .set({ assigneeId: move.toUserId, updatedAt: new Date() })
      .where(
        and(
          eq(tasks.workspaceId, actor.workspaceId),
          eq(tasks.linkedType, "customer"),
          inArray(tasks.linkedId, move.customerIds),
          eq(tasks.assigneeId, move.fromUserId),
          isOpenSql,
        ),
      )
      .returning({ id: tasks.id });
    await recordAuditMany(
      tx,
      actor,
      moved.map((task) => ({
        action: "task.updated",
        entityType: "task",
        entityId: task.id,
        changes: {
          assigneeId: { from: move.fromUserId, to: move.toUserId },
          reason: "customer changed owner",
        },
      })),
    );
  }
}
