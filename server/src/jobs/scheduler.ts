import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { scheduledRuns } from "./jobs.table";

export type PeriodicTask = {
  name: string;
  // The period a run belongs to, e.g. the hour: one run per key, across all instances.
  periodOf: (now: Date) => string;
  run: (db: Db, now: Date) => Promise<unknown>;
};

export const hourly = (now: Date) => now.toISOString().slice(0, 13);
export const daily = (now: Date) => now.toISOString().slice(0, 10);

// Claims the (task, period) row; only the instance whose insert succeeds runs the task.
export async function runOncePerPeriod(db: Db, task: PeriodicTask, now = new Date()): Promise<boolean> {
  const period = task.periodOf(now);
  const claimed = await db
    .insert(scheduledRuns)
    .values({ name: task.name, period })
    .onConflictDoNothing()
    .returning({ name: scheduledRuns.name });
  if (claimed.length === 0) return false;
  const result = await task.run(db, now);
  await db
    .update(scheduledRuns)
    .set({ finishedAt: new Date(), result: result ?? null })
    .where(and(eq(scheduledRuns.name, task.name), eq(scheduledRuns.period, period)));
  return true;
}
