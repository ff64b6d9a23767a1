import { boolean, foreignKey, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Role } from "../../../../shared/permissions";
import type { Locale } from "../../../../shared/schemas/common";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { teams } from "../teams/teams.table";
import { workspaces } from "../workspaces/workspaces.table";

export const users = pgTable(
  "users",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    id: idColumn(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").$type<Role>().notNull(),
    teamId: uuid("team_id"),
    locale: text("locale").$type<Locale>().notNull().default("en-US"),
    timeZone: text("time_zone").notNull(),
    active: boolean("active").notNull().default(true),
    deactivatedAt: timestamptz("deactivated_at"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("users_workspace_email_key").on(t.workspaceId, t.email),
    foreignKey({
      name: "users_team_fk",
      columns: [t.workspaceId, t.teamId],
      foreignColumns: [teams.workspaceId, teams.id],
    }),
  ],
);
