import { and, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { inWorkspace, type WorkspaceRef } from "../../lib/scope";
import { teams } from "../teams/teams.table";
import { users } from "../users/users.table";
import { customers } from "./customers.table";

// Who may see a customer in full: its owner, its collaborators, the manager of the owner's team and
// admins; sales and managers also see public-pool customers in full so they can judge a claim.
// Everyone else with customer access learns only that the customer exists (the "card").
export type Viewer = Actor & { managedUserIds: string[] };

export async function loadViewer(db: DbOrTx, actor: Actor): Promise<Viewer> {
  if (actor.role !== "manager") return { ...actor, managedUserIds: [] };
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(teams, and(eq(teams.workspaceId, users.workspaceId), eq(teams.id, users.teamId)))
    .where(and(eq(users.workspaceId, actor.workspaceId), eq(teams.managerId, actor.userId)));
  return { ...actor, managedUserIds: rows.map((row) => row.id) };
}

const POOL_VIEWERS = new Set(["admin", "manager", "sales"]);

export function fullAccessSql(viewer: Viewer): SQL {
  if (viewer.role === "admin") return sql`true`;
  const conditions: (SQL | undefined)[] = [
    eq(customers.ownerId, viewer.userId),
    sql`${viewer.userId}::uuid = any(${customers.collaboratorIds})`,
  ];
  if (viewer.managedUserIds.length > 0) conditions.push(inArray(customers.ownerId, viewer.managedUserIds));
  if (POOL_VIEWERS.has(viewer.role)) conditions.push(isNull(customers.ownerId));
  return sql`coalesce(${or(...conditions)}, false)`;
}

type AccessRow = Pick<typeof customers.$inferSelect, "ownerId" | "collaboratorIds">;

export function hasFullAccess(viewer: Viewer, row: AccessRow): boolean {
  if (viewer.role === "admin") return true;
  if (row.ownerId === null) return POOL_VIEWERS.has(viewer.role);
  return (
    row.ownerId === viewer.userId ||
    row.collaboratorIds.includes(viewer.userId) ||
    viewer.managedUserIds.includes(row.ownerId)
  );
}

// Editing, logging follow-ups and managing contacts need a stake in the customer; a pool customer
// must be claimed first (admins excepted).
export function canWork(viewer: Viewer, row: AccessRow): boolean {
  if (viewer.role === "admin") return true;
  if (row.ownerId === null) return false;
  return hasFullAccess(viewer, row);
}

// Transfers: admins anywhere, managers for customers of their team members and the pool.
export function canAssign(viewer: Viewer, row: Pick<AccessRow, "ownerId">): boolean {
  if (viewer.role === "admin") return true;
  if (viewer.role !== "manager") return false;
  return row.ownerId === null || row.ownerId === viewer.userId || viewer.managedUserIds.includes(row.ownerId);
}

export function customersScope(viewer: WorkspaceRef, ...filters: (SQL | undefined)[]): SQL | undefined {
  return and(inWorkspace(customers, viewer), ...filters);
}
