import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { CustomerDetail } from "../../../../shared/schemas/customers";
import type { DbOrTx } from "../../db/client";
import { conflict, forbidden, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { recordAudit, recordAuditMany } from "../audit/audit.service";
import { canAssign, customersScope, hasFullAccess, type Viewer } from "../customers/customers.policy";
import {
  assertAssignableUser,
  assertBelowPrivateLimit,
  findCustomerRow,
  getCustomer,
  lockOwner,
  ownerNameOf,
} from "../customers/customers.service";
import { customers, type OwnershipEventKind, ownershipEvents } from "../customers/customers.table";
import { publish } from "../notifications/events.service";
import { notify } from "../notifications/notifications.service";
import { handOverOpenOrders } from "../orders/orders.service";
import { handOverOpenQuotations } from "../quotations/quotations.service";
import { getPoolSettings } from "../settings/settings.service";
import { reassignOpenCustomerTasks } from "../tasks/tasks.service";
import { users } from "../users/users.table";
import { workspaces } from "../workspaces/workspaces.table";

const DAY_MS = 24 * 3600 * 1000;
export const POOL_WARNING_DAYS = 3;

type OwnershipChange = {
  customerId: string;
  kind: OwnershipEventKind;
  fromUserId: string | null;
  toUserId: string | null;
  reason?: string | null;
};

type ChangeActor = Pick<Actor, "workspaceId"> & { userId: string | null };

// History, audit and live event of ownership changes, written in bulk so a large handover or release
// stays cheap.
async function recordOwnershipChanges(
  tx: DbOrTx,
  actor: ChangeActor,
  changes: OwnershipChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await tx.insert(ownershipEvents).values(
    changes.map((change) => ({
      workspaceId: actor.workspaceId,
      customerId: change.customerId,
      kind: change.kind,
      fromUserId: change.fromUserId,
      toUserId: change.toUserId,
      actorId: actor.userId,
      reason: change.reason ?? null,
    })),
  );
  await recordAuditMany(
    tx,
    actor,
    changes.map((change) => ({
      action: `customer.${change.kind}`,
      entityType: "customer",
      entityId: change.customerId,
      changes: { ownerId: { from: change.fromUserId, to: change.toUserId }, reason: change.reason ?? null },
    })),
  );
  await publish(
    tx,
    changes.map((change) => ({
      workspaceId: actor.workspaceId,
      type: "customer" as const,
      entityType: "customer",
      entityId: change.customerId,
      payload: { kind: change.kind, fromUserId: change.fromUserId, toUserId: change.toUserId },
    })),
  );
}

// First come, first served: the conditional update lets exactly one of several concurrent claims win.
export async function claimCustomer(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  now = new Date(),
): Promise<CustomerDetail> {
  const settings = await getPoolSettings(db, viewer.workspaceId);
  await db.transaction(async (tx) => {
    await lockOwner(tx, viewer.userId);
    const row = await findCustomerRow(tx, viewer, customerId);
    if (row.ownerId !== null) {
      const owner =
        row.ownerId === viewer.userId
          ? "you"
          : ((await ownerNameOf(tx, viewer.workspaceId, row.ownerId)) ?? "a colleague");
      throw conflict(`This customer is no longer in the public pool: it belongs to ${owner}.`, {
        reason: "not_in_pool",
      });
    }
    const cooldownStart = new Date(now.getTime() - settings.reclaimCooldownDays * DAY_MS);
    const [recentRelease] = await tx
      .select({ at: ownershipEvents.createdAt })
      .from(ownershipEvents)
      .where(
        and(
          eq(ownershipEvents.workspaceId, viewer.workspaceId),
          eq(ownershipEvents.customerId, customerId),
          eq(ownershipEvents.fromUserId, viewer.userId),
          inArray(ownershipEvents.kind, ["released", "auto_released"]),
          gt(ownershipEvents.createdAt, cooldownStart),
        ),
      )
      .orderBy(desc(ownershipEvents.createdAt))
      .limit(1);
    if (recentRelease) {
      const until = new Date(recentRelease.at.getTime() + settings.reclaimCooldownDays * DAY_MS);
      throw conflict(
        `You released this customer on ${recentRelease.at.toISOString().slice(0, 10)}; you can claim it again from ${until.toISOString().slice(0, 10)}, or ask a colleague to take it.`,
        { reason: "cooling_off", until: until.toISOString() },
      );
    }
    await assertBelowPrivateLimit(tx, viewer.workspaceId, viewer.userId);
    const [claimed] = await tx
      .update(customers)
      .set({
        ownerId: viewer.userId,
        ownedSince: now,
        releasedAt: null,
        poolWarningSentAt: null,
        updatedAt: now,
      })
      .where(customersScope(viewer, eq(customers.id, customerId), isNull(customers.ownerId)))
      .returning({ id: customers.id });
    if (!claimed)
      throw conflict("Someone else claimed this customer a moment ago.", { reason: "not_in_pool" });
    await recordOwnershipChanges(tx, viewer, [
      { customerId, kind: "claimed", fromUserId: null, toUserId: viewer.userId },
    ]);
  });
  return getCustomer(db, viewer, customerId);
}

export async function releaseCustomer(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  reason: string,
  now = new Date(),
): Promise<CustomerDetail> {
  await db.transaction(async (tx) => {
    const row = await findCustomerRow(tx, viewer, customerId);
    if (!hasFullAccess(viewer, row)) throw notFound("Customer");
    if (row.ownerId === null) throw conflict("This customer is already in the public pool.");
    if (row.ownerId !== viewer.userId && !canAssign(viewer, row)) {
      throw forbidden("Only the owner, their manager or an admin can release this customer");
    }
    const [released] = await tx
      .update(customers)
      .set({
        ownerId: null,
        collaboratorIds: [],
        ownedSince: null,
        releasedAt: now,
        poolWarningSentAt: null,
        updatedAt: now,
      })
      .where(customersScope(viewer, eq(customers.id, customerId), eq(customers.ownerId, row.ownerId)))
      .returning({ id: customers.id });
    if (!released) throw conflict("The owner of this customer changed a moment ago; reload and try again.");
    await recordOwnershipChanges(tx, viewer, [
      { customerId, kind: "released", fromUserId: row.ownerId, toUserId: null, reason },
    ]);
  });
  return getCustomer(db, viewer, customerId);
}

export async function transferCustomer(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  toUserId: string,
  reason: string | undefined,
  now = new Date(),
): Promise<CustomerDetail> {
  const target = await assertAssignableUser(db, viewer.workspaceId, toUserId, "toUserId");
  await db.transaction(async (tx) => {
    const row = await findCustomerRow(tx, viewer, customerId);
    if (!hasFullAccess(viewer, row)) throw notFound("Customer");
    if (!canAssign(viewer, row))
      throw forbidden("Only a manager of the owner's team or an admin can transfer this customer");
    if (row.ownerId === toUserId) throw conflict(`${target.name} already owns this customer.`);
    await lockOwner(tx, toUserId);
    await assertBelowPrivateLimit(tx, viewer.workspaceId, toUserId);
    await tx
      .update(customers)
      .set({ ownerId: toUserId, ownedSince: now, releasedAt: null, poolWarningSentAt: null, updatedAt: now })
      .where(customersScope(viewer, eq(customers.id, customerId)));
    await recordOwnershipChanges(tx, viewer, [
      { customerId, kind: "transferred", fromUserId: row.ownerId, toUserId, reason },
    ]);
    if (row.ownerId) {
      await reassignOpenCustomerTasks(tx, viewer, [
        { customerIds: [customerId], fromUserId: row.ownerId, toUserId },
      ]);
    }
    await notify(tx, [
      {
        workspaceId: viewer.workspaceId,
        userId: toUserId,
        type: "customer_transferred_to_you",
        title: `${row.name} was transferred to you by ${viewer.name}`,
        body: reason ?? null,
        entityType: "customer",
        entityId: customerId,
      },
      ...(row.ownerId && row.ownerId !== viewer.userId
        ? [
            {
              workspaceId: viewer.workspaceId,
              userId: row.ownerId,
              type: "customer_transferred_from_you" as const,
              title: `${row.name} was transferred to ${target.name} by ${viewer.name}`,
              body: reason ?? null,
              entityType: "customer",
              entityId: customerId,
            },
          ]
        : []),
    ]);
  });
  return getCustomer(db, viewer, customerId);
}

export type HandoverInput = {
  fromUserId: string;
  toUserIds: string[];
  mode: "round-robin" | "all-to-first";
  reason?: string;
};

// Moves a leaving rep's whole book in one transaction; the limit on private customers does not apply
// because the manager decides the split here.
export async function handoverCustomers(db: DbOrTx, viewer: Viewer, input: HandoverInput, now = new Date()) {
  const toUserIds = [...new Set(input.toUserIds)];
  if (toUserIds.includes(input.fromUserId))
    throw conflict("The departing rep cannot also receive the customers.");
  const [from] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, viewer.workspaceId), eq(users.id, input.fromUserId)));
  if (!from) throw notFound("User");
  if (!canAssign(viewer, { ownerId: input.fromUserId })) {
    throw forbidden("Only the manager of this rep's team or an admin can hand over their customers");
  }
  for (const [index, userId] of toUserIds.entries()) {
    await assertAssignableUser(db, viewer.workspaceId, userId, `toUserIds.${index}`);
  }
  return db.transaction(async (tx) => {
    const owned = await tx
      .select({ id: customers.id, name: customers.name })
      .from(customers)
      .where(customersScope(viewer, eq(customers.ownerId, input.fromUserId)))
      .orderBy(customers.createdAt, customers.id)
      .for("update");
    const assignments = new Map<string, string[]>(toUserIds.map((id) => [id, []]));
    owned.forEach((customer, index) => {
      const userId = input.mode === "all-to-first" ? toUserIds[0] : toUserIds[index % toUserIds.length];
      if (userId) assignments.get(userId)?.push(customer.id);
    });
    for (const [userId, customerIds] of assignments) {
      if (customerIds.length === 0) continue;
      await tx
        .update(customers)
        .set({ ownerId: userId, ownedSince: now, poolWarningSentAt: null, updatedAt: now })
        .where(customersScope(viewer, inArray(customers.id, customerIds)));
      await recordOwnershipChanges(
        tx,
        viewer,
        customerIds.map((customerId) => ({
          customerId,
          kind: "handover" as const,
          fromUserId: input.fromUserId,
          toUserId: userId,
          reason: input.reason ?? null,
        })),
      );
      await notify(tx, [
        {
          workspaceId: viewer.workspaceId,
          userId,
          type: "customer_transferred_to_you",
          title: `${customerIds.length} customers of ${from.name} were handed over to you by ${viewer.name}`,
          body: input.reason ?? null,
          data: { customerIds, fromUserId: input.fromUserId },
        },
      ]);
    }
    // Open tasks, quotations and orders on these customers follow them: the leaving rep's work in
    // progress is not stranded with someone who no longer sees the customer.
    const moves = [...assignments].map(([toUserId, customerIds]) => ({
      customerIds,
      fromUserId: input.fromUserId,
      toUserId,
    }));
    await reassignOpenCustomerTasks(tx, viewer, moves);
    const quotationsMoved = await handOverOpenQuotations(tx, viewer, moves);
    const ordersMoved = await handOverOpenOrders(tx, viewer, moves, input.reason ?? null, now);
    const summary = [...assignments].map(([userId, ids]) => ({ userId, count: ids.length }));
    await recordAudit(tx, viewer, {
      action: "customer.handover",
      entityType: "user",
      entityId: input.fromUserId,
      changes: {
        fromUserId: input.fromUserId,
        mode: input.mode,
        assignments: summary,
        quotationsMoved,
        ordersMoved,
        reason: input.reason ?? null,
      },
    });
    return { moved: owned.length, assignments: summary, quotationsMoved, ordersMoved };
  });
}

// The pool clock starts at the latest of: creation, getting the customer, the last follow-up.
const clockStart = sql`greatest(${customers.createdAt}, coalesce(${customers.ownedSince}, ${customers.createdAt}), coalesce(${customers.lastFollowUpAt}, ${customers.createdAt}))`;

export type PoolMaintenanceResult = { warned: number; released: number };

// Warns owners three days ahead, then returns idle private customers to the pool. Idempotent: a
// customer is warned once per idle period and released once, whoever runs it and how often.
export async function runPoolMaintenance(db: DbOrTx, now = new Date()): Promise<PoolMaintenanceResult> {
  const result: PoolMaintenanceResult = { warned: 0, released: 0 };
  const workspaceRows = await db.select({ id: workspaces.id }).from(workspaces);
  for (const { id: workspaceId } of workspaceRows) {
    const { releaseAfterDays } = await getPoolSettings(db, workspaceId);
    const releaseCutoff = new Date(now.getTime() - releaseAfterDays * DAY_MS);
    const warnCutoff = new Date(now.getTime() - (releaseAfterDays - POOL_WARNING_DAYS) * DAY_MS);
    await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: customers.id, name: customers.name, ownerId: customers.ownerId })
        .from(customers)
        .where(customersScope({ workspaceId }, isNotNull(customers.ownerId), lte(clockStart, releaseCutoff)))
        .for("update", { skipLocked: true });
      if (due.length > 0) {
        await tx
          .update(customers)
          .set({
            ownerId: null,
            collaboratorIds: [],
            ownedSince: null,
            releasedAt: now,
            poolWarningSentAt: null,
            updatedAt: now,
          })
          .where(
            customersScope(
              { workspaceId },
              inArray(
                customers.id,
                due.map((customer) => customer.id),
              ),
            ),
          );
        const reason = `No follow-up for ${releaseAfterDays} days`;
        await recordOwnershipChanges(
          tx,
          { workspaceId, userId: null },
          due.map((customer) => ({
            customerId: customer.id,
            kind: "auto_released" as const,
            fromUserId: customer.ownerId,
            toUserId: null,
            reason,
          })),
        );
        await notify(
          tx,
          due.map((customer) => ({
            workspaceId,
            userId: customer.ownerId ?? "",
            type: "pool_released" as const,
            title: `${customer.name} returned to the public pool (no follow-up for ${releaseAfterDays} days)`,
            entityType: "customer",
            entityId: customer.id,
          })),
        );
      }
      const warned = await tx
        .update(customers)
        .set({ poolWarningSentAt: now })
        .where(
          customersScope(
            { workspaceId },
            isNotNull(customers.ownerId),
            isNull(customers.poolWarningSentAt),
            lte(clockStart, warnCutoff),
          ),
        )
        .returning({ id: customers.id, name: customers.name, ownerId: customers.ownerId });
      await notify(
        tx,
        warned.map((customer) => ({
          workspaceId,
          userId: customer.ownerId ?? "",
          type: "pool_release_soon" as const,
          title: `${customer.name} returns to the public pool in ${POOL_WARNING_DAYS} days unless you follow up`,
          entityType: "customer",
          entityId: customer.id,
        })),
      );
      result.released += due.length;
      result.warned += warned.length;
    });
  }
  return result;
}
