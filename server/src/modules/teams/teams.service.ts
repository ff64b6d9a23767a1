import { asc, eq, isNotNull, sql } from "drizzle-orm";
import type { CreateTeamInput, Team, UpdateTeamInput } from "../../../../shared/schemas/identity";
import type { DbOrTx } from "../../db/client";
import { conflict, fieldError, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { iso } from "../../lib/dates";
import { recordAudit } from "../audit/audit.service";
import { usersScope } from "../users/users.policy";
import { users } from "../users/users.table";
import { teamsScope } from "./teams.policy";
import { teams } from "./teams.table";

function toTeam(row: typeof teams.$inferSelect, count: number): Team {
  return {
    id: row.id,
    name: row.name,
    managerId: row.managerId,
    memberCount: count,
    createdAt: iso(row.createdAt),
  };
}

async function activeMemberCounts(db: DbOrTx, actor: Actor): Promise<Map<string, number>> {
  const rows = await db
    .select({ teamId: users.teamId, count: sql<number>`count(*)::int` })
    .from(users)
    .where(usersScope(actor, eq(users.active, true), isNotNull(users.teamId)))
    .groupBy(users.teamId);
  return new Map(rows.map((row) => [row.teamId ?? "", row.count]));
}

export async function listTeams(db: DbOrTx, actor: Actor): Promise<Team[]> {
  const rows = await db.select().from(teams).where(teamsScope(actor)).orderBy(asc(teams.name));
  const counts = await activeMemberCounts(db, actor);
  return rows.map((row) => toTeam(row, counts.get(row.id) ?? 0));
}

async function getTeam(db: DbOrTx, actor: Actor, id: string): Promise<Team> {
  const team = (await listTeams(db, actor)).find((candidate) => candidate.id === id);
  if (!team) throw notFound("Team");
  return team;
}

async function assertManagerValid(
  db: DbOrTx,
  actor: Actor,
  managerId: string | null | undefined,
): Promise<void> {
  if (!managerId) return;
  const [manager] = await db
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(usersScope(actor, eq(users.id, managerId)));
  if (!manager?.active) throw fieldError("managerId", "no such active user");
}

async function assertNameFree(db: DbOrTx, actor: Actor, name: string, exceptId?: string): Promise<void> {
  const [existing] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(teamsScope(actor, eq(teams.name, name)));
  if (existing && existing.id !== exceptId) throw conflict(`A team named "${name}" already exists`);
}

export async function createTeam(db: DbOrTx, actor: Actor, input: CreateTeamInput): Promise<Team> {
  await assertManagerValid(db, actor, input.managerId);
  await assertNameFree(db, actor, input.name);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(teams)
      .values({ workspaceId: actor.workspaceId, name: input.name, managerId: input.managerId ?? null })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, {
      action: "team.created",
      entityType: "team",
      entityId: row.id,
      changes: input,
    });
    return row.id;
  });
  return getTeam(db, actor, id);
}

export async function updateTeam(
  db: DbOrTx,
  actor: Actor,
  id: string,
  input: UpdateTeamInput,
): Promise<Team> {
  const before = await getTeam(db, actor, id);
  await assertManagerValid(db, actor, input.managerId);
  if (input.name) await assertNameFree(db, actor, input.name, id);
  await db.transaction(async (tx) => {
    await tx
      .update(teams)
      .set({ ...input, updatedAt: new Date() })
      .where(teamsScope(actor, eq(teams.id, id)));
    await recordAudit(tx, actor, {
      action: "team.updated",
      entityType: "team",
      entityId: id,
      changes: { before: { name: before.name, managerId: before.managerId }, after: input },
    });
  });
  return getTeam(db, actor, id);
}
