import { and, type SQL } from "drizzle-orm";
import type { Actor } from "../../lib/context";
import { inWorkspace } from "../../lib/scope";
import { users } from "./users.table";

// Every colleague of the workspace is visible (owner pickers, mentions); private data lives elsewhere.
export function usersScope(
  actor: Pick<Actor, "workspaceId">,
  ...filters: (SQL | undefined)[]
): SQL | undefined {
  return and(inWorkspace(users, actor), ...filters);
}
