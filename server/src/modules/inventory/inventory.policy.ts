import { and, type SQL } from "drizzle-orm";
import type { Actor } from "../../lib/context";
import { inWorkspace } from "../../lib/scope";
import type { stockLevels, stockMovements, stockReservations, warehouses } from "./inventory.table";

// Stock is shared by the whole workspace: every role with inventory.read sees all of it, so the row
// filter is the tenant key alone. Who may change it is decided by the route permissions.
type Scoped = typeof warehouses | typeof stockLevels | typeof stockReservations | typeof stockMovements;

export function inventoryScope(
  table: Scoped,
  viewer: Pick<Actor, "workspaceId">,
  ...filters: (SQL | undefined)[]
): SQL | undefined {
  return and(inWorkspace(table, viewer), ...filters);
}
