import { bigint, foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { FileKind } from "../../../../shared/schemas/files";
import { idColumn, timestamptz, workspaceIdColumn } from "../../db/columns";
import { shipments } from "../shipments/shipments.table";

// Documents uploaded to a shipment. The bytes live in the files folder under <workspace>/<id>, a
// name the server generates; the name the user gave is only metadata, shown and offered on download.
export const files = pgTable(
  "files",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    shipmentId: uuid("shipment_id").notNull(),
    kind: text("kind").$type<FileKind>().notNull(),
    fileName: text("file_name").notNull(),
    // Sniffed from the content at upload, never taken from the request.
    contentType: text("content_type").notNull(),
    byteSize: bigint("byte_size", { mode: "number" }).notNull(),
    uploadedBy: uuid("uploaded_by"),
    uploadedAt: timestamptz("uploaded_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("files_shipment_idx").on(t.workspaceId, t.shipmentId, t.uploadedAt),
    foreignKey({
      name: "files_shipment_fk",
      columns: [t.workspaceId, t.shipmentId],
      foreignColumns: [shipments.workspaceId, shipments.id],
    }),
  ],
);
