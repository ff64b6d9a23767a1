import { once } from "node:events";
import type { ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { EventStreamQuerySchema, type RealtimeEvent } from "../../../shared/schemas/notifications";
import type { DbOrTx } from "../db/client";
import type { DatabaseListener } from "../db/listener";
import { fieldError } from "../lib/app-error";
import { actorOf } from "../lib/context";
import { canSeeEntity } from "../modules/comments/entity-access";
import { loadViewer, type Viewer } from "../modules/customers/customers.policy";
import {
  EVENTS_CHANNEL,
  type EventCursor,
  formatCursor,
  parseCursor,
  readEvents,
  type StreamEvent,
  startCursor,
} from "../modules/notifications/events.service";

const HEARTBEAT_MS = 25_000;
// Streams end after a while and the browser reconnects (resuming by Last-Event-ID): that re-checks
// the session and reloads the viewer's role and team, which a long-lived stream would keep stale.
const MAX_STREAM_MS = 5 * 60_000;
const BATCH_SIZE = 200;
// Committed events waiting for an older transaction to finish are looked at again this soon.
const PENDING_RETRY_MS = 200;
const ERROR_RETRY_MS = 2_000;
const ACCESS_CACHE_MS = 10_000;

type Wake = () => void;

// Wakes the streams of a workspace when any instance commits events for it.
class StreamWakers {
  private readonly wakers = new Map<string, Set<Wake>>();
  private readonly unsubscribe: () => void;

  constructor(listener: DatabaseListener) {
    this.unsubscribe = listener.subscribe(EVENTS_CHANNEL, (workspaceId) => this.wake(workspaceId));
  }

  subscribe(workspaceId: string, wake: Wake): () => void {
    let set = this.wakers.get(workspaceId);
    if (!set) {
      set = new Set();
      this.wakers.set(workspaceId, set);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.wakers.delete(workspaceId);
    };
  }

  private wake(workspaceId: string | undefined): void {
    const sets = workspaceId === undefined ? [...this.wakers.values()] : [this.wakers.get(workspaceId)];
    for (const set of sets) for (const wake of set ?? []) wake();
  }

  close(): void {
    this.unsubscribe();
  }
}

// One browser tab's stream: reads the events after its cursor whenever woken, in order, one read
// at a time, and writes those the user may see.
class EventStream {
  private reading = false;
  private again = false;
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly access = new Map<string, { visible: boolean; at: number }>();
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly db: DbOrTx,
    private readonly viewer: Viewer,
    private cursor: EventCursor,
    private readonly raw: ServerResponse,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(listener: StreamWakers, onClose: () => void): void {
    this.raw.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // nginx and similar proxies would otherwise hold events back in their buffers.
      "x-accel-buffering": "no",
    });
    // The id lets a reconnect before the first event resume from here rather than from "now".
    this.raw.write(`retry: 3000\nid: ${formatCursor(this.cursor)}\nevent: ready\ndata: {}\n\n`);
    this.raw.on("close", () => {
      this.close();
      onClose();
    });
    this.unsubscribe = listener.subscribe(this.viewer.workspaceId, () => this.wake());
    this.timers.push(
      // The comment keeps proxies from closing an idle connection; the read catches anything a
      // lost NOTIFY would have announced.
      setInterval(() => {
        this.raw.write(": heartbeat\n\n");
        this.wake();
      }, HEARTBEAT_MS),
      setTimeout(() => this.close(), MAX_STREAM_MS),
    );
    this.wake();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    clearTimeout(this.retryTimer);
    this.raw.end();
  }

  private wake(): void {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  private retryIn(ms: number): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.wake();
    }, ms);
  }

  private async drain(): Promise<void> {
    this.reading = true;
    try {
      do {
        this.again = false;
        const batch = await readEvents(this.db, this.viewer, this.cursor, BATCH_SIZE);
        for (const event of batch.events) {
          if (this.closed) return;
          if (await this.mayReceive(event)) await this.send(event);
        }
        this.cursor = batch.cursor;
        if (batch.more) this.again = true;
        if (batch.pending) this.retryIn(PENDING_RETRY_MS);
      } while (this.again && !this.closed);
    } catch (error) {
      this.log.warn({ err: error }, "reading real-time events failed; retrying");
      this.retryIn(ERROR_RETRY_MS);
    } finally {
      this.reading = false;
    }
  }

  // Events addressed to the user are theirs; events about a record go to those who may see it,
  // asked of the record's own policy and remembered briefly (a busy record sends many).
  private async mayReceive(event: StreamEvent): Promise<boolean> {
    if (event.userId !== null || event.entityType === null || event.entityId === null) return true;
    const key = `${event.entityType}:${event.entityId}`;
    const cached = this.access.get(key);
    if (cached && Date.now() - cached.at < ACCESS_CACHE_MS) return cached.visible;
    const visible = await canSeeEntity(this.db, this.viewer, event.entityType, event.entityId);
    this.access.set(key, { visible, at: Date.now() });
    return visible;
  }

  private async send(event: StreamEvent): Promise<void> {
    const data: RealtimeEvent = {
      id: event.id,
      type: event.type,
      entityType: event.entityType,
      entityId: event.entityId,
      payload: event.payload,
      createdAt: event.createdAt,
    };
    const chunk = `id: ${formatCursor(event.cursor)}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
    if (!this.raw.write(chunk)) await Promise.race([once(this.raw, "drain"), once(this.raw, "close")]);
  }
}

export async function realtimeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const listener = new StreamWakers(app.listener);
  const streams = new Set<EventStream>();
  // Open streams would keep the server from closing.
  app.addHook("preClose", async () => {
    for (const stream of streams) stream.close();
    listener.close();
  });

  r.get(
    "/api/events",
    {
      config: { permission: "profile.manage" },
      schema: {
        tags: ["notifications"],
        summary:
          "Server-Sent Events: my new notifications and live changes of records I may see; resumes after Last-Event-ID",
        querystring: EventStreamQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const header = request.headers["last-event-id"];
      const resumeFrom = (typeof header === "string" ? header : undefined) ?? request.query.lastEventId;
      const resume = resumeFrom ? parseCursor(resumeFrom) : undefined;
      if (resumeFrom && !resume) throw fieldError("Last-Event-ID", "is not an event id of this stream");
      const cursor = await startCursor(app.db, resume);
      const viewer = await loadViewer(app.db, actor);
      reply.hijack();
      const stream = new EventStream(app.db, viewer, cursor, reply.raw, request.log);
      streams.add(stream);
      stream.start(listener, () => streams.delete(stream));
    },
  );
}
