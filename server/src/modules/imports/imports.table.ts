import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, timestamptz, workspaceIdColumn } from "../../db/columns";

export type ImportStatus = "queued" | "running" | "done" | "failed";

export const imports = pgTable(
  "imports",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    userId: uuid("user_id").notNull(),
    kind: text("kind").notNull(),
    dryRun: boolean("dry_run").notNull().default(false),
    status: text("status").$type<ImportStatus>().notNull().default("queued"),
    fileName: text("file_name").notNull(),
    fileHash: text("file_hash").notNull(),
    options: jsonb("options").$type<Record<string, unknown>>().notNull(),
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    created: integer("created").notNull().default(0),
    duplicates: integer("duplicates").notNull().default(0),
    errors: jsonb("errors").$type<{ row: number; message: string }[]>().notNull().default([]),
    // The parsed rows live in the database, not on one machine's disk, so any instance can run the job.
    rows: jsonb("rows").$type<unknown[]>(),
    results: jsonb("results").$type<unknown[]>(),
    failure: text("failure"),
    createdAt: createdAtColumn(),
    finishedAt: timestamptz("finished_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("imports_user_idx").on(t.workspaceId, t.userId, t.createdAt),
  ],
);
