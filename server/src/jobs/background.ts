import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../db/client";
import { drainJobs, type JobHandlers } from "./queue";
import { type PeriodicTask, runOncePerPeriod } from "./scheduler";

export type Background = { wake: () => void; stop: () => Promise<void> };

// The job worker and the periodic tasks of one app instance. Every instance runs them; the queue and
// the scheduled_runs table make sure each piece of work happens once.
export function startBackground(options: {
  db: Db;
  handlers: JobHandlers;
  tasks: PeriodicTask[];
  log: FastifyBaseLogger;
  pollMs?: number;
  tickMs?: number;
}): Background {
  let stopped = false;
  let draining: Promise<void> | undefined;
  const drain = () => {
    if (stopped || draining) return;
    draining = drainJobs(options.db, options.handlers)
      .then(() => undefined)
      .catch((error: unknown) => options.log.error({ err: error }, "job worker failed"))
      .finally(() => {
        draining = undefined;
      });
  };
  const tick = async () => {
    for (const task of options.tasks) {
      if (stopped) return;
      try {
        await runOncePerPeriod(options.db, task);
      } catch (error) {
        options.log.error({ err: error, task: task.name }, "periodic task failed");
      }
    }
  };
  const poller = setInterval(drain, options.pollMs ?? 1000);
  const ticker = setInterval(() => void tick(), options.tickMs ?? 60_000);
  void tick();
  return {
    wake: drain,
    stop: async () => {
      stopped = true;
      clearInterval(poller);
      clearInterval(ticker);
      await draining;
    },
  };
}
