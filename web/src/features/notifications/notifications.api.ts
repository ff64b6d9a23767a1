import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NotificationListSchema } from "../../../../shared/schemas/notifications";
import { api } from "../../api/client";

const notificationsKey = ["notifications"] as const;
const POLL_MS = 30_000;

// The one place that decides how notifications arrive. It polls for now; server-sent events will
// replace the interval here without any component noticing.
export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get("/api/notifications", NotificationListSchema, { limit: 30 }),
    refetchInterval: POLL_MS,
    staleTime: POLL_MS,
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
