import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  type ActionItemsInput,
  type CreateMeetingInput,
  MeetingDetailSchema,
  MeetingListSchema,
  type UpdateMeetingInput,
} from "../../../../shared/schemas/meetings";
import { TaskSchema } from "../../../../shared/schemas/tasks";
import { api, apiUrl } from "../../api/client";
import { useInvalidateTasks } from "../tasks/tasks.api";

const MEETING_PERIODS = ["upcoming", "past"] as const;
export type MeetingPeriod = (typeof MEETING_PERIODS)[number];

export const MeetingsSearchSchema = z.object({
  period: z.enum(MEETING_PERIODS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});

export type MeetingQuery = { from?: string; to?: string; page?: number; pageSize?: number };

const meetingsKey = ["meetings"] as const;

export function useMeetings(query: MeetingQuery) {
  return useQuery({
    queryKey: [...meetingsKey, "list", query],
    queryFn: () => api.get("/api/meetings", MeetingListSchema, query),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: [...meetingsKey, "detail", id],
    queryFn: () => api.get(`/api/meetings/${id}`, MeetingDetailSchema),
  });
}

// The browser saves the file by itself, so this is a plain link rather than a fetch.
export function meetingIcsUrl(id: string): string {
  return apiUrl(`/api/meetings/${id}/ics`);
}

// Meetings appear in the calendar too.
function useInvalidateMeetings(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [meetingsKey, ["calendar"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  };
}

export function useCreateMeeting() {
  const invalidate = useInvalidateMeetings();
  return useMutation({
    mutationFn: (input: CreateMeetingInput) => api.post("/api/meetings", input, MeetingDetailSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateMeeting(id: string) {
  const invalidate = useInvalidateMeetings();
  return useMutation({
    mutationFn: (input: UpdateMeetingInput) => api.patch(`/api/meetings/${id}`, input, MeetingDetailSchema),
    onSuccess: invalidate,
  });
}

const ActionItemTasksSchema = z.object({ items: z.array(TaskSchema) });

export function useAddActionItems(id: string) {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: async (input: ActionItemsInput) =>
      (await api.post(`/api/meetings/${id}/action-items`, input, ActionItemTasksSchema)).items,
    onSuccess: invalidate,
  });
}
