import { and, eq, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { CreateFollowUpInput, TimelineEntry } from "../../../../shared/schemas/customers";
import type { DbOrTx } from "../../db/client";
import { rowFromJson } from "../../db/json-rows";
import { preparedPerHandle } from "../../db/prepared";
import { fieldError, notFound } from "../../lib/app-error";
import { iso } from "../../lib/dates";
import { auditLog } from "../audit/audit.table";
import { publish } from "../notifications/events.service";
import { users } from "../users/users.table";
import { customersScope, hasFullAccess, type Viewer } from "./customers.policy";
import { findWorkableCustomer } from "./customers.service";
import { activities, contacts, customers, ownershipEvents } from "./customers.table";

// A first real conversation moves a new customer to "contacted"; notes and samples do not.
const CONTACTING_TYPES = new Set(["call", "email", "meeting", "visit", "im"]);

export async function logFollowUp(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  input: CreateFollowUpInput,
  now = new Date(),
): Promise<TimelineEntry> {
  const customer = await findWorkableCustomer(db, viewer, customerId);
  if (input.contactId) {
    const [contact] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.workspaceId, viewer.workspaceId),
          eq(contacts.customerId, customerId),
          eq(contacts.id, input.contactId),
        ),
      );
    if (!contact) throw fieldError("contactId", "is not a contact of this customer");
  }
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000)
    throw fieldError("occurredAt", "cannot be in the future");
  const nextFollowUpAt = input.nextFollowUpAt ? new Date(input.nextFollowUpAt) : null;
  if (nextFollowUpAt && nextFollowUpAt.getTime() < occurredAt.getTime()) {
    throw fieldError("nextFollowUpAt", "must be after the follow-up itself");
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(activities)
      .values({
        workspaceId: viewer.workspaceId,
        customerId,
        type: input.type,
        summary: input.summary,
        occurredAt,
        contactId: input.contactId ?? null,
        nextFollowUpAt,
        createdBy: viewer.userId,
      })
      .returning();
    if (!row) throw new Error("insert returned no activity");
    const lastFollowUpAt =
      customer.lastFollowUpAt && customer.lastFollowUpAt > occurredAt ? customer.lastFollowUpAt : occurredAt;
    const keptNext =
      customer.nextFollowUpAt && customer.nextFollowUpAt > now ? customer.nextFollowUpAt : null;
    await tx
      .update(customers)
      .set({
        lastFollowUpAt,
        nextFollowUpAt: nextFollowUpAt ?? keptNext,
        // The pool clock restarts, and so does its "returning soon" warning.
        poolWarningSentAt: null,
        stage: customer.stage === "new" && CONTACTING_TYPES.has(input.type) ? "contacted" : customer.stage,
        updatedAt: now,
      })
      .where(customersScope(viewer, eq(customers.id, customerId)));
    const entry: TimelineEntry = {
      id: row.id,
      kind: "follow_up",
      at: iso(row.occurredAt),
      actorId: viewer.userId,
      actorName: viewer.name,
      type: row.type,
      summary: row.summary,
      data: { contactId: row.contactId, nextFollowUpAt: row.nextFollowUpAt ? iso(row.nextFollowUpAt) : null },
    };
    await publish(tx, [
      {
        workspaceId: viewer.workspaceId,
        type: "timeline",
        entityType: "customer",
        entityId: customerId,
        payload: entry,
      },
    ]);
    return entry;
  });
}

const OWNERSHIP_SUMMARY: Record<string, string> = {
  created: "Customer created",
  claimed: "Claimed from the public pool",
  released: "Released to the public pool",
  auto_released: "Returned to the public pool automatically (no follow-up in time)",
  transferred: "Transferred",
  handover: "Handed over",
};

// Ownership changes have their own entries; only content edits come from the audit log.
const TIMELINE_EDIT_ACTIONS = ["customer.updated", "contact.added", "customer.collaborators_changed"];

type JoinedRow = { row: Record<string, unknown>; actorName: string | null };
type OwnershipJoinedRow = JoinedRow & { fromUserName: string | null; toUserName: string | null };

// The customer's access fields and its three timeline sources in one statement: the timeline is read
// every time a customer page opens.
const timelineQuery = preparedPerHandle((db: DbOrTx) => {
  const limit = sql.placeholder("limit");
  const nameOf = (column: string) =>
    sql`(select name from ${users} n where n.workspace_id = e.workspace_id and n.id = e.${sql.identifier(column)})`;
  const newest = (table: PgTable, order: string, actor: string, extra: SQL, filter: SQL) => sql`(
    select coalesce(json_agg(json_build_object('row', to_json(e), 'actorName', ${nameOf(actor)}${extra})
      order by e.${sql.identifier(order)} desc), '[]')
    from (select * from ${table} t
      where t.workspace_id = ${customers.workspaceId} and ${filter}
      order by t.${sql.identifier(order)} desc limit ${limit}) e)`;
  const editActions = sql.join(
    TIMELINE_EDIT_ACTIONS.map((action) => sql`${action}`),
    sql`, `,
  );
  return db
    .select({
      ownerId: customers.ownerId,
      collaboratorIds: customers.collaboratorIds,
      followUps: sql<
        JoinedRow[]
      >`${newest(activities, "occurred_at", "created_by", sql``, sql`t.customer_id = ${customers.id}`)}`,
      ownership: sql<OwnershipJoinedRow[]>`${newest(
        ownershipEvents,
        "created_at",
        "actor_id",
        sql`, 'fromUserName', ${nameOf("from_user_id")}, 'toUserName', ${nameOf("to_user_id")}`,
        sql`t.customer_id = ${customers.id}`,
      )}`,
      edits: sql<JoinedRow[]>`${newest(
        auditLog,
        "created_at",
        "actor_id",
        sql``,
        sql`t.entity_type = 'customer' and t.entity_id = ${customers.id}::text and t.action in (${editActions})`,
      )}`,
    })
    .from(customers)
    .where(
      customersScope(
        { workspaceId: sql.placeholder("workspaceId") },
        eq(customers.id, sql.placeholder("id")),
      ),
    )
    .prepare("customer_timeline");
});

// Follow-ups, ownership changes and edits, newest first.
export async function getTimeline(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  limit = 100,
): Promise<TimelineEntry[]> {
  const [found] = await timelineQuery(db).execute({ workspaceId: viewer.workspaceId, id: customerId, limit });
  if (!found || !hasFullAccess(viewer, found)) throw notFound("Customer");
  const followUps = found.followUps.map(({ row, actorName }) => ({
    activity: rowFromJson(activities, row),
    actorName,
  }));
  const ownership = found.ownership.map(({ row, ...names }) => ({
    event: rowFromJson(ownershipEvents, row),
    ...names,
  }));
  const edits = found.edits.map(({ row, actorName }) => ({ entry: rowFromJson(auditLog, row), actorName }));
  const entries: TimelineEntry[] = [
    ...followUps.map(({ activity, actorName }) => ({
      id: activity.id,
      kind: "follow_up" as const,
      at: iso(activity.occurredAt),
      actorId: activity.createdBy,
      actorName,
      type: activity.type,
      summary: activity.summary,
      data: {
        contactId: activity.contactId,
        nextFollowUpAt: activity.nextFollowUpAt ? iso(activity.nextFollowUpAt) : null,
      },
    })),
    ...ownership.map(({ event, actorName, fromUserName, toUserName }) => ({
      id: event.id,
      kind: "ownership" as const,
      at: iso(event.createdAt),
      actorId: event.actorId,
      actorName,
      type: event.kind,
      summary: OWNERSHIP_SUMMARY[event.kind] ?? event.kind,
      data: {
        fromUserId: event.fromUserId,
        fromUserName,
        toUserId: event.toUserId,
        toUserName,
        reason: event.reason,
      },
    })),
    ...edits.map(({ entry, actorName }) => ({
      id: entry.id,
      kind: entry.action === "contact.added" ? ("contact" as const) : ("edit" as const),
      at: iso(entry.createdAt),
      actorId: entry.actorId,
      actorName,
      type: entry.action,
      summary: entry.action === "contact.added" ? "Contact added" : "Details edited",
      data: { changes: entry.changes },
    })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
