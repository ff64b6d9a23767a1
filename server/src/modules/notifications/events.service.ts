import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { RealtimeEventType } from "../../../../shared/schemas/notifications";
import type { Db, DbOrTx } from "../../db/client";
import { iso } from "../../lib/dates";
import { events } from "./events.table";

// The one channel every instance listens on; the payload is the workspace that has news.
export const EVENTS_CHANNEL = "tw_events";
const RETENTION_MS = 3 * 24 * 3600 * 1000;

export type NewEvent = {
  workspaceId: string;
  type: RealtimeEventType;
  // Only this user receives it; without it, everyone who may see the entity does.
  userId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  payload: Record<string, unknown>;
};

// Call it inside the transaction of the change: the event exists exactly when the change does, and
// PostgreSQL holds the NOTIFY back until the commit, so no instance wakes up for nothing.
export async function publish(db: DbOrTx, items: NewEvent[]): Promise<void> {
  if (items.length === 0) return;
  await db.insert(events).values(
    items.map((item) => ({
      workspaceId: item.workspaceId,
      type: item.type,
      userId: item.userId ?? null,
      entityType: item.entityType ?? null,
      entityId: item.entityId ?? null,
      payload: item.payload,
    })),
  );
  for (const workspaceId of new Set(items.map((item) => item.workspaceId))) {
    await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${workspaceId})`);
  }
}

// A position in the stream, sent to the browser as the SSE event id and given back as
// Last-Event-ID. Events are read in (transaction id, id) order: ids come from a sequence before
// commit, so a later id may commit first, but once a transaction is older than every running one
// (the snapshot's xmin) nothing can still appear before it.
export type EventCursor = { txId: string; id: number };

export function formatCursor(cursor: EventCursor): string {
  return `${cursor.txId}-${cursor.id}`;
}

export function parseCursor(value: string): EventCursor | undefined {
  const match = /^(\d{1,20})-(\d{1,18})$/.exec(value.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { txId: match[1], id: Number(match[2]) };
}

// Where a connection starts: right after `resume` (the last event the client saw), or after
// everything already final. The latter may repeat events of transactions that committed after the
// oldest running one began, rather than risk losing one; the page has just loaded its data anyway.
// A position from the future (a database restored from a backup restarts transaction ids) is
// treated as no position, or the client would wait for ids that never come.
export async function startCursor(db: DbOrTx, resume?: EventCursor): Promise<EventCursor> {
  const result = await db.execute<{ xmin: string; xmax: string }>(
    sql`select pg_snapshot_xmin(s)::text as xmin, pg_snapshot_xmax(s)::text as xmax from pg_current_snapshot() as s`,
  );
  const { xmin = "0", xmax = "0" } = result.rows[0] ?? {};
  if (resume && BigInt(resume.txId) <= BigInt(xmax)) return resume;
  return { txId: String(xmin), id: 0 };
}

export type StreamEvent = {
  cursor: EventCursor;
  id: number;
  type: RealtimeEventType;
  userId: string | null;
  entityType: string | null;
  entityId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
};

export type EventBatch = {
  events: StreamEvent[];
  cursor: EventCursor;
  // More final events may follow right away (the batch was full).
  more: boolean;
  // Committed events are held back until older transactions finish; read again shortly.
  pending: boolean;
};

// The next events for one user after `cursor`: theirs and the broadcast ones, in order.
export async function readEvents(
  db: DbOrTx,
  reader: { workspaceId: string; userId: string },
  cursor: EventCursor,
  limit: number,
): Promise<EventBatch> {
  const rows = await db
    .select({
      id: events.id,
      txId: sql<string>`${events.txId}::text`,
      final: sql<boolean>`${events.txId} < pg_snapshot_xmin(pg_current_snapshot())`,
      type: events.type,
      userId: events.userId,
      entityType: events.entityType,
      entityId: events.entityId,
      payload: events.payload,
      createdAt: events.createdAt,
    })
    .from(events)
    .where(
      and(
        eq(events.workspaceId, reader.workspaceId),
        sql`(${events.txId}, ${events.id}) > (${cursor.txId}::xid8, ${cursor.id})`,
        or(isNull(events.userId), eq(events.userId, reader.userId)),
      ),
    )
    .orderBy(asc(events.txId), asc(events.id))
    .limit(limit);
  const final = rows.filter((row) => row.final);
  const last = final.at(-1);
  return {
    events: final.map((row) => ({
      cursor: { txId: row.txId, id: Number(row.id) },
      id: Number(row.id),
      type: row.type,
      userId: row.userId,
      entityType: row.entityType,
      entityId: row.entityId,
      payload: row.payload,
      createdAt: iso(row.createdAt),
    })),
    cursor: last ? { txId: last.txId, id: Number(last.id) } : cursor,
    more: final.length === limit,
    pending: final.length < rows.length,
  };
}

// A client away longer than this reloads its data anyway; the outbox does not grow forever.
export async function pruneEvents(db: Db, now: Date): Promise<{ deleted: number }> {
  const deleted = await db
    .delete(events)
    .where(lt(events.createdAt, new Date(now.getTime() - RETENTION_MS)))
    .returning({ id: events.id });
  return { deleted: deleted.length };
}
