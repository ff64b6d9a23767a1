import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Role } from "../../../../shared/permissions";
import { inWorkspace } from "../../lib/scope";
import type { Viewer } from "../customers/customers.policy";
import { quotations } from "./quotations.table";

type DocumentTable = { workspaceId: PgColumn; ownerId: PgColumn; createdBy: PgColumn };

// Who sees a quotation or an order: its owner, whoever created it, the owner's team manager and
// admins; roles in seeAll (logistics and finance for orders) see every one of the workspace.
// Anyone else gets 404.
export function documentScope(
  table: DocumentTable,
  viewer: Viewer,
  seeAll: readonly Role[],
  filters: (SQL | undefined)[],
): SQL | undefined {
  if (viewer.role === "admin" || seeAll.includes(viewer.role))
    return and(inWorkspace(table, viewer), ...filters);
  return and(
    inWorkspace(table, viewer),
    or(inArray(table.ownerId, [viewer.userId, ...viewer.managedUserIds]), eq(table.createdBy, viewer.userId)),
    ...filters,
  );
}

export function quotationsScope(viewer: Viewer, ...filters: (SQL | undefined)[]): SQL | undefined {
  return documentScope(quotations, viewer, [], filters);
}

// Cost prices and margins: admins and managers only.
export function canSeeCost(viewer: Pick<Viewer, "role">): boolean {
  return viewer.role === "admin" || viewer.role === "manager";
}
