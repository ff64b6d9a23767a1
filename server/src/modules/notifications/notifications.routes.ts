import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  MarkReadInputSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
} from "../../../../shared/schemas/notifications";
import { actorOf } from "../../lib/context";
import { listNotifications, markRead } from "./notifications.service";

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
      await markRead(app.db, actorOf(request), request.body.ids);
      return reply.status(204).send();
    },
  );
}
