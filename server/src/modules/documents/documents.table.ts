import { customType, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { updatedAtColumn } from "../../db/columns";
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
