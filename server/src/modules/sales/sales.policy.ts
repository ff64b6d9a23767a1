import { and, eq, inArray, type SQL } from "drizzle-orm";
import { inWorkspace } from "../../lib/scope";
import type { Viewer } from "../customers/customers.policy";
import { salesMonthly } from "./sales.table";

// Whose sales a viewer sees: admins and finance every rep's, a manager their own and their team's,
// anyone else their own (logistics own no orders, so they see none).
export function salesScope(viewer: Viewer, ...filters: (SQL | undefined)[]): SQL | undefined {
  if (viewer.role === "admin" || viewer.role === "finance")
    return and(inWorkspace(salesMonthly, viewer), ...filters);
  const owners = viewer.role === "manager" ? [viewer.userId, ...viewer.managedUserIds] : [viewer.userId];
  return and(
    inWorkspace(salesMonthly, viewer),
    owners.length === 1 ? eq(salesMonthly.ownerId, viewer.userId) : inArray(salesMonthly.ownerId, owners),
    ...filters,
  );
}
