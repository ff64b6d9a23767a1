import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  ChangePasswordInputSchema,
  LoginInputSchema,
  MeSchema,
  UpdateProfileInputSchema,
} from "../../../../shared/schemas/identity";
import { actorOf } from "../../lib/context";
import {
  actorFromUser,
  buildMe,
  changePassword,
  createSession,
  endSession,
  login,
  SESSION_COOKIE,
  updateProfile,
} from "./auth.service";
import { LoginThrottle } from "./login-throttle";
import { clearSessionCookie, setSessionCookie } from "./session-cookie";

export async function authRoutes(
  app: FastifyInstance,
  options: { loginRatePerMinute: number },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["auth"];
  const throttle = new LoginThrottle(options.loginRatePerMinute);

  r.post(
    "/api/auth/login",
    {
      config: { public: true, rateLimit: { max: options.loginRatePerMinute, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Sign in with e-mail and password; sets the session cookie",
        security: [],
        body: LoginInputSchema,
        response: { 200: MeSchema },
      },
    },
    async (request, reply) => {
      throttle.hit(request.body.email);
      const user = await login(app.db, request.body);
      const session = await createSession(app.db, user, request.headers["user-agent"]);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      return buildMe(app.db, actorFromUser(user, "session", session.id));
    },
  );

  r.post(
    "/api/auth/logout",
    {
      config: { public: true, changesIdentity: true },
      schema: { tags, summary: "Sign out and end this session", security: [] },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(app.db, token);
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );

  r.get(
    "/api/me",
    {
      config: { permission: "profile.manage" },
      schema: {
        tags,
        summary: "The signed-in user, their workspace and permissions",
        response: { 200: MeSchema },
      },
    },
    async (request) => buildMe(app.db, actorOf(request)),
  );

  r.patch(
    "/api/me",
    {
      config: { permission: "profile.manage", changesIdentity: true },
      schema: {
        tags,
        summary: "Change my name, language or time zone",
        body: UpdateProfileInputSchema,
        response: { 200: MeSchema },
      },
    },
    async (request) => buildMe(app.db, await updateProfile(app.db, actorOf(request), request.body)),
  );

  r.post(
    "/api/me/password",
    {
      config: { permission: "profile.manage", changesIdentity: true },
      schema: { tags, summary: "Change my password; my other sessions end", body: ChangePasswordInputSchema },
    },
    async (request, reply) => {
      await changePassword(app.db, actorOf(request), request.body);
      return reply.status(204).send();
    },
  );
}
