import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  NotificationListSchema,
  NotificationPreferencesSchema,
  type UpdateNotificationPreferences,
} from "../../../../shared/schemas/notifications";
import { api } from "../../api/client";
import { notificationsKey } from "./keys";
import { useLiveUpdates } from "./live-updates";

const preferencesKey = ["notification-preferences"] as const;
// Only while the live stream is down; normally a new notification arrives over it at once.
const FALLBACK_POLL_MS = 60_000;

export function useNotifications() {
  const live = useLiveUpdates();
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get("/api/notifications", NotificationListSchema, { limit: 30 }),
    refetchInterval: live ? false : FALLBACK_POLL_MS,
  });
}

// `ids` absent: everything is marked read.
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => api.post("/api/notifications/read", ids ? { ids } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: () => api.get("/api/notifications/preferences", NotificationPreferencesSchema),
  });
}

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateNotificationPreferences) =>
      api.put("/api/notifications/preferences", input, NotificationPreferencesSchema),
    onSuccess: (preferences) => queryClient.setQueryData(preferencesKey, preferences),
  });
}
