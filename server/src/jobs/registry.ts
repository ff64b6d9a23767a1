import { IMPORT_JOB, runImportJob } from "../modules/imports/imports.service";
import { runPoolMaintenance } from "../modules/pool/pool.service";
import type { JobHandlers } from "./queue";
import { hourly, type PeriodicTask } from "./scheduler";

// Every background job kind and periodic task of the app, in one place.
export const jobHandlers: JobHandlers = {
  [IMPORT_JOB]: runImportJob,
};

export const backgroundTasks: PeriodicTask[] = [
  { name: "pool-maintenance", periodOf: hourly, run: (db, now) => runPoolMaintenance(db, now) },
];
