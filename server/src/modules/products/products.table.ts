import { sql } from "drizzle-orm";
import {
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ProductStatus, ProductUnit, Specification } from "../../../../shared/schemas/products";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { users } from "../users/users.table";
import { workspaces } from "../workspaces/workspaces.table";

const money = (name: string) => numeric(name, { precision: 18, scale: 4 });

export const products = pgTable(
  "products",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    id: idColumn(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    nameZh: text("name_zh"),
    description: text("description"),
    category: text("category"),
    hsCode: text("hs_code"),
    unit: text("unit").$type<ProductUnit>().notNull(),
    specifications: jsonb("specifications").$type<Specification[]>().notNull().default([]),
    costPrice: money("cost_price"),
    // The workspace currency when the cost was set, kept beside the amount like every amount.
    costCurrency: text("cost_currency"),
    moq: money("moq"),
    leadTimeDays: integer("lead_time_days"),
    // Packing: all set or all null.
    unitsPerCarton: integer("units_per_carton"),
    cartonLengthCm: numeric("carton_length_cm", { precision: 10, scale: 2 }),
    cartonWidthCm: numeric("carton_width_cm", { precision: 10, scale: 2 }),
    cartonHeightCm: numeric("carton_height_cm", { precision: 10, scale: 2 }),
    grossWeightKg: numeric("gross_weight_kg", { precision: 12, scale: 3 }),
    netWeightKg: numeric("net_weight_kg", { precision: 12, scale: 3 }),
    cbmPerCarton: numeric("cbm_per_carton", { precision: 12, scale: 6 }),
    supplier: text("supplier"),
    status: text("status").$type<ProductStatus>().notNull().default("active"),
    lowStockThreshold: money("low_stock_threshold"),
    // Set when the watchers were told that stock fell below the threshold, cleared when it recovers:
    // they are told once per shortage, not on every movement.
    lowStockAlertedAt: timestamptz("low_stock_alerted_at"),
    // SKU, English and Chinese name, lower-cased, for the search box.
    searchText: text("search_text").notNull().default(""),
    createdBy: uuid("created_by"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("products_sku_key").on(t.workspaceId, sql`lower(${t.sku})`),
    index("products_category_idx").on(t.workspaceId, t.category),
    index("products_updated_idx").on(t.workspaceId, t.updatedAt),
    index("products_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
  ],
);

// List prices (min_quantity 0) and quantity price tiers of a product, one row per currency and step.
export const productPrices = pgTable(
  "product_prices",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    productId: uuid("product_id").notNull(),
    currency: text("currency").notNull(),
    minQuantity: money("min_quantity").notNull().default("0"),
    amount: money("amount").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("product_prices_key").on(t.workspaceId, t.productId, t.currency, t.minQuantity),
    foreignKey({
      name: "product_prices_product_fk",
      columns: [t.workspaceId, t.productId],
      foreignColumns: [products.workspaceId, products.id],
    }).onDelete("cascade"),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  // node-postgres answers a Buffer, PGlite a Uint8Array.
  fromDriver: (value) => Buffer.from(value),
  toDriver: (value) => value,
});

// Image bytes live in the database, so every app instance serves the same images without shared disk.
export const productImages = pgTable(
  "product_images",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    productId: uuid("product_id").notNull(),
    contentType: text("content_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    data: bytea("data").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("product_images_product_idx").on(t.workspaceId, t.productId, t.createdAt),
    foreignKey({
      name: "product_images_product_fk",
      columns: [t.workspaceId, t.productId],
      foreignColumns: [products.workspaceId, products.id],
    }).onDelete("cascade"),
  ],
);

// Who is told when a product's available stock falls below its threshold.
export const productWatchers = pgTable(
  "product_watchers",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    productId: uuid("product_id").notNull(),
    userId: uuid("user_id").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("product_watchers_key").on(t.workspaceId, t.productId, t.userId),
    foreignKey({
      name: "product_watchers_product_fk",
      columns: [t.workspaceId, t.productId],
      foreignColumns: [products.workspaceId, products.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "product_watchers_user_fk",
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete("cascade"),
  ],
);
