import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { CommentEntityTypeSchema } from "../../../../shared/schemas/comments";
import {
  REALTIME_EVENT_TYPES,
  type RealtimeEvent,
  RealtimeEventSchema,
} from "../../../../shared/schemas/notifications";
import { apiUrl } from "../../api/client";
import { threadKey } from "../comments/comments.api";
import { orderShipmentsKey } from "../shipments/shipments.api";
import { notificationsKey } from "./keys";

// The browser reconnects by itself after a dropped stream (and after the server ends one, every five
// minutes), resuming from Last-Event-ID. After a refused one (an error answer) it gives up: a new
// stream is tried after this long, and meanwhile the bell polls.
const REOPEN_MS = 30_000;

const LiveContext = createContext(false);

type QueryKey = readonly unknown[];

// The queries showing what an event changed, by the keys the feature modules give them (the
// customers', orders', tasks', calendar's and meetings' *.api.ts). Events only say what changed; those pages
// load it again, so an event applied twice is harmless.
function staleQueries(event: RealtimeEvent): QueryKey[] {
  const { entityType, entityId } = event;
  switch (event.type) {
    case "notification":
      return [notificationsKey];
    case "comment": {
      const type = CommentEntityTypeSchema.safeParse(entityType);
      return type.success && entityId ? [threadKey({ entityType: type.data, entityId })] : [];
    }
    case "timeline":
      if (!entityId) return [];
      // An order's timeline moves with its shipments.
      if (entityType === "order") {
        return [
          ["orders", "timeline", entityId],
          ["orders", "detail", entityId],
          orderShipmentsKey(entityId),
        ];
      }
      // A follow-up moves the customer's next follow-up date, which My work lists.
      return [
        ["customers", "timeline", entityId],
        ["customers", "detail", entityId],
        ["tasks", "my-work"],
      ];
    case "customer":
      // Ownership changed: lists, the customer's page and whose follow-ups these are.
      return [["customers"], ["tasks", "my-work"]];
    case "task":
      return [["tasks"], ["calendar"], ["meetings"]];
    case "meeting":
      return [["meetings"], ["calendar"]];
  }
}

// The one live connection of the app: notifications and changes of records the user may see arrive
// over Server-Sent Events and refresh whatever shows them. Children learn whether it is connected.
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);

  useEffect(() => {
    let source: EventSource | undefined;
    let reopenTimer: number | undefined;
    // Where a replacement stream resumes, so nothing sent in between is lost.
    let lastEventId: string | undefined;

    const onMessage = (message: MessageEvent<string>) => {
      if (message.lastEventId) lastEventId = message.lastEventId;
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const event = RealtimeEventSchema.safeParse(data);
      if (!event.success) return;
      for (const queryKey of staleQueries(event.data)) void queryClient.invalidateQueries({ queryKey });
    };

    const connect = (replacing: boolean) => {
      const resumeFrom = lastEventId;
      const stream = new EventSource(apiUrl("/api/events", { lastEventId: resumeFrom }));
      let opened = false;
      source = stream;
      stream.onopen = () => {
        // A replacement that could not resume may have missed events: reload whatever is shown.
        if (!opened && replacing && !resumeFrom) void queryClient.invalidateQueries();
        opened = true;
        setLive(true);
      };
      stream.onerror = () => {
        setLive(false);
        if (stream.readyState !== EventSource.CLOSED) return;
        // Refused at once: the position may be one the server no longer keeps (events last three
        // days), so the next stream starts afresh rather than being refused forever.
        if (!opened) lastEventId = undefined;
        reopenTimer = window.setTimeout(() => connect(true), REOPEN_MS);
      };
      stream.addEventListener("ready", (message) => {
        if (message.lastEventId) lastEventId = message.lastEventId;
      });
      for (const type of REALTIME_EVENT_TYPES) stream.addEventListener(type, onMessage);
    };

    connect(false);
    return () => {
      window.clearTimeout(reopenTimer);
      source?.close();
    };
  }, [queryClient]);

  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

// Whether live updates are flowing; when not, data that must stay current is polled instead.
export function useLiveUpdates(): boolean {
  return useContext(LiveContext);
}
