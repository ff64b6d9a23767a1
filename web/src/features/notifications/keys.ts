// The bell's query: the live stream refreshes it whenever a notification arrives.
export const notificationsKey = ["notifications"] as const;
