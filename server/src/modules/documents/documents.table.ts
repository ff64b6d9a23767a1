import {
  customType,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamptz, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { shipments } from "../shipments/shipments.table";
import { workspaces } from "../workspaces/workspaces.table";

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  // node-postgres answers a Buffer, PGlite a Uint8Array.
  fromDriver: (value) => Buffer.from(value),
  toDriver: (value) => value,
});

// The letterhead logo, outside the workspace settings JSON so reading a setting never drags the image
// along.
export const workspaceLogos = pgTable("workspace_logos", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id),
  contentType: text("content_type").notNull(),
  byteSize: integer("byte_size").notNull(),
  data: bytea("data").notNull(),
  updatedAt: updatedAtColumn(),
});

// The commercial invoice number of a shipment, drawn from the invoice series the first time one of its
// documents is printed and kept, so every reprint (and the packing list) carries the same number.
export const shipmentInvoices = pgTable(
  "shipment_invoices",
  {
    workspaceId: workspaceIdColumn(),
    shipmentId: uuid("shipment_id").notNull(),
    number: text("number").notNull(),
    issuedBy: uuid("issued_by"),
    issuedAt: timestamptz("issued_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.shipmentId] }),
    uniqueIndex("shipment_invoices_number_key").on(t.workspaceId, t.number),
    foreignKey({
      name: "shipment_invoices_shipment_fk",
      columns: [t.workspaceId, t.shipmentId],
      foreignColumns: [shipments.workspaceId, shipments.id],
    }),
  ],
);
