import { and, type SQL } from "drizzle-orm";
import type { Actor } from "../../lib/context";
import { inWorkspace } from "../../lib/scope";
import { auditLog } from "./audit.table";

export function auditScope(actor: Actor, ...filters: (SQL | undefined)[]): SQL | undefined {
  return and(inWorkspace(auditLog, actor), ...filters);
}
