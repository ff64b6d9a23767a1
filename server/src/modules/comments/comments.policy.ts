import { and, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { forbidden, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { inWorkspace } from "../../lib/scope";
import type { Viewer } from "../customers/customers.policy";
import { comments } from "./comments.table";
import { canSeeEntity, entityKind } from "./entity-access";

// A thread is exactly as visible as its record: whoever may not see the record gets 404 for the
// record, its comments and any comment id of it.
export async function assertRecordVisible(
  db: DbOrTx,
  viewer: Viewer,
  entityType: string,
  entityId: string,
): Promise<void> {
  if (!(await canSeeEntity(db, viewer, entityType, entityId))) {
    const label = entityKind(entityType)?.label ?? "record";
    throw notFound(label.charAt(0).toUpperCase() + label.slice(1));
  }
}

export function commentsScope(
  actor: Pick<Actor, "workspaceId">,
  ...filters: (SQL | undefined)[]
): SQL | undefined {
  return and(inWorkspace(comments, actor), ...filters);
}

// Only the author changes or deletes a comment; nobody may put words in someone else's mouth.
export function assertAuthor(viewer: Viewer, row: Pick<typeof comments.$inferSelect, "authorId">): void {
  if (row.authorId !== viewer.userId) throw forbidden("Only the author can edit or delete a comment");
}
