import {
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ShipmentMode, ShipmentStatus } from "../../../../shared/schemas/shipments";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { orderLines, orders } from "../orders/orders.table";

const day = (name: string) => date(name, { mode: "string" });

export const shipments = pgTable(
  "shipments",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    number: text("number").notNull(),
    orderId: uuid("order_id").notNull(),
    status: text("status").$type<ShipmentStatus>().notNull().default("planned"),
    mode: text("mode").$type<ShipmentMode>().notNull(),
    forwarder: text("forwarder"),
    portOfLoading: text("port_of_loading"),
    portOfDischarge: text("port_of_discharge"),
    etd: day("etd"),
    eta: day("eta"),
    containerType: text("container_type"),
    containerNumber: text("container_number"),
    sealNumber: text("seal_number"),
    vessel: text("vessel"),
    voyage: text("voyage"),
    bookingNumber: text("booking_number"),
    blNumber: text("bl_number"),
    blDate: day("bl_date"),
    customsDeclarationNumber: text("customs_declaration_number"),
    trackingNumber: text("tracking_number"),
    departedAt: timestamptz("departed_at"),
    arrivedAt: timestamptz("arrived_at"),
    deliveredAt: timestamptz("delivered_at"),
    cancelledAt: timestamptz("cancelled_at"),
    createdBy: uuid("created_by").notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("shipments_number_key").on(t.workspaceId, t.number),
    index("shipments_order_idx").on(t.workspaceId, t.orderId, t.createdAt),
    index("shipments_status_idx").on(t.workspaceId, t.status, t.updatedAt),
    foreignKey({
      name: "shipments_order_fk",
      columns: [t.workspaceId, t.orderId],
      foreignColumns: [orders.workspaceId, orders.id],
    }),
  ],
);

export const shipmentLines = pgTable(
  "shipment_lines",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    shipmentId: uuid("shipment_id").notNull(),
    orderLineId: uuid("order_line_id").notNull(),
    position: integer("position").notNull(),
    quantity: numeric("quantity", { precision: 18, scale: 4 }).notNull(),
    cartons: integer("cartons"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("shipment_lines_line_key").on(t.workspaceId, t.shipmentId, t.orderLineId),
    index("shipment_lines_order_line_idx").on(t.workspaceId, t.orderLineId),
    foreignKey({
      name: "shipment_lines_shipment_fk",
      columns: [t.workspaceId, t.shipmentId],
      foreignColumns: [shipments.workspaceId, shipments.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "shipment_lines_order_line_fk",
      columns: [t.workspaceId, t.orderLineId],
      foreignColumns: [orderLines.workspaceId, orderLines.id],
    }),
  ],
);
