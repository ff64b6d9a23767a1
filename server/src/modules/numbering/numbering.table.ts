import { bigint, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { updatedAtColumn, workspaceIdColumn } from "../../db/columns";
import { workspaces } from "../workspaces/workspaces.table";

// One counter per workspace, document kind and period (the year for QT-{YYYY}-{####}, "" for a
// pattern without a date). Incremented with INSERT … ON CONFLICT DO UPDATE inside the transaction
// that creates the document, so two creations never draw the same value.
export const numberSeries = pgTable(
  "number_series",
  {
    workspaceId: workspaceIdColumn().references(() => workspaces.id),
    kind: text("kind").notNull(),
    period: text("period").notNull(),
    lastValue: bigint("last_value", { mode: "number" }).notNull(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind, t.period] })],
);
