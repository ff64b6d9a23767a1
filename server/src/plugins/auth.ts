import type { FastifyInstance, FastifyRequest } from "fastify";
import { can } from "../../../shared/permissions";
import { AppError } from "../lib/app-error";
import { resolveBearer, resolveSession, SESSION_COOKIE } from "../modules/auth/auth.service";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return "null";
  }
}

// A cookie is sent by the browser whatever page triggers the request, so state changes made with it
// must come from a page of the app itself (CSRF). Bearer tokens are never sent implicitly.
function assertSameOrigin(
  request: FastifyRequest,
  publicUrl: string | undefined,
  cookieAuthenticated: boolean,
): void {
  const origin = originOf(request.headers.origin) ?? originOf(request.headers.referer);
  if (origin === undefined) {
    if (cookieAuthenticated)
      throw new AppError("bad_origin", "Cross-site request refused: the Origin header is missing");
    return;
  }
  const allowed = new Set([originOf(`${request.protocol}://${request.host}`)]);
  if (publicUrl) allowed.add(originOf(publicUrl));
  if (!allowed.has(origin)) throw new AppError("bad_origin", `Cross-site request from ${origin} refused`);
}

export function registerAuth(app: FastifyInstance, options: { publicUrl: string | undefined }): void {
  app.decorateRequest("actor", null);

  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const authorization = request.headers.authorization;
    const cookie = request.cookies[SESSION_COOKIE];
    if (STATE_CHANGING.has(request.method)) {
      assertSameOrigin(request, options.publicUrl, !authorization && cookie !== undefined);
    }
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      request.actor = match?.[1] ? await resolveBearer(app.db, match[1], app.identityCache) : null;
      if (!request.actor)
        throw new AppError("unauthenticated", "The API token is invalid or has been revoked");
      return;
    }
    if (cookie) request.actor = await resolveSession(app.db, cookie, app.identityCache);
  });

  app.addHook("onSend", async (request) => {
    if (request.routeOptions.config.changesIdentity && request.actor) {
      app.identityCache.forget(request.actor.workspaceId);
    }
  });

  // Fail closed: an /api route that declares neither a permission nor public access is refused.
  app.addHook("preHandler", async (request) => {
    const config = request.routeOptions.config;
    if (!request.routeOptions.url?.startsWith("/api/") || config.public) return;
    if (!request.actor) throw new AppError("unauthenticated", "Sign in to continue");
    if (!config.permission) throw new AppError("forbidden", "This route declares no permission");
    if (!can(request.actor.role, config.permission)) {
      throw new AppError("forbidden", "Your role does not allow this. Ask an admin if you need it.");
    }
  });
}

export type RegisteredRoute = { method: string; url: string; permission?: string; public?: boolean };

export function undeclaredRoutes(routes: readonly RegisteredRoute[]): RegisteredRoute[] {
  return routes.filter((route) => route.url.startsWith("/api/") && !route.public && !route.permission);
}
