import { hasFullAccess, type Viewer } from "../customers/customers.policy";
import type { customers } from "../customers/customers.table";

// Finance keeps every customer's credit; admins see everything anyway.
export const seesAllCredit = (viewer: Viewer): boolean =>
  viewer.role === "admin" || viewer.role === "finance";

// One customer's credit: for those who see all credit, and for those who see the customer in full.
export const canSeeCredit = (
  viewer: Viewer,
  row: Pick<typeof customers.$inferSelect, "ownerId" | "collaboratorIds">,
): boolean => seesAllCredit(viewer) || hasFullAccess(viewer, row);
