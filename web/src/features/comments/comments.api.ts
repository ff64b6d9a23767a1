import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  type CommentEntityType,
  CommentListSchema,
  CommentMentionSchema,
  CommentRevisionListSchema,
  CommentSchema,
} from "../../../../shared/schemas/comments";
import { ApiError, api } from "../../api/client";

export type Thread = { entityType: CommentEntityType; entityId: string };

// The live event stream invalidates a thread by this key when someone else comments.
export function threadKey({ entityType, entityId }: Thread) {
  return ["comments", entityType, entityId] as const;
}

export function useComments(thread: Thread) {
  return useQuery({
    queryKey: threadKey(thread),
    queryFn: () => api.get("/api/comments", CommentListSchema, thread),
  });
}

export function useCommentRevisions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ["comments", "revisions", id],
    queryFn: async () => (await api.get(`/api/comments/${id}/revisions`, CommentRevisionListSchema)).items,
    enabled,
  });
}

function useInvalidateThread(thread: Thread): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: threadKey(thread) });
}

export function useCreateComment(thread: Thread) {
  const invalidate = useInvalidateThread(thread);
  return useMutation({
    mutationFn: (body: string) => api.post("/api/comments", { ...thread, body }, CommentSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateComment(thread: Thread) {
  const invalidate = useInvalidateThread(thread);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) =>
      api.patch(`/api/comments/${id}`, { body }, CommentSchema),
    onSuccess: invalidate,
  });
}

export function useDeleteComment(thread: Thread) {
  const invalidate = useInvalidateThread(thread);
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/comments/${id}`),
    onSuccess: invalidate,
  });
}

const CannotSeeSchema = z.object({ cannotSee: z.array(CommentMentionSchema).min(1) });

// A mention of someone who may not see the record is refused (so nothing of it reaches them); the
// refusal names them, so the author can share the record first or leave them out.
export function cannotSeeOf(error: unknown): z.infer<typeof CommentMentionSchema>[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const parsed = CannotSeeSchema.safeParse(error.details);
  return parsed.success ? parsed.data.cannotSee : undefined;
}
