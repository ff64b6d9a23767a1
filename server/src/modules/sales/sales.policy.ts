import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { inWorkspace } from "../../lib/scope";
import type { Viewer } from "../customers/customers.policy";
import type { RollupTable } from "./sales.table";

// Whose sales a viewer sees: admins and finance every rep's (null), a manager their own and their
// team's, anyone else their own (logistics own no orders, so they see none).
export function salesOwners(viewer: Viewer): string[] | null {
  if (viewer.role === "admin" || viewer.role === "finance") return null;
  return viewer.role === "manager" ? [viewer.userId, ...viewer.managedUserIds] : [viewer.userId];
}

// The viewer's cells of a rollup. The rollup by country holds no owner, so it serves only viewers
// who see every rep's sales; asked for anyone else, it answers nothing rather than too much.
export function salesScope(
  table: RollupTable,
  viewer: Viewer,
  ...filters: (SQL | undefined)[]
): SQL | undefined {
  const owners = salesOwners(viewer);
  if (owners === null) return and(inWorkspace(table, viewer), ...filters);
  if (!("ownerId" in table)) return and(inWorkspace(table, viewer), sql`false`);
  return and(
    inWorkspace(table, viewer),
    owners.length === 1 ? eq(table.ownerId, viewer.userId) : inArray(table.ownerId, owners),
    ...filters,
  );
}
