import { eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Actor } from "./context";

// The tenant filter every policy starts from: a row of another workspace is simply not there.
export function inWorkspace(table: { workspaceId: PgColumn }, actor: Pick<Actor, "workspaceId">): SQL {
  return eq(table.workspaceId, actor.workspaceId);
}

// `%text%` for LIKE/ILIKE, with the pattern characters in the text matched literally.
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
