import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CalendarQuerySchema,
  CalendarSchema,
  CalendarTokenCreatedSchema,
  CalendarTokenStatusSchema,
} from "../../../../shared/schemas/meetings";
import { actorOf } from "../../lib/context";
import { iso } from "../../lib/dates";
import { loadViewer } from "../customers/customers.policy";
import {
  calendarItems,
  calendarRange,
  calendarTokenStatus,
  revokeCalendarToken,
  rotateCalendarToken,
  subscriptionFeed,
} from "./calendar.service";

export async function calendarRoutes(app: FastifyInstance, options: { publicUrl: string | undefined }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["calendar"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));
  // Calendar apps fetch the feed from outside, so the URL uses the configured public address.
  const baseUrl = (request: FastifyRequest) => options.publicUrl ?? `${request.protocol}://${request.host}`;

  r.get(
    "/api/calendar",
    {
      config: { permission: "tasks.read" },
      schema: {
        tags,
        summary: "My calendar: tasks with due dates, meetings and customer follow-ups in a date range",
        querystring: CalendarQuerySchema,
        response: { 200: CalendarSchema },
      },
    },
    async (request) => {
      const viewer = await viewerOf(request);
      const range = calendarRange(viewer, request.query);
      return { items: await calendarItems(app.db, viewer, range), from: iso(range.from), to: iso(range.to) };
    },
  );

  r.get(
    "/api/calendar/token",
    {
      config: { permission: "tasks.read" },
      schema: {
        tags,
        summary: "Whether I have a calendar subscription URL (the URL itself is only shown when created)",
        response: { 200: CalendarTokenStatusSchema },
      },
    },
    async (request) => calendarTokenStatus(app.db, await viewerOf(request)),
  );

  r.post(
    "/api/calendar/token",
    {
      config: { permission: "tasks.read" },
      schema: {
        tags,
        summary: "Create or replace my private calendar subscription URL; it is shown this once",
        response: { 201: CalendarTokenCreatedSchema },
      },
    },
    async (request, reply) => {
      const token = await rotateCalendarToken(app.db, await viewerOf(request));
      return reply.status(201).send({ url: `${baseUrl(request)}/api/calendar/${token}.ics` });
    },
  );

  r.delete(
    "/api/calendar/token",
    {
      config: { permission: "tasks.read" },
      schema: { tags, summary: "Stop my calendar subscription URL from working" },
    },
    async (request, reply) => {
      await revokeCalendarToken(app.db, await viewerOf(request));
      return reply.status(204).send();
    },
  );

  r.get(
    "/api/calendar/:token.ics",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "The private iCalendar feed behind a subscription URL (the token is the credential)",
        params: z.object({ token: z.string().max(200) }),
      },
    },
    async (request, reply) =>
      reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=300")
        .send(await subscriptionFeed(app.db, request.params.token)),
  );
}
