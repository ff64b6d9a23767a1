import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PoolSettingsSchema, UpdatePoolSettingsSchema } from "../../../../shared/schemas/customers";
import { TaskSettingsSchema, UpdateTaskSettingsSchema } from "../../../../shared/schemas/tasks";
import { actorOf } from "../../lib/context";
import { getPoolSettings, getTaskSettings, updatePoolSettings, updateTaskSettings } from "./settings.service";

export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["settings"];

  r.get(
    "/api/settings/pool",
    {
      config: { permission: "customers.read" },
      schema: { tags, summary: "Public pool rules", response: { 200: PoolSettingsSchema } },
    },
    async (request) => getPoolSettings(app.db, actorOf(request).workspaceId),
  );

  r.patch(
    "/api/settings/pool",
    {
      config: { permission: "settings.manage" },
      schema: {
        tags,
        summary: "Change the public pool rules (days before release, private limit, cooling-off days)",
        body: UpdatePoolSettingsSchema,
        response: { 200: PoolSettingsSchema },
      },
    },
    async (request) => updatePoolSettings(app.db, actorOf(request), request.body),
  );

  r.get(
    "/api/settings/tasks",
    {
      config: { permission: "tasks.read" },
      schema: { tags, summary: "Task reminder and escalation rules", response: { 200: TaskSettingsSchema } },
    },
    async (request) => getTaskSettings(app.db, actorOf(request).workspaceId),
  );

  r.patch(
    "/api/settings/tasks",
    {
      config: { permission: "settings.manage" },
      schema: {
        tags,
        summary: "Change the task rules (days overdue before escalation, hours before the due-soon reminder)",
        body: UpdateTaskSettingsSchema,
        response: { 200: TaskSettingsSchema },
      },
    },
    async (request) => updateTaskSettings(app.db, actorOf(request), request.body),
  );
}
