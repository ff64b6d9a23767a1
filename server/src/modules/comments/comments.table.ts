import { sql } from "drizzle-orm";
import { foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { CommentEntityType } from "../../../../shared/schemas/comments";
import { createdAtColumn, idColumn, timestamptz, workspaceIdColumn } from "../../db/columns";
import { users } from "../users/users.table";

// One table for comments on every record type; `entity_type` says which module owns the record and
// the access registry decides who may read the thread.
export const comments = pgTable(
  "comments",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    entityType: text("entity_type").$type<CommentEntityType>().notNull(),
    entityId: uuid("entity_id").notNull(),
    authorId: uuid("author_id").notNull(),
    // Markdown as written; emptied when the comment is deleted (the last text stays in the revisions).
    body: text("body").notNull(),
    mentionedUserIds: uuid("mentioned_user_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAtColumn(),
    editedAt: timestamptz("edited_at"),
    deletedAt: timestamptz("deleted_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("comments_entity_idx").on(t.workspaceId, t.entityType, t.entityId, t.createdAt),
    foreignKey({
      name: "comments_author_fk",
      columns: [t.workspaceId, t.authorId],
      foreignColumns: [users.workspaceId, users.id],
    }),
  ],
);

// Every earlier version of a comment: an edit or a deletion moves the text it replaces here.
export const commentRevisions = pgTable(
  "comment_revisions",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    commentId: uuid("comment_id").notNull(),
    body: text("body").notNull(),
    // When this version was written (the comment's creation or a previous edit).
    writtenAt: timestamptz("written_at").notNull(),
    // The revision row is written when this version is replaced.
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("comment_revisions_comment_idx").on(t.workspaceId, t.commentId, t.writtenAt),
    foreignKey({
      name: "comment_revisions_comment_fk",
      columns: [t.workspaceId, t.commentId],
      foreignColumns: [comments.workspaceId, comments.id],
    }),
  ],
);
