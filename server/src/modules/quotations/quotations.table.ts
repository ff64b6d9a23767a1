import { sql } from "drizzle-orm";
import {
  date,
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
import type { Packing } from "../../../../shared/schemas/products";
import type {
  ContainerEstimate,
  Incoterm,
  PaymentTerm,
  QuotationStatus,
} from "../../../../shared/schemas/quotations";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { customers } from "../customers/customers.table";
import { users } from "../users/users.table";

export const moneyColumn = (name: string) => numeric(name, { precision: 18, scale: 4 });

// The commercial terms a quotation and an order (PI) share; the order copies them on conversion.
export function commercialColumns() {
  return {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    number: text("number").notNull(),
    customerId: uuid("customer_id").notNull(),
    // Checked by the service; a contact may be deleted later while the document keeps its name.
    contactId: uuid("contact_id"),
    contactName: text("contact_name"),
    ownerId: uuid("owner_id").notNull(),
    createdBy: uuid("created_by").notNull(),
    currency: text("currency").notNull(),
    incoterm: text("incoterm").$type<Incoterm>().notNull(),
    incotermVersion: text("incoterm_version").notNull().default("2020"),
    namedPlace: text("named_place").notNull(),
    paymentTerms: jsonb("payment_terms").$type<PaymentTerm[]>().notNull(),
    leadTimeDays: integer("lead_time_days"),
    remarks: text("remarks"),
    subtotal: moneyColumn("subtotal").notNull(),
    discountTotal: moneyColumn("discount_total").notNull(),
    total: moneyColumn("total").notNull(),
    containerEstimate: jsonb("container_estimate").$type<ContainerEstimate>().notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  };
}

// A priced line, with the product data it was priced from copied in: a document keeps reading the
// same when the product changes later.
export function lineColumns() {
  return {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    position: integer("position").notNull(),
    // The product may be discontinued or re-coded later; no foreign key so the line stays as priced.
    productId: uuid("product_id"),
    sku: text("sku"),
    description: text("description").notNull(),
    descriptionZh: text("description_zh"),
    hsCode: text("hs_code"),
    quantity: numeric("quantity", { precision: 18, scale: 4 }).notNull(),
    unit: text("unit").notNull(),
    unitPrice: moneyColumn("unit_price").notNull(),
    discountPercent: numeric("discount_percent", { precision: 7, scale: 4 }).notNull().default("0"),
    lineTotal: moneyColumn("line_total").notNull(),
    listPrice: moneyColumn("list_price"),
    // In the workspace currency, from the product's cost price.
    unitCost: moneyColumn("unit_cost"),
    packing: jsonb("packing").$type<Packing>(),
  };
}

export const quotations = pgTable(
  "quotations",
  {
    ...commercialColumns(),
    // Every revision is a row of its own with the same number; v1 stays readable after v2 exists.
    revision: integer("revision").notNull().default(1),
    status: text("status").$type<QuotationStatus>().notNull().default("draft"),
    statusReason: text("status_reason"),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    previousRevisionId: uuid("previous_revision_id"),
    supersededById: uuid("superseded_by_id"),
    orderId: uuid("order_id"),
    sentAt: timestamptz("sent_at"),
    decidedAt: timestamptz("decided_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("quotations_number_key").on(t.workspaceId, t.number, t.revision),
    index("quotations_customer_idx").on(t.workspaceId, t.customerId, t.createdAt),
    index("quotations_owner_idx").on(t.workspaceId, t.ownerId, t.updatedAt),
    index("quotations_expiry_idx").on(t.status, t.validUntil).where(sql`${t.supersededById} is null`),
    foreignKey({
      name: "quotations_customer_fk",
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }),
    foreignKey({
      name: "quotations_owner_fk",
      columns: [t.workspaceId, t.ownerId],
      foreignColumns: [users.workspaceId, users.id],
    }),
    foreignKey({
      name: "quotations_previous_fk",
      columns: [t.workspaceId, t.previousRevisionId],
      foreignColumns: [t.workspaceId, t.id],
    }),
  ],
);

export const quotationLines = pgTable(
  "quotation_lines",
  {
    ...lineColumns(),
    quotationId: uuid("quotation_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("quotation_lines_quotation_idx").on(t.workspaceId, t.quotationId, t.position),
    foreignKey({
      name: "quotation_lines_quotation_fk",
      columns: [t.workspaceId, t.quotationId],
      foreignColumns: [quotations.workspaceId, quotations.id],
    }).onDelete("cascade"),
  ],
);
