import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type {
  Comment,
  CommentEntityType,
  CreateCommentInput,
  UpdateCommentInput,
} from "../../../../shared/schemas/comments";
import type { DbOrTx } from "../../db/client";
import { AppError, conflict, notFound } from "../../lib/app-error";
import { iso, isoOrNull } from "../../lib/dates";
import { recordAudit } from "../audit/audit.service";
import { actorFromUser } from "../auth/auth.service";
import { loadViewer, type Viewer } from "../customers/customers.policy";
import { publish } from "../notifications/events.service";
import { notify } from "../notifications/notifications.service";
import { users } from "../users/users.table";
import { assertAuthor, assertRecordVisible, commentsScope } from "./comments.policy";
import { commentRevisions, comments } from "./comments.table";
import { canSeeEntity, entityKind } from "./entity-access";
import { parseMentions, renderMarkdown, snippetOf } from "./markdown";

type CommentRow = typeof comments.$inferSelect;

const MAX_MENTIONS = 20;

function toComment(row: CommentRow, names: Map<string, string>, revisionCount: number): Comment {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    entityType: row.entityType,
    entityId: row.entityId,
    authorId: row.authorId,
    authorName: names.get(row.authorId) ?? null,
    body: deleted ? null : row.body,
    bodyHtml: deleted ? null : renderMarkdown(row.body),
    mentions: deleted ? [] : row.mentionedUserIds.map((id) => ({ id, name: names.get(id) ?? "" })),
    createdAt: iso(row.createdAt),
    editedAt: isoOrNull(row.editedAt),
    deletedAt: isoOrNull(row.deletedAt),
    revisionCount: deleted ? 0 : revisionCount,
  };
}

async function namesOf(db: DbOrTx, workspaceId: string, rows: CommentRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => [row.authorId, ...row.mentionedUserIds]))];
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, ids)));
  return new Map(found.map((user) => [user.id, user.name]));
}

async function revisionCounts(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ commentId: commentRevisions.commentId, count: count() })
    .from(commentRevisions)
    .where(and(eq(commentRevisions.workspaceId, workspaceId), inArray(commentRevisions.commentId, ids)))
    .groupBy(commentRevisions.commentId);
  return new Map(rows.map((row) => [row.commentId, row.count]));
}

async function present(db: DbOrTx, workspaceId: string, rows: CommentRow[]): Promise<Comment[]> {
  const [names, revisions] = await Promise.all([
    namesOf(db, workspaceId, rows),
    revisionCounts(
      db,
      workspaceId,
      rows.map((row) => row.id),
    ),
  ]);
  return rows.map((row) => toComment(row, names, revisions.get(row.id) ?? 0));
}

async function presentOne(db: DbOrTx, workspaceId: string, row: CommentRow): Promise<Comment> {
  const [comment] = await present(db, workspaceId, [row]);
  if (!comment) throw new Error("comment vanished");
  return comment;
}

export async function listComments(
  db: DbOrTx,
  viewer: Viewer,
  query: { entityType: CommentEntityType; entityId: string; limit: number },
): Promise<{ items: Comment[]; total: number }> {
  await assertRecordVisible(db, viewer, query.entityType, query.entityId);
  const thread = commentsScope(
    viewer,
    eq(comments.entityType, query.entityType),
    eq(comments.entityId, query.entityId),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(comments)
      .where(thread)
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(query.limit),
    db.select({ count: count() }).from(comments).where(thread),
  ]);
  return { items: await present(db, viewer.workspaceId, rows.reverse()), total: total?.count ?? 0 };
}

// Every newly mentioned person must be an active colleague who may see the record: the mention
// would otherwise tell them about a record they may not know of (its name, the snippet). The comment
// is refused, naming them, so the author shares the record first or rewrites the comment. People
// mentioned before an edit were checked then and are not told again.
async function checkMentions(
  db: DbOrTx,
  viewer: Viewer,
  entityType: CommentEntityType,
  entityId: string,
  body: string,
  alreadyMentioned: string[] = [],
): Promise<string[]> {
  const mentions = parseMentions(body);
  const added = mentions.filter((mention) => !alreadyMentioned.includes(mention.id));
  if (added.length === 0) return mentions.map((mention) => mention.id);
  const refuse = (message: string, extra: Record<string, unknown> = {}) =>
    new AppError("validation", `body: ${message}`, { issues: [{ path: "body", message }], ...extra });
  if (mentions.length > MAX_MENTIONS) throw refuse(`mention at most ${MAX_MENTIONS} people in one comment`);
  const found = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.workspaceId, viewer.workspaceId),
        eq(users.active, true),
        inArray(
          users.id,
          added.map((mention) => mention.id),
        ),
      ),
    );
  const unknown = added.filter((mention) => !found.some((user) => user.id === mention.id));
  if (unknown.length > 0) {
    const who = unknown.map((mention) => `@${mention.name}`).join(", ");
    throw refuse(
      `${who} ${unknown.length === 1 ? "is not an active user" : "are not active users"} of this workspace`,
    );
  }
  const blocked: { id: string; name: string }[] = [];
  for (const user of found) {
    const theirView = await loadViewer(db, actorFromUser(user, "session"));
    if (!(await canSeeEntity(db, theirView, entityType, entityId)))
      blocked.push({ id: user.id, name: user.name });
  }
  if (blocked.length > 0) {
    const who = blocked.map((user) => user.name).join(", ");
    const label = entityKind(entityType)?.label ?? "record";
    throw refuse(`${who} cannot see this ${label}; share it with them first`, { cannotSee: blocked });
  }
  return mentions.map((mention) => mention.id);
}

async function notifyMentioned(
  db: DbOrTx,
  viewer: Viewer,
  row: CommentRow,
  userIds: string[],
): Promise<void> {
  const recipients = userIds.filter((id) => id !== viewer.userId);
  if (recipients.length === 0) return;
  const kind = entityKind(row.entityType);
  const recordName = await kind?.nameOf(db, viewer.workspaceId, row.entityId);
  const title = `${viewer.name} mentioned you on ${recordName ?? `a ${kind?.label ?? "record"}`}`;
  await notify(
    db,
    recipients.map((userId) => ({
      workspaceId: viewer.workspaceId,
      userId,
      type: "mentioned" as const,
      title,
      body: snippetOf(row.body),
      entityType: row.entityType,
      entityId: row.entityId,
      data: { commentId: row.id, link: kind ? `${kind.path(row.entityId)}#comment-${row.id}` : null },
    })),
  );
}

async function publishComment(
  db: DbOrTx,
  action: "created" | "edited" | "deleted",
  comment: Comment,
  workspaceId: string,
): Promise<void> {
  await publish(db, [
    {
      workspaceId,
      type: "comment",
      entityType: comment.entityType,
      entityId: comment.entityId,
      payload: { action, comment },
    },
  ]);
}

export async function createComment(
  db: DbOrTx,
  viewer: Viewer,
  input: CreateCommentInput,
  now = new Date(),
): Promise<Comment> {
  await assertRecordVisible(db, viewer, input.entityType, input.entityId);
  const mentioned = await checkMentions(db, viewer, input.entityType, input.entityId, input.body);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(comments)
      .values({
        workspaceId: viewer.workspaceId,
        entityType: input.entityType,
        entityId: input.entityId,
        authorId: viewer.userId,
        body: input.body,
        mentionedUserIds: mentioned,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error("insert returned no comment");
    await notifyMentioned(tx, viewer, row, mentioned);
    const comment = await presentOne(tx, viewer.workspaceId, row);
    await publishComment(tx, "created", comment, viewer.workspaceId);
    return comment;
  });
}

// The comment, provided its record is visible to the viewer (404 otherwise, as for the record).
async function findComment(db: DbOrTx, viewer: Viewer, id: string): Promise<CommentRow> {
  const [row] = await db
    .select()
    .from(comments)
    .where(commentsScope(viewer, eq(comments.id, id)));
  if (!row || !(await canSeeEntity(db, viewer, row.entityType, row.entityId))) throw notFound("Comment");
  return row;
}

// Moves the text being replaced into the revisions, then applies `changes` unless someone else
// changed or deleted the comment meanwhile.
async function replaceBody(
  tx: DbOrTx,
  viewer: Viewer,
  current: CommentRow,
  changes: Partial<CommentRow>,
  action: "comment.edited" | "comment.deleted",
): Promise<CommentRow> {
  const [row] = await tx
    .update(comments)
    .set(changes)
    .where(commentsScope(viewer, eq(comments.id, current.id), isNull(comments.deletedAt)))
    .returning();
  if (!row) throw conflict("This comment was deleted meanwhile");
  await tx.insert(commentRevisions).values({
    workspaceId: viewer.workspaceId,
    commentId: current.id,
    body: current.body,
    writtenAt: current.editedAt ?? current.createdAt,
  });
  await recordAudit(tx, viewer, {
    action,
    entityType: "comment",
    entityId: current.id,
    changes: { entityType: current.entityType, entityId: current.entityId },
  });
  return row;
}

export async function updateComment(
  db: DbOrTx,
  viewer: Viewer,
  id: string,
  input: UpdateCommentInput,
  now = new Date(),
): Promise<Comment> {
  const current = await findComment(db, viewer, id);
  assertAuthor(viewer, current);
  if (current.deletedAt) throw conflict("A deleted comment cannot be edited");
  if (current.body === input.body) return presentOne(db, viewer.workspaceId, current);
  const mentioned = await checkMentions(
    db,
    viewer,
    current.entityType,
    current.entityId,
    input.body,
    current.mentionedUserIds,
  );
  return db.transaction(async (tx) => {
    const row = await replaceBody(
      tx,
      viewer,
      current,
      { body: input.body, mentionedUserIds: mentioned, editedAt: now },
      "comment.edited",
    );
    // Only people newly mentioned by this edit are told; the others already were.
    const added = mentioned.filter((userId) => !current.mentionedUserIds.includes(userId));
    await notifyMentioned(tx, viewer, row, added);
    const comment = await presentOne(tx, viewer.workspaceId, row);
    await publishComment(tx, "edited", comment, viewer.workspaceId);
    return comment;
  });
}

// The comment stays in the thread as a tombstone ("comment deleted"); its last text is kept with
// the revisions and never served again.
export async function deleteComment(db: DbOrTx, viewer: Viewer, id: string, now = new Date()): Promise<void> {
  const current = await findComment(db, viewer, id);
  assertAuthor(viewer, current);
  if (current.deletedAt) return;
  await db.transaction(async (tx) => {
    const row = await replaceBody(tx, viewer, current, { body: "", deletedAt: now }, "comment.deleted");
    await publishComment(tx, "deleted", await presentOne(tx, viewer.workspaceId, row), viewer.workspaceId);
  });
}

export async function listRevisions(db: DbOrTx, viewer: Viewer, id: string) {
  const current = await findComment(db, viewer, id);
  if (current.deletedAt) throw notFound("Comment");
  const rows = await db
    .select()
    .from(commentRevisions)
    .where(and(eq(commentRevisions.workspaceId, viewer.workspaceId), eq(commentRevisions.commentId, id)))
    .orderBy(asc(commentRevisions.writtenAt));
  return {
    items: rows.map((row) => ({
      body: row.body,
      bodyHtml: renderMarkdown(row.body),
      writtenAt: iso(row.writtenAt),
      replacedAt: iso(row.createdAt),
    })),
  };
}
