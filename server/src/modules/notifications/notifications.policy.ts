import { and, eq, type SQL } from "drizzle-orm";
import type { Actor } from "../../lib/context";
import { inWorkspace } from "../../lib/scope";
import { notifications } from "./notifications.table";

export function ownNotificationsScope(actor: Actor, ...filters: (SQL | undefined)[]): SQL | undefined {
  return and(inWorkspace(notifications, actor), eq(notifications.userId, actor.userId), ...filters);
}
