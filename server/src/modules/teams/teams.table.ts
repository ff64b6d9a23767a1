import { pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { workspaces } from "../workspaces/workspaces.table";

export const teams = pgTable(
  "teams",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    id: idColumn(),
    name: text("name").notNull(),
    // Checked by the teams service; a database foreign key here would make users and teams circular.
    managerId: uuid("manager_id"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("teams_workspace_name_key").on(t.workspaceId, t.name),
  ],
);
