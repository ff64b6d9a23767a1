import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common";

// Record types that carry a comment thread; each has an access check in the comments module.
export const COMMENT_ENTITY_TYPES = ["customer", "task"] as const;
export const CommentEntityTypeSchema = z.enum(COMMENT_ENTITY_TYPES);
export type CommentEntityType = z.infer<typeof CommentEntityTypeSchema>;

export const COMMENT_MAX_LENGTH = 20_000;
const CommentBodySchema = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(COMMENT_MAX_LENGTH, { message: `must be at most ${COMMENT_MAX_LENGTH} characters` });

export const CreateCommentInputSchema = z.strictObject({
  entityType: CommentEntityTypeSchema,
  entityId: IdSchema,
  body: CommentBodySchema,
});
export type CreateCommentInput = z.infer<typeof CreateCommentInputSchema>;

export const UpdateCommentInputSchema = z.strictObject({ body: CommentBodySchema });
export type UpdateCommentInput = z.infer<typeof UpdateCommentInputSchema>;

export const CommentListQuerySchema = z.object({
  entityType: CommentEntityTypeSchema,
  entityId: IdSchema,
  // The most recent comments of the thread, returned oldest first.
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const CommentMentionSchema = z.object({ id: IdSchema, name: z.string() });

// A deleted comment stays in the thread as a tombstone: body, bodyHtml and mentions are empty.
export const CommentSchema = z.object({
  id: IdSchema,
  entityType: CommentEntityTypeSchema,
  entityId: IdSchema,
  authorId: IdSchema,
  authorName: z.string().nullable(),
  body: z.string().nullable(),
  bodyHtml: z.string().nullable(),
  mentions: z.array(CommentMentionSchema),
  createdAt: TimestampSchema,
  editedAt: TimestampSchema.nullable(),
  deletedAt: TimestampSchema.nullable(),
  revisionCount: z.number().int(),
});
export type Comment = z.infer<typeof CommentSchema>;

export const CommentListSchema = z.object({ items: z.array(CommentSchema), total: z.number().int() });

export const CommentRevisionSchema = z.object({
  body: z.string(),
  bodyHtml: z.string(),
  writtenAt: TimestampSchema,
  replacedAt: TimestampSchema,
});
export const CommentRevisionListSchema = z.object({ items: z.array(CommentRevisionSchema) });
