import { z } from "zod";
import { IdSchema, NameSchema, PageQuerySchema, TimestampSchema } from "./common";
import { decimalInput } from "./products";

export const WarehouseSchema = z.object({
  id: IdSchema,
  name: z.string(),
  code: z.string().nullable(),
  address: z.string().nullable(),
  // Where adjustments without a warehouse go and reservations are taken from first.
  isDefault: z.boolean(),
  createdAt: TimestampSchema,
});
export type Warehouse = z.infer<typeof WarehouseSchema>;

export const CreateWarehouseInputSchema = z.strictObject({
  name: NameSchema,
  code: z.string().trim().min(1).max(20).optional(),
  address: z.string().trim().max(500).optional(),
});
export type CreateWarehouseInput = z.infer<typeof CreateWarehouseInputSchema>;

export const StockLevelSchema = z.object({
  productId: IdSchema,
  sku: z.string(),
  productName: z.string(),
  unit: z.string(),
  warehouseId: IdSchema,
  warehouseName: z.string(),
  onHand: z.string(),
  reserved: z.string(),
  available: z.string(),
  updatedAt: TimestampSchema,
});
export type StockLevel = z.infer<typeof StockLevelSchema>;

export const StockQuerySchema = PageQuerySchema.extend({
  productId: IdSchema.optional(),
  warehouseId: IdSchema.optional(),
});
export type StockQuery = z.infer<typeof StockQuerySchema>;

export const StockListSchema = z.object({
  items: z.array(StockLevelSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const StockAdjustmentInputSchema = z.strictObject({
  productId: IdSchema,
  // The workspace's default warehouse when left out.
  warehouseId: IdSchema.optional(),
  // Positive to add (goods received, count found more), negative to remove (damage, count found less).
  quantityChange: decimalInput({ places: 4, positive: true, signed: true }),
  reason: z.string().trim().min(1, { message: "say why the stock changes" }).max(500),
});
export type StockAdjustmentInput = z.infer<typeof StockAdjustmentInputSchema>;

export const MOVEMENT_KINDS = ["adjustment", "reservation", "release", "deduction"] as const;
export const MovementKindSchema = z.enum(MOVEMENT_KINDS);
export type MovementKind = z.infer<typeof MovementKindSchema>;

// One line of the stock ledger: what changed on hand and reserved, why, by whom and when.
export const StockMovementSchema = z.object({
  id: IdSchema,
  kind: MovementKindSchema,
  productId: IdSchema,
  sku: z.string(),
  warehouseId: IdSchema,
  warehouseName: z.string(),
  onHandChange: z.string(),
  reservedChange: z.string(),
  onHandAfter: z.string(),
  reservedAfter: z.string(),
  availableAfter: z.string(),
  orderId: IdSchema.nullable(),
  shipmentId: IdSchema.nullable(),
  reason: z.string().nullable(),
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  createdAt: TimestampSchema,
});
export type StockMovement = z.infer<typeof StockMovementSchema>;

export const MovementQuerySchema = z.object({
  productId: IdSchema.optional(),
  warehouseId: IdSchema.optional(),
  orderId: IdSchema.optional(),
  kind: MovementKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type MovementQuery = z.infer<typeof MovementQuerySchema>;
