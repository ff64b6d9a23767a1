import { z } from "zod";
import { IdSchema, PageQuerySchema, TimestampSchema } from "./common";
import { DayOrTimestampSchema, TaskPrioritySchema, TaskSchema, TaskStatusSchema } from "./tasks";

const TitleSchema = z.string().trim().min(1, { message: "must not be empty" }).max(300);
const MarkdownSchema = z.string().max(50_000);
const IdListSchema = (max: number) => z.array(IdSchema).max(max);

export const CreateMeetingInputSchema = z.strictObject({
  title: TitleSchema,
  startsAt: TimestampSchema,
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  location: z.string().trim().max(300).optional(),
  onlineUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) link" })
    .max(1000)
    .optional(),
  attendeeIds: IdListSchema(100).default([]),
  // Customers the meeting is about; the creator must see each in full.
  customerIds: IdListSchema(20).default([]),
  agenda: MarkdownSchema.optional(),
  minutes: MarkdownSchema.optional(),
});
export type CreateMeetingInput = z.infer<typeof CreateMeetingInputSchema>;

export const UpdateMeetingInputSchema = z.strictObject({
  title: TitleSchema.optional(),
  startsAt: TimestampSchema.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .optional(),
  location: z.string().trim().max(300).nullable().optional(),
  onlineUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) link" })
    .max(1000)
    .nullable()
    .optional(),
  attendeeIds: IdListSchema(100).optional(),
  customerIds: IdListSchema(20).optional(),
  agenda: MarkdownSchema.nullable().optional(),
  minutes: MarkdownSchema.nullable().optional(),
});
export type UpdateMeetingInput = z.infer<typeof UpdateMeetingInputSchema>;

const NamedRefSchema = z.object({ id: IdSchema, name: z.string().nullable() });

export const MeetingSchema = z.object({
  id: IdSchema,
  title: z.string(),
  // "customer" when customers are linked, otherwise an internal team meeting.
  kind: z.enum(["team", "customer"]),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  durationMinutes: z.number().int(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  attendees: z.array(NamedRefSchema),
  customers: z.array(NamedRefSchema),
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  createdBy: IdSchema,
  createdByName: z.string().nullable(),
  // The creator, the attendees and admins edit; managers of attendees only read.
  canEdit: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const MeetingDetailSchema = MeetingSchema.extend({ actionItems: z.array(TaskSchema) });
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;

export const MeetingListQuerySchema = PageQuerySchema.extend({
  from: DayOrTimestampSchema.optional(),
  to: DayOrTimestampSchema.optional(),
  customerId: IdSchema.optional(),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuerySchema>;

export const MeetingListSchema = z.object({
  items: z.array(MeetingSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ActionItemsInputSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        title: TitleSchema,
        assigneeId: IdSchema,
        dueAt: TimestampSchema.optional(),
        priority: TaskPrioritySchema.optional(),
        description: z.string().max(20_000).optional(),
      }),
    )
    .min(1, { message: "must contain at least one action item" })
    .max(50),
});
export type ActionItemsInput = z.infer<typeof ActionItemsInputSchema>;

export const CalendarItemSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("task"),
    id: IdSchema,
    title: z.string(),
    start: TimestampSchema,
    status: TaskStatusSchema,
    priority: TaskPrioritySchema,
    customerId: IdSchema.nullable(),
  }),
  z.object({
    kind: z.literal("meeting"),
    id: IdSchema,
    title: z.string(),
    start: TimestampSchema,
    end: TimestampSchema,
    location: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("follow_up"),
    id: IdSchema,
    title: z.string(),
    start: TimestampSchema,
    customerId: IdSchema,
  }),
]);
export type CalendarItem = z.infer<typeof CalendarItemSchema>;

export const CalendarQuerySchema = z.object({
  from: DayOrTimestampSchema.optional(),
  to: DayOrTimestampSchema.optional(),
});
export const CalendarSchema = z.object({
  items: z.array(CalendarItemSchema),
  from: TimestampSchema,
  to: TimestampSchema,
});

export const CalendarTokenStatusSchema = z.object({
  exists: z.boolean(),
  createdAt: TimestampSchema.nullable(),
  lastUsedAt: TimestampSchema.nullable(),
});
// The subscription URL is shown once; only its hash is kept.
export const CalendarTokenCreatedSchema = z.object({ url: z.string() });
