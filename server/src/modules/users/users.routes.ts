import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParamsSchema, listOf } from "../../../../shared/schemas/common";
import {
  CreateUserInputSchema,
  UpdateUserInputSchema,
  UserListQuerySchema,
  UserSchema,
} from "../../../../shared/schemas/identity";
import { actorOf } from "../../lib/context";
import { createUser, listUsers, setUserActive, updateUser } from "./users.service";

export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["users"];

  r.get(
    "/api/users",
    {
      config: { permission: "users.read" },
      schema: {
        tags,
        summary: "List the workspace's users",
        querystring: UserListQuerySchema,
        response: { 200: listOf(UserSchema) },
      },
    },
    async (request) => ({ items: await listUsers(app.db, actorOf(request), request.query) }),
  );

  r.post(
    "/api/users",
    {
      config: { permission: "users.manage" },
      schema: { tags, summary: "Create a user", body: CreateUserInputSchema, response: { 201: UserSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(app.db, actorOf(request), request.body)),
  );

  r.patch(
    "/api/users/:id",
    {
      config: { permission: "users.manage", changesIdentity: true },
      schema: {
        tags,
        summary: "Edit a user (name, e-mail, role, team, language, time zone, or reset the password)",
        params: IdParamsSchema,
        body: UpdateUserInputSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) => updateUser(app.db, actorOf(request), request.params.id, request.body),
  );

  r.post(
    "/api/users/:id/deactivate",
    {
      config: { permission: "users.manage", changesIdentity: true },
      schema: {
        tags,
        summary: "Deactivate a user: their sessions end at once, everything they own stays",
        params: IdParamsSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) => setUserActive(app.db, actorOf(request), request.params.id, false),
  );

  r.post(
    "/api/users/:id/reactivate",
    {
      config: { permission: "users.manage", changesIdentity: true },
      schema: {
        tags,
        summary: "Reactivate a deactivated user",
        params: IdParamsSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) => setUserActive(app.db, actorOf(request), request.params.id, true),
  );
}
