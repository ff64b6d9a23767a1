import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common";

export const NOTIFICATION_TYPES = [
  "assigned",
  "mentioned",
  "task_due_soon",
  "task_overdue",
  "escalated",
  "task_completed",
  "pool_release_soon",
  "pool_released",
  "customer_claimed",
  "customer_transferred_to_you",
  "customer_transferred_from_you",
  "import_finished",
  "low_stock",
  "approval_requested",
  "order_approved",
  "order_rejected",
  "quotation_expired",
  "shipment_status_changed",
  "receivable_overdue",
] as const;
export const NotificationTypeSchema = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof NotificationTypeSchema>;

export const NotificationSchema = z.object({
  id: IdSchema,
  type: NotificationTypeSchema,
  title: z.string(),
  body: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  readAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = z.object({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  unreadCount: z.number().int(),
});
// No ids, or no body at all (which the server sees as null), means "mark all read".
export const MarkReadInputSchema = z.strictObject({ ids: z.array(IdSchema).max(500).optional() }).nullish();

export const NotificationPreferenceSchema = z.object({
  inApp: z.boolean(),
  // Stored for the e-mail digest to come; nothing sends e-mail yet.
  email: z.boolean(),
});
export type NotificationPreference = z.infer<typeof NotificationPreferenceSchema>;
export const NotificationPreferencesSchema = z.record(NotificationTypeSchema, NotificationPreferenceSchema);
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;
// Only the types being changed; a type left out keeps its setting.
export const UpdateNotificationPreferencesSchema = z.partialRecord(
  NotificationTypeSchema,
  z.strictObject({ inApp: z.boolean(), email: z.boolean().optional() }),
);
export type UpdateNotificationPreferences = z.infer<typeof UpdateNotificationPreferencesSchema>;

// What GET /api/events streams. Each SSE message has `event:` set to the type and `data:` holding
// a RealtimeEvent; entity events reach only users who may see the entity.
export const REALTIME_EVENT_TYPES = [
  "notification",
  "comment",
  "timeline",
  "customer",
  "task",
  "meeting",
] as const;
export type RealtimeEventType = (typeof REALTIME_EVENT_TYPES)[number];
export const RealtimeEventSchema = z.object({
  id: z.number().int(),
  type: z.enum(REALTIME_EVENT_TYPES),
  entityType: z.string().nullable(),
  entityId: IdSchema.nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
});
export type RealtimeEvent = z.infer<typeof RealtimeEventSchema>;
export const EventStreamQuerySchema = z.object({
  // For clients that cannot set the Last-Event-ID header on their first connection.
  lastEventId: z.string().max(50).optional(),
});
