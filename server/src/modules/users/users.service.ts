import { and, asc, eq, ilike, ne, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type {
  CreateUserInput,
  UpdateUserInput,
  User,
  UserListQuerySchema,
} from "../../../../shared/schemas/identity";
import type { DbOrTx } from "../../db/client";
import { conflict, fieldError, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { iso, isoOrNull } from "../../lib/dates";
import { hashPassword } from "../../lib/passwords";
import { containsPattern } from "../../lib/scope";
import { recordAudit } from "../audit/audit.service";
import { sessions } from "../auth/auth.table";
import { teamsScope } from "../teams/teams.policy";
import { teams } from "../teams/teams.table";
import { usersScope } from "./users.policy";
import { users } from "./users.table";

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    teamId: row.teamId,
    locale: row.locale,
    timeZone: row.timeZone,
    active: row.active,
    createdAt: iso(row.createdAt),
    deactivatedAt: isoOrNull(row.deactivatedAt),
  };
}

export async function listUsers(
  db: DbOrTx,
  actor: Actor,
  query: z.infer<typeof UserListQuerySchema>,
): Promise<User[]> {
  const pattern = query.q ? containsPattern(query.q.trim()) : undefined;
  const rows = await db
    .select()
    .from(users)
    .where(
      usersScope(
        actor,
        query.active === "all" ? undefined : eq(users.active, query.active === "true"),
        query.role ? eq(users.role, query.role) : undefined,
        query.teamId ? eq(users.teamId, query.teamId) : undefined,
        pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
      ),
    )
    .orderBy(asc(users.name))
    .limit(1000);
  return rows.map(toUser);
}

export async function findUser(db: DbOrTx, actor: Pick<Actor, "workspaceId">, id: string): Promise<UserRow> {
  const [row] = await db
    .select()
    .from(users)
    .where(usersScope(actor, eq(users.id, id)));
  if (!row) throw notFound("User");
  return row;
}

async function assertTeamExists(db: DbOrTx, actor: Actor, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const [team] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(teamsScope(actor, eq(teams.id, teamId)));
  if (!team) throw fieldError("teamId", "no such team");
}

async function assertEmailFree(db: DbOrTx, actor: Actor, email: string, exceptId?: string): Promise<void> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(usersScope(actor, eq(users.email, email), exceptId ? ne(users.id, exceptId) : undefined));
  if (existing) {
    throw conflict(`A user with the e-mail ${email} already exists`, {
      issues: [{ path: "email", message: "is already used by another user" }],
    });
  }
}

export async function createUser(db: DbOrTx, actor: Actor, input: CreateUserInput): Promise<User> {
  await assertEmailFree(db, actor, input.email);
  await assertTeamExists(db, actor, input.teamId);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        workspaceId: actor.workspaceId,
        name: input.name,
        email: input.email,
        passwordHash,
        role: input.role,
        teamId: input.teamId ?? null,
        locale: input.locale ?? actor.locale,
        timeZone: input.timeZone ?? actor.timeZone,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, {
      action: "user.created",
      entityType: "user",
      entityId: row.id,
      changes: { name: row.name, email: row.email, role: row.role, teamId: row.teamId },
    });
    return toUser(row);
  });
}

async function activeAdminCount(db: DbOrTx, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(usersScope(actor, eq(users.role, "admin"), eq(users.active, true)));
  return row?.count ?? 0;
}

// A workspace without an active admin could never be administered again.
async function assertKeepsAnAdmin(db: DbOrTx, actor: Actor, target: UserRow): Promise<void> {
  if (target.role === "admin" && target.active && (await activeAdminCount(db, actor)) <= 1) {
    throw conflict("This is the last active admin of the workspace; make another user admin first");
  }
}

export async function updateUser(
  db: DbOrTx,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<User> {
  const current = await findUser(db, actor, id);
  if (input.email && input.email !== current.email) await assertEmailFree(db, actor, input.email, id);
  await assertTeamExists(db, actor, input.teamId);
  if (input.role && input.role !== "admin") await assertKeepsAnAdmin(db, actor, current);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction(async (tx) => {
    const { password: _password, ...fields } = input;
    const [row] = await tx
      .update(users)
      .set({ ...fields, ...(passwordHash ? { passwordHash } : {}), updatedAt: new Date() })
      .where(usersScope(actor, eq(users.id, id)))
      .returning();
    if (!row) throw notFound("User");
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
      if (current[key] !== row[key]) changes[key] = { from: current[key], to: row[key] };
    }
    if (passwordHash) {
      changes.password = { from: "(hidden)", to: "(reset)" };
      // A reset password must lock out whoever knew the old one.
      await tx
        .delete(sessions)
        .where(and(eq(sessions.workspaceId, actor.workspaceId), eq(sessions.userId, id)));
    }
    if (Object.keys(changes).length > 0) {
      const action = changes.role ? "user.role_changed" : "user.updated";
      await recordAudit(tx, actor, { action, entityType: "user", entityId: id, changes });
    }
    return toUser(row);
  });
}

export async function setUserActive(db: DbOrTx, actor: Actor, id: string, active: boolean): Promise<User> {
  const current = await findUser(db, actor, id);
  if (!active && id === actor.userId) throw conflict("You cannot deactivate yourself");
  if (current.active === active) return toUser(current);
  if (!active) await assertKeepsAnAdmin(db, actor, current);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ active, deactivatedAt: active ? null : new Date(), updatedAt: new Date() })
      .where(usersScope(actor, eq(users.id, id)))
      .returning();
    if (!row) throw notFound("User");
    if (!active) {
      await tx
        .delete(sessions)
        .where(and(eq(sessions.workspaceId, actor.workspaceId), eq(sessions.userId, id)));
    }
    await recordAudit(tx, actor, {
      action: active ? "user.reactivated" : "user.deactivated",
      entityType: "user",
      entityId: id,
    });
    return toUser(row);
  });
}
