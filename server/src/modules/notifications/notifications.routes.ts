import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  MarkReadInputSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationPreferencesSchema,
  UpdateNotificationPreferencesSchema,
} from "../../../../shared/schemas/notifications";
import { actorOf } from "../../lib/context";
import { getPreferences, listNotifications, markRead, updatePreferences } from "./notifications.service";

export async function notificationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["notifications"];

  r.get(
    "/api/notifications",
    {
      config: { permission: "profile.manage" },
      schema: {
        tags,
        summary: "My notifications, newest first, with the unread count",
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationListSchema },
      },
    },
    async (request) => listNotifications(app.db, actorOf(request), request.query),
  );

  r.post(
    "/api/notifications/read",
    {
      config: { permission: "profile.manage" },
      schema: {
        tags,
        summary: "Mark the given notifications read, or all when no ids are given",
        body: MarkReadInputSchema,
      },
    },
    async (request, reply) => {
      await markRead(app.db, actorOf(request), request.body?.ids);
      return reply.status(204).send();
    },
  );

  r.get(
    "/api/notifications/preferences",
    {
      config: { permission: "profile.manage" },
      schema: {
        tags,
        summary: "My notification settings for every type (in-app on by default)",
        response: { 200: NotificationPreferencesSchema },
      },
    },
    async (request) => getPreferences(app.db, actorOf(request)),
  );

  r.put(
    "/api/notifications/preferences",
    {
      config: { permission: "profile.manage" },
      schema: {
        tags,
        summary: "Change the settings of the given notification types; the others keep theirs",
        body: UpdateNotificationPreferencesSchema,
        response: { 200: NotificationPreferencesSchema },
      },
    },
    async (request) => updatePreferences(app.db, actorOf(request), request.body),
  );
}
