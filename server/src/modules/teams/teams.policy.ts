import { and, type SQL } from "drizzle-orm";
import type { Actor } from "../../lib/context";
import { inWorkspace } from "../../lib/scope";
import { teams } from "./teams.table";

export function teamsScope(actor: Actor, ...filters: (SQL | undefined)[]): SQL | undefined {
  return and(inWorkspace(teams, actor), ...filters);
}
