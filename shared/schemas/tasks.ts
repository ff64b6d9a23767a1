import { z } from "zod";
import { IdSchema, PageQuerySchema, TimestampSchema } from "./common";

export const TASK_STATUSES = ["todo", "in_progress", "blocked", "done", "cancelled"] as const;
export const OPEN_TASK_STATUSES = ["todo", "in_progress", "blocked"] as const;
export const TASK_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
// The kinds of record a task can hang on; orders and shipments join when they exist.
export const TASK_LINKED_TYPES = ["customer", "meeting"] as const;

export const TaskStatusSchema = z.enum(TASK_STATUSES);
export const TaskPrioritySchema = z.enum(TASK_PRIORITIES);
export const TaskLinkedTypeSchema = z.enum(TASK_LINKED_TYPES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export type TaskPriority = z.infer<typeof TaskPrioritySchema>;
export type TaskLinkedType = z.infer<typeof TaskLinkedTypeSchema>;

// A calendar day ("2025-03-01", read in the caller's time zone) or an exact instant.
export const DayOrTimestampSchema = z.union([z.iso.date(), TimestampSchema], {
  message: "must be a date such as 2025-03-01 or a time such as 2025-03-01T09:00:00+08:00",
});

const until = z.iso.date({ message: "must be a date such as 2025-12-31" }).optional();
// Dates of later occurrences are computed in the assignee's time zone, keeping the time of day.
export const RecurrenceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("daily"), until }),
  z.strictObject({
    kind: z.literal("weekly"),
    // ISO weekdays: 1 = Monday … 7 = Sunday.
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, { message: "must name at least one weekday" })
      .max(7),
    until,
  }),
  // A day past the end of a month (31 in April) falls on the month's last day.
  z.strictObject({ kind: z.literal("monthly"), day: z.number().int().min(1).max(31), until }),
]);
export type Recurrence = z.infer<typeof RecurrenceSchema>;

const TitleSchema = z.string().trim().min(1, { message: "must not be empty" }).max(300);
const DescriptionSchema = z.string().max(20_000);

export const ChecklistItemSchema = z.object({ id: IdSchema, text: z.string(), done: z.boolean() });
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;
// Items without an id are new; the server gives them one.
const ChecklistInputSchema = z
  .array(
    z.strictObject({
      id: IdSchema.optional(),
      text: z.string().trim().min(1, { message: "must not be empty" }).max(500),
      done: z.boolean().optional(),
    }),
  )
  .max(100);
const WatcherIdsSchema = z.array(IdSchema).max(50);

export const CreateTaskInputSchema = z.strictObject({
  title: TitleSchema,
  assigneeId: IdSchema,
  dueAt: TimestampSchema.optional(),
  priority: TaskPrioritySchema.optional(),
  description: DescriptionSchema.optional(),
  customerId: IdSchema.optional(),
  watcherIds: WatcherIdsSchema.optional(),
  recurrence: RecurrenceSchema.optional(),
  checklist: ChecklistInputSchema.optional(),
});
export type CreateTaskInput = z.infer<typeof CreateTaskInputSchema>;

export const UpdateTaskInputSchema = z.strictObject({
  title: TitleSchema.optional(),
  assigneeId: IdSchema.optional(),
  dueAt: TimestampSchema.nullable().optional(),
  priority: TaskPrioritySchema.optional(),
  status: TaskStatusSchema.optional(),
  description: DescriptionSchema.nullable().optional(),
  customerId: IdSchema.nullable().optional(),
  watcherIds: WatcherIdsSchema.optional(),
  recurrence: RecurrenceSchema.nullable().optional(),
  checklist: ChecklistInputSchema.optional(),
});
export type UpdateTaskInput = z.infer<typeof UpdateTaskInputSchema>;

export const TaskSchema = z.object({
  id: IdSchema,
  title: z.string(),
  // Markdown source; rendering (and sanitising) is the client's job.
  description: z.string().nullable(),
  status: TaskStatusSchema,
  priority: TaskPrioritySchema,
  assigneeId: IdSchema,
  assigneeName: z.string().nullable(),
  watcherIds: z.array(IdSchema),
  dueAt: TimestampSchema.nullable(),
  overdue: z.boolean(),
  checklist: z.array(ChecklistItemSchema),
  linkedType: TaskLinkedTypeSchema.nullable(),
  linkedId: IdSchema.nullable(),
  linkedName: z.string().nullable(),
  customerId: IdSchema.nullable(),
  recurrence: RecurrenceSchema.nullable(),
  seriesId: IdSchema.nullable(),
  occurrence: z.number().int().nullable(),
  createdBy: IdSchema,
  createdByName: z.string().nullable(),
  completedAt: TimestampSchema.nullable(),
  completedBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Task = z.infer<typeof TaskSchema>;

export const TASK_SORTS = [
  "dueAt",
  "-dueAt",
  "priority",
  "-priority",
  "createdAt",
  "-createdAt",
  "updatedAt",
  "-updatedAt",
] as const;

const StatusListSchema = z
  .string()
  .transform((value) => value.split(",").map((part) => part.trim()))
  .pipe(z.array(TaskStatusSchema).min(1));

export const TaskListQuerySchema = PageQuerySchema.extend({
  assigneeId: z.union([z.literal("me"), IdSchema]).optional(),
  // One status or several separated by commas: status=todo,in_progress
  status: StatusListSchema.optional(),
  priority: TaskPrioritySchema.optional(),
  overdue: z.enum(["true", "false"]).optional(),
  customerId: IdSchema.optional(),
  q: z.string().trim().max(200).optional(),
  // Due-date window; a bare date covers that whole day in the caller's time zone.
  from: DayOrTimestampSchema.optional(),
  to: DayOrTimestampSchema.optional(),
  sort: z.enum(TASK_SORTS).default("dueAt"),
});
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;

export const TaskListSchema = z.object({
  items: z.array(TaskSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const TaskHistoryEntrySchema = z.object({
  id: IdSchema,
  at: TimestampSchema,
  action: z.string(),
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  changes: z.unknown(),
});
export const TaskHistorySchema = z.object({ items: z.array(TaskHistoryEntrySchema) });

export const FollowUpDueSchema = z.object({
  customerId: IdSchema,
  name: z.string(),
  country: z.string(),
  stage: z.string(),
  nextFollowUpAt: TimestampSchema,
  lastFollowUpAt: TimestampSchema.nullable(),
  overdue: z.boolean(),
});

export const MyWorkSchema = z.object({
  overdue: z.array(TaskSchema),
  today: z.array(TaskSchema),
  next7Days: z.array(TaskSchema),
  followUpsDue: z.array(FollowUpDueSchema),
  counts: z.object({
    overdue: z.number().int(),
    today: z.number().int(),
    next7Days: z.number().int(),
    followUpsDue: z.number().int(),
  }),
  timeZone: z.string(),
});
export type MyWork = z.infer<typeof MyWorkSchema>;

export const TeamSummarySchema = z.object({
  items: z.array(
    z.object({
      userId: IdSchema,
      name: z.string(),
      teamId: IdSchema.nullable(),
      open: z.number().int(),
      overdue: z.number().int(),
      dueToday: z.number().int(),
    }),
  ),
});

export const TaskSettingsSchema = z.object({
  // A task overdue by more than this many days is escalated to the assignee's team manager, once.
  escalateAfterDays: z.number().int().min(1).max(365),
  // "Due soon" reminders go out this many hours before the due time.
  dueSoonHours: z.number().int().min(1).max(168),
});
export type TaskSettings = z.infer<typeof TaskSettingsSchema>;
export const UpdateTaskSettingsSchema = TaskSettingsSchema.partial().strict();
