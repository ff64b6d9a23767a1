import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema, listOf } from "../../../../shared/schemas/common";
import {
  ApiTokenSchema,
  CreatedTokenSchema,
  CreateTokenInputSchema,
} from "../../../../shared/schemas/identity";
import { actorOf } from "../../lib/context";
import { createToken, listTokens, revokeToken } from "./tokens.service";

export async function tokensRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["tokens"];

  r.get(
    "/api/tokens",
    {
      config: { permission: "profile.manage" },
      schema: { tags, summary: "List my personal API tokens", response: { 200: listOf(ApiTokenSchema) } },
    },
    async (request) => ({ items: await listTokens(app.db, actorOf(request)) }),
  );

  r.post(
    "/api/tokens",
    {
      config: { permission: "profile.manage" },
      schema: {
        tags,
        summary: "Create a personal API token; the token is in this answer only",
        body: CreateTokenInputSchema,
        response: { 201: CreatedTokenSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createToken(app.db, actorOf(request), request.body.name)),
  );

  r.delete(
    "/api/tokens/:id",
    {
      config: { permission: "profile.manage", changesIdentity: true },
      schema: { tags, summary: "Revoke one of my API tokens", params: IdParamsSchema },
    },
    async (request, reply) => {
      await revokeToken(app.db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
