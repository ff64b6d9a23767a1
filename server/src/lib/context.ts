import type { FastifyRequest } from "fastify";
import type { Permission, Role } from "../../../shared/permissions";
import type { Locale } from "../../../shared/schemas/common";
import { AppError } from "./app-error";

// Who is calling, resolved once per request from the session cookie or the API token.
// The workspace always comes from here, never from the request body.
export type Actor = {
  userId: string;
  workspaceId: string;
  role: Role;
  teamId: string | null;
  name: string;
  email: string;
  locale: Locale;
  timeZone: string;
  via: "session" | "token";
  sessionId?: string;
};

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    // Every /api route declares either the permission it needs or that it is public.
    permission?: Permission;
    public?: boolean;
    // Changes who a session or token stands for (or ends it): this instance forgets the cached
    // identities of the workspace before answering; other instances hear of it from the database.
    changesIdentity?: boolean;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated", "Sign in to continue");
  return request.actor;
}
