import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  ChecklistItem,
  Recurrence,
  TaskLinkedType,
  TaskPriority,
  TaskStatus,
} from "../../../../shared/schemas/tasks";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { users } from "../users/users.table";

export const tasks = pgTable(
  "tasks",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    title: text("title").notNull(),
    description: text("description"),
    status: text("status").$type<TaskStatus>().notNull().default("todo"),
    priority: text("priority").$type<TaskPriority>().notNull().default("normal"),
    assigneeId: uuid("assignee_id").notNull(),
    watcherIds: uuid("watcher_ids").array().notNull().default(sql`'{}'::uuid[]`),
    dueAt: timestamptz("due_at"),
    checklist: jsonb("checklist").$type<ChecklistItem[]>().notNull().default([]),
    // A generic link (customer, meeting; later order, shipment) checked by the service, so no
    // foreign key: the policy decides visibility from the linked record.
    linkedType: text("linked_type").$type<TaskLinkedType>(),
    linkedId: uuid("linked_id"),
    recurrence: jsonb("recurrence").$type<Recurrence>(),
    // Occurrences of a recurring task share a series; the unique index below makes creating the
    // next occurrence idempotent across instances.
    seriesId: uuid("series_id"),
    occurrence: integer("occurrence"),
    nextCreatedAt: timestamptz("next_created_at"),
    createdBy: uuid("created_by").notNull(),
    completedAt: timestamptz("completed_at"),
    completedBy: uuid("completed_by"),
    // Each reminder goes out once per due date; changing the due date clears them.
    dueSoonNotifiedAt: timestamptz("due_soon_notified_at"),
    overdueNotifiedAt: timestamptz("overdue_notified_at"),
    escalatedAt: timestamptz("escalated_at"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("tasks_assignee_idx").on(t.workspaceId, t.assigneeId, t.dueAt),
    index("tasks_created_by_idx").on(t.workspaceId, t.createdBy),
    index("tasks_linked_idx").on(t.workspaceId, t.linkedType, t.linkedId),
    index("tasks_watchers_idx").using("gin", t.watcherIds),
    index("tasks_open_due_idx")
      .on(t.workspaceId, t.dueAt)
      .where(sql`${t.status} in ('todo', 'in_progress', 'blocked')`),
    index("tasks_recurrence_pending_idx")
      .on(t.dueAt)
      .where(sql`${t.recurrence} is not null and ${t.nextCreatedAt} is null`),
    uniqueIndex("tasks_series_occurrence_key").on(t.workspaceId, t.seriesId, t.occurrence),
    foreignKey({
      name: "tasks_assignee_fk",
      columns: [t.workspaceId, t.assigneeId],
      foreignColumns: [users.workspaceId, users.id],
    }),
    foreignKey({
      name: "tasks_created_by_fk",
      columns: [t.workspaceId, t.createdBy],
      foreignColumns: [users.workspaceId, users.id],
    }),
  ],
);
