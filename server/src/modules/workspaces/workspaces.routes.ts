import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { MeSchema, SetupInputSchema, SetupStatusSchema } from "../../../../shared/schemas/identity";
import { actorFromUser, buildMe, createSession } from "../auth/auth.service";
import { setSessionCookie } from "../auth/session-cookie";
import { findUser } from "../users/users.service";
import { createWorkspaceWithAdmin, isSetupNeeded } from "./workspaces.service";

export async function workspacesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["setup"];

  r.get(
    "/api/setup",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Whether the first-run setup is still open",
        security: [],
        response: { 200: SetupStatusSchema },
      },
    },
    async () => ({ needed: await isSetupNeeded(app.db) }),
  );

  r.post(
    "/api/setup",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Create the workspace and its first admin; closed once a workspace exists",
        security: [],
        body: SetupInputSchema,
        response: { 201: MeSchema },
      },
    },
    async (request, reply) => {
      const created = await createWorkspaceWithAdmin(app.db, request.body, { onlyIfNone: true });
      const admin = await findUser(app.db, { workspaceId: created.workspaceId }, created.adminId);
      const session = await createSession(app.db, admin, request.headers["user-agent"]);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return reply.status(201).send(await buildMe(app.db, actorFromUser(admin, "session", session.id)));
    },
  );
}
