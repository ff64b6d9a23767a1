import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParamsSchema } from "../../../../shared/schemas/common";
import {
  ActionItemsInputSchema,
  CreateMeetingInputSchema,
  MeetingDetailSchema,
  MeetingListQuerySchema,
  MeetingListSchema,
  UpdateMeetingInputSchema,
} from "../../../../shared/schemas/meetings";
import { TaskSchema } from "../../../../shared/schemas/tasks";
import { actorOf } from "../../lib/context";
import { meetingIcs } from "../calendar/calendar.service";
import { loadViewer } from "../customers/customers.policy";
import { addActionItems, createMeeting, getMeeting, listMeetings, updateMeeting } from "./meetings.service";

export async function meetingsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["meetings"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.get(
    "/api/meetings",
    {
      config: { permission: "meetings.read" },
      schema: {
        tags,
        summary: "Meetings you organise or attend (managers: also their team's), by start time",
        querystring: MeetingListQuerySchema,
        response: { 200: MeetingListSchema },
      },
    },
    async (request) => listMeetings(app.db, await viewerOf(request), request.query),
  );

  r.post(
    "/api/meetings",
    {
      config: { permission: "meetings.write" },
      schema: {
        tags,
        summary: "Schedule a team or customer meeting",
        body: CreateMeetingInputSchema,
        response: { 201: MeetingDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMeeting(app.db, await viewerOf(request), request.body)),
  );

  r.get(
    "/api/meetings/:id",
    {
      config: { permission: "meetings.read" },
      schema: {
        tags,
        summary: "A meeting with its agenda, minutes and action items",
        params: IdParamsSchema,
        response: { 200: MeetingDetailSchema },
      },
    },
    async (request) => getMeeting(app.db, await viewerOf(request), request.params.id),
  );

  r.patch(
    "/api/meetings/:id",
    {
      config: { permission: "meetings.write" },
      schema: {
        tags,
        summary: "Change a meeting or write its minutes (organiser, attendees, admins)",
        params: IdParamsSchema,
        body: UpdateMeetingInputSchema,
        response: { 200: MeetingDetailSchema },
      },
    },
    async (request) => updateMeeting(app.db, await viewerOf(request), request.params.id, request.body),
  );

  r.post(
    "/api/meetings/:id/action-items",
    {
      config: { permission: "meetings.write" },
      schema: {
        tags,
        summary:
          "Turn action items into tasks linked to the meeting, all in one step; assignees are notified",
        params: IdParamsSchema,
        body: ActionItemsInputSchema,
        response: { 201: z.object({ items: z.array(TaskSchema) }) },
      },
    },
    async (request, reply) => {
      const items = await addActionItems(app.db, await viewerOf(request), request.params.id, request.body);
      return reply.status(201).send({ items });
    },
  );

  r.get(
    "/api/meetings/:id/ics",
    {
      config: { permission: "meetings.read" },
      schema: {
        tags,
        summary: "The meeting as an iCalendar (.ics) file with its attendees",
        params: IdParamsSchema,
      },
    },
    async (request, reply) => {
      const body = await meetingIcs(app.db, await viewerOf(request), request.params.id);
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="meeting-${request.params.id}.ics"`)
        .send(body);
    },
  );
}
