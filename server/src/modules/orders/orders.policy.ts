import type { SQL } from "drizzle-orm";
import type { Viewer } from "../customers/customers.policy";
import { documentScope } from "../quotations/quotations.policy";
import { orders } from "./orders.table";

// Logistics and finance work every order of the workspace (without costs and margins).
export function ordersScope(viewer: Viewer, ...filters: (SQL | undefined)[]): SQL | undefined {
  return documentScope(orders, viewer, ["logistics", "finance"], filters);
}

// A decision belongs to the owner's team manager or an admin, and never to whoever owns or submitted
// the order: nobody approves their own discount.
export function canDecide(
  viewer: Viewer,
  order: { ownerId: string },
  approval: { requestedBy: string } | undefined,
): boolean {
  if (viewer.userId === order.ownerId || viewer.userId === approval?.requestedBy) return false;
  if (viewer.role === "admin") return true;
  return viewer.role === "manager" && viewer.managedUserIds.includes(order.ownerId);
}

// Moving an order to another owner: admins, and managers for orders of their team.
export function canTransfer(viewer: Viewer, order: { ownerId: string }): boolean {
  if (viewer.role === "admin") return true;
  return (
    viewer.role === "manager" &&
    (order.ownerId === viewer.userId || viewer.managedUserIds.includes(order.ownerId))
  );
}
