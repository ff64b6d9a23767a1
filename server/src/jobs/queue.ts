import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { yieldToEventLoop } from "../lib/yield";
import { jobs } from "./jobs.table";

export type JobRow = typeof jobs.$inferSelect;
export type JobHandler = (db: Db, job: JobRow) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

// A job running longer than this without finishing belongs to an instance that died; it is retried.
const STALE_AFTER_MS = 15 * 60 * 1000;
const MAX_ATTEMPTS = 3;

export async function enqueueJob(
  db: Db,
  job: { kind: string; workspaceId?: string; payload: Record<string, unknown> },
): Promise<string> {
  const [row] = await db
    .insert(jobs)
    .values({ kind: job.kind, workspaceId: job.workspaceId ?? null, payload: job.payload })
    .returning({ id: jobs.id });
  if (!row) throw new Error("insert returned no job");
  return row.id;
}

// SKIP LOCKED lets several instances poll the same table without ever taking the same job. Without an
// explicit clock the database's own is used: run_at defaults to now() with microseconds, and a
// millisecond JavaScript date taken right after enqueueing could be earlier than it.
export async function claimNextJob(db: Db, now?: Date): Promise<JobRow | undefined> {
  const clock = now ? sql`${now}::timestamptz` : sql`now()`;
  await db.execute(sql`
    update ${jobs} set status = 'queued', locked_at = null
    where status = 'running' and locked_at < ${clock} - ${`${STALE_AFTER_MS} milliseconds`}::interval`);
  const result = await db.execute<{ id: string }>(sql`
    update ${jobs} set status = 'running', locked_at = ${clock}, attempts = attempts + 1
    where id = (
      select id from ${jobs}
      where status = 'queued' and run_at <= ${clock}
      order by run_at
      for update skip locked
      limit 1
    )
    returning id`);
  const id = result.rows[0]?.id;
  if (!id) return undefined;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job;
}

export async function runJob(db: Db, job: JobRow, handlers: JobHandlers): Promise<void> {
  const handler = handlers[job.kind];
  try {
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    await handler(db, job);
    await db
      .update(jobs)
      .set({ status: "done", finishedAt: new Date(), lockedAt: null })
      .where(eq(jobs.id, job.id));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const giveUp = job.attempts >= MAX_ATTEMPTS || !handler;
    await db
      .update(jobs)
      .set({
        status: giveUp ? "failed" : "queued",
        lastError: message,
        lockedAt: null,
        finishedAt: giveUp ? new Date() : null,
        runAt: new Date(Date.now() + 5_000 * job.attempts),
      })
      .where(eq(jobs.id, job.id));
    if (giveUp) throw error;
  }
}

// Runs queued jobs until none is left; the worker loop and tests both use it.
export async function drainJobs(db: Db, handlers: JobHandlers, now?: () => Date): Promise<number> {
  let ran = 0;
  for (;;) {
    await yieldToEventLoop();
    const job = await claimNextJob(db, now?.());
    if (!job) return ran;
    await runJob(db, job, handlers).catch(() => undefined);
    ran += 1;
  }
}
