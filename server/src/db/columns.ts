import { sql } from "drizzle-orm";
import { customType, timestamp, uuid } from "drizzle-orm/pg-core";

// Shared column builders: every business table is keyed by workspace so it can be distributed later.
export const idColumn = () => uuid("id").notNull().default(sql`gen_random_uuid()`);
export const workspaceIdColumn = () => uuid("workspace_id").notNull();
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAtColumn = () => timestamptz("created_at").notNull().defaultNow();
export const updatedAtColumn = () => timestamptz("updated_at").notNull().defaultNow();
// A tsvector held as its text form ('acme' 'trading'), which both drivers accept and return.
export const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => "tsvector" });
