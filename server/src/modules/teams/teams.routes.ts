import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema, listOf } from "../../../../shared/schemas/common";
import {
  CreateTeamInputSchema,
  TeamSchema,
  UpdateTeamInputSchema,
} from "../../../../shared/schemas/identity";
import { actorOf } from "../../lib/context";
import { createTeam, listTeams, updateTeam } from "./teams.service";

export async function teamsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["teams"];

  r.get(
    "/api/teams",
    {
      config: { permission: "users.read" },
      schema: { tags, summary: "List teams", response: { 200: listOf(TeamSchema) } },
    },
    async (request) => ({ items: await listTeams(app.db, actorOf(request)) }),
  );

  r.post(
    "/api/teams",
    {
      config: { permission: "teams.manage" },
      schema: { tags, summary: "Create a team", body: CreateTeamInputSchema, response: { 201: TeamSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createTeam(app.db, actorOf(request), request.body)),
  );

  r.patch(
    "/api/teams/:id",
    {
      config: { permission: "teams.manage" },
      schema: {
        tags,
        summary: "Rename a team or change its manager",
        params: IdParamsSchema,
        body: UpdateTeamInputSchema,
        response: { 200: TeamSchema },
      },
    },
    async (request) => updateTeam(app.db, actorOf(request), request.params.id, request.body),
  );
}
