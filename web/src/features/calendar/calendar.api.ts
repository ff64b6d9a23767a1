import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  CalendarSchema,
  CalendarTokenCreatedSchema,
  CalendarTokenStatusSchema,
} from "../../../../shared/schemas/meetings";
import { api } from "../../api/client";

const CALENDAR_VIEWS = ["month", "week"] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

// The month or week shown is in the URL, so reloading or sharing keeps it.
export const CalendarSearchSchema = z.object({
  view: z.enum(CALENDAR_VIEWS).optional().catch(undefined),
  date: z.iso.date().optional().catch(undefined),
});

// `from` and `to` are days of the user's time zone, both included.
export function useCalendar(from: string, to: string) {
  return useQuery({
    queryKey: ["calendar", from, to],
    queryFn: () => api.get("/api/calendar", CalendarSchema, { from, to }),
  });
}

const tokenKey = ["calendar-token"] as const;

export function useCalendarToken(enabled: boolean) {
  return useQuery({
    queryKey: tokenKey,
    queryFn: () => api.get("/api/calendar/token", CalendarTokenStatusSchema),
    enabled,
  });
}

export function useCreateCalendarToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (await api.post("/api/calendar/token", undefined, CalendarTokenCreatedSchema)).url,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKey }),
  });
}

export function useRevokeCalendarToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete("/api/calendar/token"),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKey }),
  });
}
