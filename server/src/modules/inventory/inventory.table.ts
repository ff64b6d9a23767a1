import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { MovementKind } from "../../../../shared/schemas/inventory";
import { createdAtColumn, idColumn, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { products } from "../products/products.table";
import { workspaces } from "../workspaces/workspaces.table";

const quantity = (name: string) => numeric(name, { precision: 18, scale: 4 });

export const warehouses = pgTable(
  "warehouses",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    id: idColumn(),
    name: text("name").notNull(),
    code: text("code"),
    address: text("address"),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("warehouses_name_key").on(t.workspaceId, sql`lower(${t.name})`),
    // One default per workspace, which also makes its lazy creation safe under concurrency.
    uniqueIndex("warehouses_default_key").on(t.workspaceId).where(sql`${t.isDefault}`),
  ],
);

// What a warehouse holds of a product. The checks are the last line of defence: whatever the code
// does, available stock (on hand − reserved) never goes negative.
export const stockLevels = pgTable(
  "stock_levels",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    productId: uuid("product_id").notNull(),
    warehouseId: uuid("warehouse_id").notNull(),
    onHand: quantity("on_hand").notNull().default("0"),
    reserved: quantity("reserved").notNull().default("0"),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // A constraint, not only an index, because reservations and movements reference it.
    unique("stock_levels_key").on(t.workspaceId, t.productId, t.warehouseId),
    index("stock_levels_warehouse_idx").on(t.workspaceId, t.warehouseId),
    check("stock_levels_reserved_check", sql`${t.reserved} >= 0`),
    check("stock_levels_available_check", sql`${t.onHand} >= ${t.reserved}`),
    foreignKey({
      name: "stock_levels_product_fk",
      columns: [t.workspaceId, t.productId],
      foreignColumns: [products.workspaceId, products.id],
    }),
    foreignKey({
      name: "stock_levels_warehouse_fk",
      columns: [t.workspaceId, t.warehouseId],
      foreignColumns: [warehouses.workspaceId, warehouses.id],
    }),
  ],
);

// What each order holds, per product and warehouse, so cancelling releases exactly that. No foreign
// key to orders: reservations are keyed by the order id the orders module passes.
export const stockReservations = pgTable(
  "stock_reservations",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    orderId: uuid("order_id").notNull(),
    productId: uuid("product_id").notNull(),
    warehouseId: uuid("warehouse_id").notNull(),
    quantity: quantity("quantity").notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("stock_reservations_key").on(t.workspaceId, t.orderId, t.productId, t.warehouseId),
    index("stock_reservations_product_idx").on(t.workspaceId, t.productId),
    check("stock_reservations_quantity_check", sql`${t.quantity} > 0`),
    foreignKey({
      name: "stock_reservations_level_fk",
      columns: [t.workspaceId, t.productId, t.warehouseId],
      foreignColumns: [stockLevels.workspaceId, stockLevels.productId, stockLevels.warehouseId],
    }),
  ],
);

// The stock ledger: every change of on hand or reserved, with who, why and when.
export const stockMovements = pgTable(
  "stock_movements",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    kind: text("kind").$type<MovementKind>().notNull(),
    productId: uuid("product_id").notNull(),
    warehouseId: uuid("warehouse_id").notNull(),
    onHandChange: quantity("on_hand_change").notNull(),
    reservedChange: quantity("reserved_change").notNull(),
    onHandAfter: quantity("on_hand_after").notNull(),
    reservedAfter: quantity("reserved_after").notNull(),
    orderId: uuid("order_id"),
    shipmentId: uuid("shipment_id"),
    reason: text("reason"),
    actorId: uuid("actor_id"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("stock_movements_product_idx").on(t.workspaceId, t.productId, t.createdAt),
    index("stock_movements_order_idx").on(t.workspaceId, t.orderId),
    foreignKey({
      name: "stock_movements_level_fk",
      columns: [t.workspaceId, t.productId, t.warehouseId],
      foreignColumns: [stockLevels.workspaceId, stockLevels.productId, stockLevels.warehouseId],
    }),
  ],
);
