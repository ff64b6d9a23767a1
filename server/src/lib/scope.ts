import { eq, type Placeholder, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Actor } from "./context";

// The tenant filter every policy starts from: a row of another workspace is simply not there.
// The workspace is the caller's, or a placeholder filled with it when a prepared statement runs.
export type WorkspaceRef = { workspaceId: Actor["workspaceId"] | Placeholder };

export function inWorkspace(table: { workspaceId: PgColumn }, actor: WorkspaceRef): SQL {
  return eq(table.workspaceId, actor.workspaceId);
}

// `%text%` for LIKE/ILIKE, with the pattern characters in the text matched literally.
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
