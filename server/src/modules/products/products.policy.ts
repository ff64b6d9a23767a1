import { and, type SQL } from "drizzle-orm";
import { can } from "../../../../shared/permissions";
import type { Actor } from "../../lib/context";
import { inWorkspace } from "../../lib/scope";
import { products } from "./products.table";

// The catalogue is the whole workspace's: everyone with products.read sees every product. What varies
// by role is which fields: cost prices only with products.cost, stock only with inventory.read.
export function productsScope(
  viewer: Pick<Actor, "workspaceId">,
  ...filters: (SQL | undefined)[]
): SQL | undefined {
  return and(inWorkspace(products, viewer), ...filters);
}

export const seesCost = (viewer: Pick<Actor, "role">) => can(viewer.role, "products.cost");
export const seesStock = (viewer: Pick<Actor, "role">) => can(viewer.role, "inventory.read");
