import { indexPendingSearchVectors } from "../modules/customers/search";
import { IMPORT_JOB, pruneImportPayloads, runImportJob } from "../modules/imports/imports.service";
import { pruneEvents } from "../modules/notifications/events.service";
import { runPoolMaintenance } from "../modules/pool/pool.service";
import { PRODUCT_IMPORT_JOB, runProductImportJob } from "../modules/products/product-import.service";
import { expireQuotations } from "../modules/quotations/quotations.service";
import { notifyOverdueReceivables } from "../modules/receivables/overdue.service";
import { quarterHourly, runTaskMaintenance } from "../modules/tasks/task-maintenance";
import type { JobHandlers } from "./queue";
import { daily, hourly, type PeriodicTask } from "./scheduler";

// Every background job kind and periodic task of the app, in one place.
export const jobHandlers: JobHandlers = {
  [IMPORT_JOB]: runImportJob,
  [PRODUCT_IMPORT_JOB]: runProductImportJob,
};

export const backgroundTasks: PeriodicTask[] = [
  { name: "pool-maintenance", periodOf: hourly, run: (db, now) => runPoolMaintenance(db, now) },
  { name: "events-prune", periodOf: hourly, run: (db, now) => pruneEvents(db, now) },
  { name: "task-maintenance", periodOf: quarterHourly, run: (db, now) => runTaskMaintenance(db, now) },
  { name: "quotation-expiry", periodOf: hourly, run: (db, now) => expireQuotations(db, now) },
  { name: "receivable-overdue", periodOf: hourly, run: (db, now) => notifyOverdueReceivables(db, now) },
  { name: "import-payload-prune", periodOf: daily, run: (db, now) => pruneImportPayloads(db, now) },
  {
    name: "customer-search-index",
    periodOf: quarterHourly,
    run: async (db) => ({ indexed: await indexPendingSearchVectors(db) }),
  },
];
