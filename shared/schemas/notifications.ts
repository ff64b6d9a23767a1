import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common";

export const NOTIFICATION_TYPES = [
  "assigned",
  "mentioned",
  "task_due_soon",
  "task_overdue",
  "escalated",
  "pool_release_soon",
  "pool_released",
  "customer_claimed",
  "customer_transferred_to_you",
  "customer_transferred_from_you",
  "import_finished",
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
export const MarkReadInputSchema = z.strictObject({ ids: z.array(IdSchema).max(500).optional() });
