import { and, eq, gt, ne } from "drizzle-orm";
import { permissionsOf } from "../../../../shared/permissions";
import type {
  ChangePasswordInput,
  LoginInput,
  Me,
  UpdateProfileInput,
} from "../../../../shared/schemas/identity";
import type { DbOrTx } from "../../db/client";
import { AppError, fieldError } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../lib/passwords";
import { randomToken, sha256 } from "../../lib/secrets";
import { recordAudit } from "../audit/audit.service";
import { findActiveToken, TOKEN_PREFIX, touchToken } from "../tokens/tokens.service";
import { usersScope } from "../users/users.policy";
import { users } from "../users/users.table";
import { getWorkspace } from "../workspaces/workspaces.service";
import { ownSessionsScope } from "./auth.policy";
import { sessions } from "./auth.table";
import type { CachedIdentity, IdentityCache } from "./identity-cache";

export const SESSION_COOKIE = "tw_session";
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
// Writing last_seen on every request would turn each read into a write.
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

type UserRow = typeof users.$inferSelect;

export function actorFromUser(user: UserRow, via: Actor["via"], sessionId?: string): Actor {
  return {
    userId: user.id,
    workspaceId: user.workspaceId,
    role: user.role,
    teamId: user.teamId,
    name: user.name,
    email: user.email,
    locale: user.locale,
    timeZone: user.timeZone,
    via,
    sessionId,
  };
}

export async function buildMe(db: DbOrTx, actor: Actor): Promise<Me> {
  return {
    user: {
      id: actor.userId,
      name: actor.name,
      email: actor.email,
      role: actor.role,
      teamId: actor.teamId,
      locale: actor.locale,
      timeZone: actor.timeZone,
    },
    workspace: await getWorkspace(db, actor.workspaceId),
    permissions: [...permissionsOf(actor.role)],
  };
}

export async function createSession(
  db: DbOrTx,
  user: Pick<UserRow, "id" | "workspaceId">,
  userAgent: string | undefined,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomToken();
  const id = sha256(token);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    id,
    workspaceId: user.workspaceId,
    userId: user.id,
    expiresAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { id, token, expiresAt };
}

const INVALID_CREDENTIALS = "The e-mail or password is not correct";

export async function login(db: DbOrTx, input: LoginInput): Promise<UserRow> {
  // The same e-mail may exist in several workspaces; the password decides which account it is.
  const candidates = await db
    .select()
    .from(users)
    .where(and(eq(users.email, input.email), eq(users.active, true)));
  for (const candidate of candidates) {
    if (await verifyPassword(candidate.passwordHash, input.password)) return candidate;
  }
  if (candidates.length === 0) await burnPasswordCheck(input.password);
  throw new AppError("invalid_credentials", INVALID_CREDENTIALS);
}

async function cachedIdentity(
  cache: IdentityCache | undefined,
  key: string,
  read: () => Promise<CachedIdentity | null>,
  touch: (identity: CachedIdentity) => Promise<void>,
): Promise<Actor | null> {
  const now = Date.now();
  let identity = cache?.get(key, now);
  if (!identity) {
    const version = cache?.version ?? 0;
    const stored = await read();
    if (!stored) return null;
    identity = stored;
    cache?.set(key, identity, version, now);
  }
  // Recording the last use on every request would turn each read into a write.
  if (now - identity.lastSeenAt > LAST_SEEN_RESOLUTION_MS) {
    identity.lastSeenAt = now;
    await touch(identity);
  }
  return identity.actor;
}

export async function resolveSession(
  db: DbOrTx,
  token: string,
  cache?: IdentityCache,
): Promise<Actor | null> {
  const id = sha256(token);
  return cachedIdentity(
    cache,
    `session:${id}`,
    async () => {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, and(eq(users.workspaceId, sessions.workspaceId), eq(users.id, sessions.userId)))
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date()), eq(users.active, true)));
      if (!row) return null;
      return {
        actor: actorFromUser(row.user, "session", row.session.id),
        expiresAt: row.session.expiresAt.getTime(),
        lastSeenAt: row.session.lastSeenAt.getTime(),
      };
    },
    async () => {
      await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
    },
  );
}

export async function resolveBearer(db: DbOrTx, token: string, cache?: IdentityCache): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  return cachedIdentity(
    cache,
    `token:${sha256(token)}`,
    async () => {
      const tokenRow = await findActiveToken(db, token);
      if (!tokenRow) return null;
      const [user] = await db
        .select()
        .from(users)
        .where(
          and(
            eq(users.workspaceId, tokenRow.workspaceId),
            eq(users.id, tokenRow.userId),
            eq(users.active, true),
          ),
        );
      if (!user) return null;
      return {
        actor: actorFromUser(user, "token"),
        expiresAt: Number.POSITIVE_INFINITY,
        lastSeenAt: tokenRow.lastUsedAt?.getTime() ?? 0,
      };
    },
    async (identity) => {
      await touchToken(db, identity.actor.workspaceId, token);
    },
  );
}

export async function endSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

export async function updateProfile(db: DbOrTx, actor: Actor, input: UpdateProfileInput): Promise<Actor> {
  const [row] = await db
    .update(users)
    .set({ ...input, updatedAt: new Date() })
    .where(usersScope(actor, eq(users.id, actor.userId)))
    .returning();
  if (!row) throw new AppError("unauthenticated", "Sign in to continue");
  return actorFromUser(row, actor.via, actor.sessionId);
}

export async function changePassword(db: DbOrTx, actor: Actor, input: ChangePasswordInput): Promise<void> {
  const [user] = await db
    .select()
    .from(users)
    .where(usersScope(actor, eq(users.id, actor.userId)));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw fieldError("currentPassword", "is not correct");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(usersScope(actor, eq(users.id, user.id)));
    // Other devices signed in with the old password are signed out; this one stays.
    await tx
      .delete(sessions)
      .where(ownSessionsScope(actor, actor.sessionId ? ne(sessions.id, actor.sessionId) : undefined));
    await recordAudit(tx, actor, {
      action: "user.password_changed",
      entityType: "user",
      entityId: actor.userId,
    });
  });
}
