import { and, desc, eq } from "drizzle-orm";
import type { CreateFollowUpInput, TimelineEntry } from "../../../../shared/schemas/customers";
import type { DbOrTx } from "../../db/client";
import { fieldError } from "../../lib/app-error";
import { iso } from "../../lib/dates";
import { auditLog } from "../audit/audit.table";
import { publish } from "../notifications/events.service";
import { users } from "../users/users.table";
import { customersScope, type Viewer } from "./customers.policy";
import { findVisibleCustomer, findWorkableCustomer } from "./customers.service";
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

const TIMELINE_EDIT_ACTIONS = new Set([
  "customer.updated",
  "contact.added",
  "customer.collaborators_changed",
]);

// Follow-ups, ownership changes and edits, newest first.
export async function getTimeline(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  limit = 100,
): Promise<TimelineEntry[]> {
  await findVisibleCustomer(db, viewer, customerId);
  const ws = viewer.workspaceId;
  const actorJoin = (column: typeof activities.createdBy) =>
    and(eq(users.workspaceId, ws), eq(users.id, column));
  const [followUps, ownership, edits, names] = await Promise.all([
    db
      .select({ activity: activities, actorName: users.name })
      .from(activities)
      .leftJoin(users, actorJoin(activities.createdBy))
      .where(and(eq(activities.workspaceId, ws), eq(activities.customerId, customerId)))
      .orderBy(desc(activities.occurredAt))
      .limit(limit),
    db
      .select({ event: ownershipEvents, actorName: users.name })
      .from(ownershipEvents)
      .leftJoin(users, and(eq(users.workspaceId, ws), eq(users.id, ownershipEvents.actorId)))
      .where(and(eq(ownershipEvents.workspaceId, ws), eq(ownershipEvents.customerId, customerId)))
      .orderBy(desc(ownershipEvents.createdAt))
      .limit(limit),
    db
      .select({ entry: auditLog, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, and(eq(users.workspaceId, ws), eq(users.id, auditLog.actorId)))
      .where(
        and(
          eq(auditLog.workspaceId, ws),
          eq(auditLog.entityType, "customer"),
          eq(auditLog.entityId, customerId),
        ),
      )
      .orderBy(desc(auditLog.createdAt))
      .limit(limit),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.workspaceId, ws)),
  ]);
  const nameOf = new Map(names.map((user) => [user.id, user.name]));
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
    ...ownership.map(({ event, actorName }) => ({
      id: event.id,
      kind: "ownership" as const,
      at: iso(event.createdAt),
      actorId: event.actorId,
      actorName,
      type: event.kind,
      summary: OWNERSHIP_SUMMARY[event.kind] ?? event.kind,
      data: {
        fromUserId: event.fromUserId,
        fromUserName: event.fromUserId ? (nameOf.get(event.fromUserId) ?? null) : null,
        toUserId: event.toUserId,
        toUserName: event.toUserId ? (nameOf.get(event.toUserId) ?? null) : null,
        reason: event.reason,
      },
    })),
    ...edits
      // Ownership changes already have their own entries above; only content edits come from the audit.
      .filter(({ entry }) => TIMELINE_EDIT_ACTIONS.has(entry.action))
      .map(({ entry, actorName }) => ({
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
