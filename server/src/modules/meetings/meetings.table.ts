import { sql } from "drizzle-orm";
import { foreignKey, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { users } from "../users/users.table";

export const meetings = pgTable(
  "meetings",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    title: text("title").notNull(),
    startsAt: timestamptz("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    location: text("location"),
    onlineUrl: text("online_url"),
    attendeeIds: uuid("attendee_ids").array().notNull().default(sql`'{}'::uuid[]`),
    customerIds: uuid("customer_ids").array().notNull().default(sql`'{}'::uuid[]`),
    agenda: text("agenda"),
    minutes: text("minutes"),
    createdBy: uuid("created_by").notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("meetings_starts_idx").on(t.workspaceId, t.startsAt),
    index("meetings_created_by_idx").on(t.workspaceId, t.createdBy),
    index("meetings_attendees_idx").using("gin", t.attendeeIds),
    index("meetings_customers_idx").using("gin", t.customerIds),
    foreignKey({
      name: "meetings_created_by_fk",
      columns: [t.workspaceId, t.createdBy],
      foreignColumns: [users.workspaceId, users.id],
    }),
  ],
);
