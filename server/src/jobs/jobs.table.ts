import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, timestamptz } from "../db/columns";

export type JobStatus = "queued" | "running" | "done" | "failed";

// A Postgres-backed queue: workers claim rows with FOR UPDATE SKIP LOCKED, so each job runs on
// exactly one instance even when several share the database.
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id"),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<JobStatus>().notNull().default("queued"),
    runAt: timestamptz("run_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lockedAt: timestamptz("locked_at"),
    lastError: text("last_error"),
    createdAt: createdAtColumn(),
    finishedAt: timestamptz("finished_at"),
  },
  (t) => [index("jobs_queue_idx").on(t.status, t.runAt)],
);

// One row per periodic task and period: the instance that inserts it runs the task, the others skip.
export const scheduledRuns = pgTable(
  "scheduled_runs",
  {
    name: text("name").notNull(),
    period: text("period").notNull(),
    startedAt: createdAtColumn(),
    finishedAt: timestamptz("finished_at"),
    result: jsonb("result"),
  },
  (t) => [primaryKey({ columns: [t.name, t.period] })],
);
