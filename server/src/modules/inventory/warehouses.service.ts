import { asc, desc, eq } from "drizzle-orm";
import type { CreateWarehouseInput, Warehouse } from "../../../../shared/schemas/inventory";
import type { DbOrTx } from "../../db/client";
import { conflict, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { iso } from "../../lib/dates";
import { recordAudit } from "../audit/audit.service";
import { inventoryScope } from "./inventory.policy";
import { warehouses } from "./inventory.table";

export type WarehouseRow = typeof warehouses.$inferSelect;

export const DEFAULT_WAREHOUSE_NAME = "Main warehouse";

export function toWarehouse(row: WarehouseRow): Warehouse {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    address: row.address,
    isDefault: row.isDefault,
    createdAt: iso(row.createdAt),
  };
}

// The default warehouse first, then in the order they were created: reservations take stock in
// this order, and lists show it.
export async function workspaceWarehouses(db: DbOrTx, workspaceId: string): Promise<WarehouseRow[]> {
  return db
    .select()
    .from(warehouses)
    .where(inventoryScope(warehouses, { workspaceId }))
    .orderBy(desc(warehouses.isDefault), asc(warehouses.createdAt), asc(warehouses.id));
}

// Created on first use, so a workspace that never thinks about warehouses still has one. The partial
// unique index on the default makes two first uses at once create it once.
export async function ensureDefaultWarehouse(db: DbOrTx, workspaceId: string): Promise<WarehouseRow> {
  const find = () =>
    db
      .select()
      .from(warehouses)
      .where(inventoryScope(warehouses, { workspaceId }, eq(warehouses.isDefault, true)));
  const [existing] = await find();
  if (existing) return existing;
  await db
    .insert(warehouses)
    .values({ workspaceId, name: DEFAULT_WAREHOUSE_NAME, isDefault: true })
    .onConflictDoNothing();
  const [created] = await find();
  if (!created) throw new Error("the default warehouse could not be created");
  return created;
}

export async function findWarehouse(db: DbOrTx, workspaceId: string, id: string): Promise<WarehouseRow> {
  const [row] = await db
    .select()
    .from(warehouses)
    .where(inventoryScope(warehouses, { workspaceId }, eq(warehouses.id, id)));
  if (!row) throw notFound("Warehouse");
  return row;
}

export async function listWarehouses(db: DbOrTx, actor: Actor): Promise<Warehouse[]> {
  await ensureDefaultWarehouse(db, actor.workspaceId);
  return (await workspaceWarehouses(db, actor.workspaceId)).map(toWarehouse);
}

export async function createWarehouse(
  db: DbOrTx,
  actor: Actor,
  input: CreateWarehouseInput,
): Promise<Warehouse> {
  await ensureDefaultWarehouse(db, actor.workspaceId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(warehouses)
      .values({
        workspaceId: actor.workspaceId,
        name: input.name,
        code: input.code ?? null,
        address: input.address ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(`A warehouse named "${input.name}" already exists`, { field: "name" });
    await recordAudit(tx, actor, {
      action: "warehouse.created",
      entityType: "warehouse",
      entityId: row.id,
      changes: { name: row.name, code: row.code, address: row.address },
    });
    return toWarehouse(row);
  });
}
