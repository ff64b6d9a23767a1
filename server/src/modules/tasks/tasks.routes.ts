import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema } from "../../../../shared/schemas/common";
import {
  CreateTaskInputSchema,
  MyWorkSchema,
  TaskHistorySchema,
  TaskListQuerySchema,
  TaskListSchema,
  TaskSchema,
  TeamSummarySchema,
  UpdateTaskInputSchema,
} from "../../../../shared/schemas/tasks";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { myWork, teamSummary } from "./my-work.service";
import { createTask, getTask, listTasks, taskHistory, updateTask } from "./tasks.service";

export async function tasksRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["tasks"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.get(
    "/api/tasks",
    {
      config: { permission: "tasks.read" },
      schema: {
        tags,
        summary: "Tasks you may see, filtered (assignee, status, overdue, customer, due window) and paged",
        querystring: TaskListQuerySchema,
        response: { 200: TaskListSchema },
      },
    },
    async (request) => listTasks(app.db, await viewerOf(request), request.query),
  );

  r.post(
    "/api/tasks",
    {
      config: { permission: "tasks.write" },
      schema: {
        tags,
        summary: "Create a task; the assignee and watchers must be able to see its customer",
        body: CreateTaskInputSchema,
        response: { 201: TaskSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTask(app.db, await viewerOf(request), request.body)),
  );

  r.get(
    "/api/tasks/team-summary",
    {
      config: { permission: "tasks.read" },
      schema: {
        tags,
        summary: "Managers: each team member with open, overdue and due-today task counts",
        response: { 200: TeamSummarySchema },
      },
    },
    async (request) => teamSummary(app.db, await viewerOf(request)),
  );

  r.get(
    "/api/tasks/:id",
    {
      config: { permission: "tasks.read" },
      schema: { tags, summary: "A task", params: IdParamsSchema, response: { 200: TaskSchema } },
    },
    async (request) => getTask(app.db, await viewerOf(request), request.params.id),
  );

  r.patch(
    "/api/tasks/:id",
    {
      config: { permission: "tasks.write" },
      schema: {
        tags,
        summary:
          "Change a task: status, assignee (both sides are notified), fields; completing tells its creator",
        params: IdParamsSchema,
        body: UpdateTaskInputSchema,
        response: { 200: TaskSchema },
      },
    },
    async (request) => updateTask(app.db, await viewerOf(request), request.params.id, request.body),
  );

  r.get(
    "/api/tasks/:id/history",
    {
      config: { permission: "tasks.read" },
      schema: {
        tags,
        summary: "Every change of a task, oldest first (creation, reassignments, status and field changes)",
        params: IdParamsSchema,
        response: { 200: TaskHistorySchema },
      },
    },
    async (request) => taskHistory(app.db, await viewerOf(request), request.params.id),
  );

  r.get(
    "/api/my-work",
    {
      config: { permission: "tasks.read" },
      schema: {
        tags,
        summary: "My open tasks overdue, due today and in the next 7 days, and my customers' follow-ups due",
        response: { 200: MyWorkSchema },
      },
    },
    async (request) => myWork(app.db, await viewerOf(request)),
  );
}
