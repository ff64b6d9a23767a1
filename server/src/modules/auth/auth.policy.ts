import { and, eq, type SQL } from "drizzle-orm";
import type { Actor } from "../../lib/context";
import { inWorkspace } from "../../lib/scope";
import { sessions } from "./auth.table";

export function ownSessionsScope(actor: Actor, ...filters: (SQL | undefined)[]): SQL | undefined {
  return and(inWorkspace(sessions, actor), eq(sessions.userId, actor.userId), ...filters);
}
