import type { FastifyBaseLogger } from "fastify";
import pg from "pg";
import type { Database } from "./client";

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

// Called with the NOTIFY payload, or with undefined when notifications may have been missed (the
// connection was lost and is back): the subscriber must then assume anything changed.
export type NotificationHandler = (payload: string | undefined) => void;

// One LISTEN connection per app instance, shared by every channel: on PostgreSQL a NOTIFY reaches
// every instance; PGlite lives in this process and delivers its own NOTIFYs the same way.
export class DatabaseListener {
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private listening = false;
  private started = false;
  private closed = false;
  private client: pg.Client | undefined;
  private unlisten: (() => Promise<void>)[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = RETRY_MIN_MS;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
    private readonly channels: readonly string[],
  ) {}

  // Whether a notification sent now is certain to arrive: caches trust themselves only then.
  get isListening(): boolean {
    return this.listening;
  }

  subscribe(channel: string, handler: NotificationHandler): () => void {
    if (!this.channels.includes(channel)) throw new Error(`The listener does not listen on ${channel}`);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  private deliver(channel: string, payload: string | undefined): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
  }

  private deliverEverywhere(): void {
    for (const channel of this.channels) this.deliver(channel, undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const { pglite, pool } = this.database;
    try {
      if (pglite) {
        for (const channel of this.channels) {
          this.unlisten.push(await pglite.listen(channel, (payload) => this.deliver(channel, payload)));
        }
        this.listening = true;
        return;
      }
      if (!pool) return;
      const client = new pg.Client(pool.options);
      client.on("notification", (message) => this.deliver(message.channel, message.payload || undefined));
      client.on("error", (error) => this.reconnect(client, error));
      client.on("end", () => this.reconnect(client));
      this.client = client;
      await client.connect();
      for (const channel of this.channels) await client.query(`listen ${channel}`);
      this.retryMs = RETRY_MIN_MS;
      this.listening = true;
      // Whatever was committed while we were not listening is caught up on now.
      this.deliverEverywhere();
    } catch (error) {
      this.reconnect(this.client, error);
    }
  }

  private reconnect(client: pg.Client | undefined, error?: unknown): void {
    if (this.closed || this.retryTimer || (client && client !== this.client)) return;
    this.listening = false;
    this.deliverEverywhere();
    this.log.warn({ err: error }, "database listener lost its connection; reconnecting");
    this.client = undefined;
    client?.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    const unlisten = this.unlisten;
    this.unlisten = [];
    await Promise.all([...unlisten.map((stop) => stop()), client?.end().catch(() => undefined)]);
  }
}
