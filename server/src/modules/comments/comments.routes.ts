import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  CommentListQuerySchema,
  CommentListSchema,
  CommentRevisionListSchema,
  CommentSchema,
  CreateCommentInputSchema,
  UpdateCommentInputSchema,
} from "../../../../shared/schemas/comments";
import { IdParamsSchema } from "../../../../shared/schemas/common";
import { actorOf } from "../../lib/context";
import { loadViewer } from "../customers/customers.policy";
import { createComment, deleteComment, listComments, listRevisions, updateComment } from "./comments.service";

export async function commentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["comments"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.get(
    "/api/comments",
    {
      config: { permission: "comments.read" },
      schema: {
        tags,
        summary: "The comment thread of a record (the latest `limit` comments, oldest first)",
        querystring: CommentListQuerySchema,
        response: { 200: CommentListSchema },
      },
    },
    async (request) => listComments(app.db, await viewerOf(request), request.query),
  );

  r.post(
    "/api/comments",
    {
      config: { permission: "comments.write" },
      schema: {
        tags,
        summary:
          "Comment on a record in Markdown; mention with @[Name](user:<id>). 400 names mentioned people who cannot see the record",
        body: CreateCommentInputSchema,
        response: { 201: CommentSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createComment(app.db, await viewerOf(request), request.body)),
  );

  r.patch(
    "/api/comments/:id",
    {
      config: { permission: "comments.write" },
      schema: {
        tags,
        summary: "Edit my comment; the previous text is kept as a revision",
        params: IdParamsSchema,
        body: UpdateCommentInputSchema,
        response: { 200: CommentSchema },
      },
    },
    async (request) => updateComment(app.db, await viewerOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/comments/:id",
    {
      config: { permission: "comments.write" },
      schema: {
        tags,
        summary: "Delete my comment; the thread shows that a comment was deleted",
        params: IdParamsSchema,
      },
    },
    async (request, reply) => {
      await deleteComment(app.db, await viewerOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    "/api/comments/:id/revisions",
    {
      config: { permission: "comments.read" },
      schema: {
        tags,
        summary: "Earlier versions of an edited comment, oldest first",
        params: IdParamsSchema,
        response: { 200: CommentRevisionListSchema },
      },
    },
    async (request) => listRevisions(app.db, await viewerOf(request), request.params.id),
  );
}
