import { and, desc, eq, ne, sql } from "drizzle-orm";
import type {
  Approval,
  ApprovalReason,
  ApprovalSettings,
  ApprovalState,
} from "../../../../shared/schemas/orders";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { iso, isoOrNull } from "../../lib/dates";
import { formatMoney, formatPrice, toDec } from "../../lib/money";
import { creditCheck } from "../credit/credit.service";
import type { Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { notify } from "../notifications/notifications.service";
import { canDecide, ordersScope } from "../orders/orders.policy";
import { orders } from "../orders/orders.table";
import { type LineRow, userNames } from "../quotations/commercial";
import { discountOffList, netUnitPrice } from "../quotations/pricing";
import { getSection, type Section, updateSection } from "../settings/settings.service";
import { shipments } from "../shipments/shipments.table";
import { teams } from "../teams/teams.table";
import { users } from "../users/users.table";
import { orderApprovals } from "./approvals.table";

type OrderRow = typeof orders.$inferSelect;
export type ApprovalRow = typeof orderApprovals.$inferSelect;
export type Evaluation = { reasons: ApprovalReason[]; notes: string[] };

const APPROVALS: Section<ApprovalSettings> = { key: "approvals", defaults: { discountThresholdPercent: 10 } };
export const getApprovalSettings = (db: DbOrTx, workspaceId: string) =>
  getSection(db, workspaceId, APPROVALS);
export const updateApprovalSettings = (db: DbOrTx, actor: Actor, input: Partial<ApprovalSettings>) =>
  updateSection(db, actor, APPROVALS, input);

// Lines whose net unit price is further below the product's list price (in the order currency) than
// the threshold. Lines without a list price in that currency cannot be compared and are noted.
export function discountEvaluation(lines: LineRow[], currency: string, thresholdPercent: number): Evaluation {
  const reasons: ApprovalReason[] = [];
  const notes: string[] = [];
  for (const line of lines) {
    const priced = {
      unitPrice: toDec(line.unitPrice),
      discountPercent: toDec(line.discountPercent),
      listPrice: line.listPrice === null ? null : toDec(line.listPrice),
    };
    const offList = discountOffList(priced);
    if (offList === null) {
      if (line.productId)
        notes.push(`${line.sku ?? line.description}: no list price in ${currency} to compare with`);
      continue;
    }
    if (offList.gt(thresholdPercent)) {
      reasons.push({
        kind: "discount",
        message: `${line.sku ?? line.description} is ${offList.toFixed(2)}% below list price (limit ${thresholdPercent}%)`,
        sku: line.sku,
        description: line.description,
        listPrice: formatPrice(priced.listPrice ?? 0, currency),
        netUnitPrice: formatPrice(netUnitPrice(priced).toDecimalPlaces(4), currency),
        discountOffListPercent: offList.toNumber(),
        thresholdPercent,
      });
    }
  }
  return { reasons, notes };
}

export async function evaluateOrder(
  tx: DbOrTx,
  order: OrderRow,
  lines: LineRow[],
  now: Date,
): Promise<Evaluation> {
  const { discountThresholdPercent } = await getApprovalSettings(tx, order.workspaceId);
  const discount = discountEvaluation(lines, order.currency, discountThresholdPercent);
  const credit = await creditCheck(tx, order, "confirmation", now);
  return { reasons: [...discount.reasons, ...credit.reasons], notes: [...discount.notes, ...credit.notes] };
}

// Who decides for an owner: the manager of the owner's team; admins when the team has no manager or
// the owner is that manager.
export async function approversFor(tx: DbOrTx, workspaceId: string, ownerId: string): Promise<string[]> {
  const [team] = await tx
    .select({ managerId: teams.managerId })
    .from(users)
    .innerJoin(teams, and(eq(teams.workspaceId, users.workspaceId), eq(teams.id, users.teamId)))
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, ownerId)));
  if (team?.managerId && team.managerId !== ownerId) return [team.managerId];
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, workspaceId),
        eq(users.role, "admin"),
        eq(users.active, true),
        ne(users.id, ownerId),
      ),
    );
  return admins.map((admin) => admin.id);
}

export async function requestApproval(
  tx: DbOrTx,
  actor: Pick<Actor, "workspaceId" | "userId" | "name">,
  order: OrderRow,
  evaluation: Evaluation,
  now: Date,
  shipment?: { id: string; number: string },
): Promise<string> {
  const [approval] = await tx
    .insert(orderApprovals)
    .values({
      workspaceId: order.workspaceId,
      orderId: order.id,
      shipmentId: shipment?.id ?? null,
      reasons: evaluation.reasons,
      notes: evaluation.notes,
      requestedBy: actor.userId,
      requestedAt: now,
    })
    .returning({ id: orderApprovals.id });
  if (!approval) throw new Error("approval insert returned nothing");
  const approvers = await approversFor(tx, order.workspaceId, order.ownerId);
  await notify(
    tx,
    approvers.map((userId) => ({
      workspaceId: order.workspaceId,
      userId,
      type: "approval_requested" as const,
      title: shipment
        ? `Shipment ${shipment.number} of order ${order.number} needs your approval to depart`
        : `Order ${order.number} needs your approval`,
      body: evaluation.reasons.map((reason) => reason.message).join("\n"),
      entityType: "order",
      entityId: order.id,
      data: { requestedBy: actor.name, ...(shipment ? { shipmentId: shipment.id } : {}) },
    })),
  );
  return approval.id;
}

export type DepartureHold = { approvalId: string; message: string; evaluation: Evaluation };

// A departure on credit beyond the limit, or on open terms after the credit insurance expired, waits
// for a manager in the same inbox as orders: the first attempt files a request for that shipment and
// is held; once the request is approved the departure goes through. An order has at most one open
// request, so a second shipment of it waits for the first decision.
export async function holdDeparture(
  tx: DbOrTx,
  actor: Pick<Actor, "workspaceId" | "userId" | "name">,
  order: OrderRow,
  shipment: { id: string; number: string },
  now: Date,
): Promise<DepartureHold | null> {
  const evaluation = await creditCheck(tx, order, "departure", now);
  const decided = await latestApproval(tx, order.workspaceId, order.id, shipment.id);
  if (evaluation.reasons.length === 0) {
    // Paid down, limit raised or insurance renewed since the request: nothing is left to decide.
    if (decided?.state === "pending") {
      await closeApproval(
        tx,
        decided,
        { state: "cancelled", decidedBy: null, reason: "No longer needed: within credit at departure" },
        now,
      );
    }
    return null;
  }
  if (decided?.state === "approved") return null;
  const why = evaluation.reasons.map((reason) => reason.message).join("; ");
  const pending = await latestApproval(tx, order.workspaceId, order.id);
  if (pending?.state === "pending") {
    const which =
      pending.shipmentId === shipment.id ? "this departure" : `shipment ${pending.shipmentNumber ?? ""}`;
    return {
      approvalId: pending.id,
      message: `Departure of ${shipment.number} waits for a manager's decision on ${which}: ${why}`,
      evaluation,
    };
  }
  const approvalId = await requestApproval(tx, actor, order, evaluation, now, shipment);
  return {
    approvalId,
    message: `Departure of ${shipment.number} needs a manager's approval, requested now: ${why}`,
    evaluation,
  };
}

const shipmentOfApproval = and(
  eq(shipments.workspaceId, orderApprovals.workspaceId),
  eq(shipments.id, orderApprovals.shipmentId),
);

export async function latestApproval(
  db: DbOrTx,
  workspaceId: string,
  orderId: string,
  shipmentId?: string,
): Promise<(ApprovalRow & { shipmentNumber: string | null }) | undefined> {
  const [row] = await db
    .select({ approval: orderApprovals, shipmentNumber: shipments.number })
    .from(orderApprovals)
    .leftJoin(shipments, shipmentOfApproval)
    .where(
      and(
        eq(orderApprovals.workspaceId, workspaceId),
        eq(orderApprovals.orderId, orderId),
        shipmentId ? eq(orderApprovals.shipmentId, shipmentId) : undefined,
      ),
    )
    .orderBy(desc(orderApprovals.requestedAt), desc(orderApprovals.id))
    .limit(1);
  return row ? { ...row.approval, shipmentNumber: row.shipmentNumber } : undefined;
}

export async function closeApproval(
  tx: DbOrTx,
  approval: ApprovalRow,
  decision: { state: Exclude<ApprovalState, "pending">; decidedBy: string | null; reason: string | null },
  now: Date,
): Promise<void> {
  await tx
    .update(orderApprovals)
    .set({
      state: decision.state,
      decidedBy: decision.decidedBy,
      decisionReason: decision.reason,
      decidedAt: now,
    })
    .where(and(eq(orderApprovals.workspaceId, approval.workspaceId), eq(orderApprovals.id, approval.id)));
}

// Tells the owner and, when someone else submitted, the submitter.
export async function notifyDecision(
  tx: DbOrTx,
  order: OrderRow,
  approval: ApprovalRow,
  decision: { approved: boolean; by: string; reason: string | null },
): Promise<void> {
  const recipients = [...new Set([order.ownerId, approval.requestedBy])];
  await notify(
    tx,
    recipients.map((userId) => ({
      workspaceId: order.workspaceId,
      userId,
      type: decision.approved ? ("order_approved" as const) : ("order_rejected" as const),
      title: `Order ${order.number} ${decision.approved ? "approved" : "rejected"} by ${decision.by}`,
      body: decision.reason,
      entityType: "order",
      entityId: order.id,
    })),
  );
}

export function toApproval(
  row: ApprovalRow & { shipmentNumber: string | null },
  order: Pick<OrderRow, "id" | "number" | "customerId" | "ownerId" | "total" | "currency">,
  names: { customerName: string; ownerName: string | null; users: Map<string, string> },
  viewer: Viewer,
): Approval {
  return {
    id: row.id,
    orderId: order.id,
    orderNumber: order.number,
    shipmentId: row.shipmentId,
    shipmentNumber: row.shipmentNumber,
    customerId: order.customerId,
    customerName: names.customerName,
    ownerId: order.ownerId,
    ownerName: names.ownerName,
    total: formatMoney(order.total, order.currency),
    currency: order.currency,
    state: row.state,
    reasons: row.reasons,
    notes: row.notes,
    requestedBy: row.requestedBy,
    requestedByName: names.users.get(row.requestedBy) ?? null,
    requestedAt: iso(row.requestedAt),
    decidedBy: row.decidedBy,
    decidedByName: row.decidedBy ? (names.users.get(row.decidedBy) ?? null) : null,
    decidedAt: isoOrNull(row.decidedAt),
    decisionReason: row.decisionReason,
    canDecide: row.state === "pending" && canDecide(viewer, order, row),
  };
}

// The approval inbox: requests on orders the caller may see, newest first; canDecide marks the ones
// waiting for the caller.
export async function listApprovals(
  db: DbOrTx,
  viewer: Viewer,
  query: { state: ApprovalState | "all"; page: number; pageSize: number },
): Promise<{ items: Approval[]; total: number; page: number; pageSize: number }> {
  const where = and(
    ordersScope(viewer),
    query.state === "all" ? undefined : eq(orderApprovals.state, query.state),
  );
  const base = () =>
    db
      .select({
        approval: orderApprovals,
        shipmentNumber: shipments.number,
        order: orders,
        customerName: customers.name,
        ownerName: users.name,
      })
      .from(orderApprovals)
      .innerJoin(
        orders,
        and(eq(orders.workspaceId, orderApprovals.workspaceId), eq(orders.id, orderApprovals.orderId)),
      )
      .innerJoin(
        customers,
        and(eq(customers.workspaceId, orders.workspaceId), eq(customers.id, orders.customerId)),
      )
      .leftJoin(users, and(eq(users.workspaceId, orders.workspaceId), eq(users.id, orders.ownerId)))
      .leftJoin(shipments, shipmentOfApproval);
  const [rows, [count]] = await Promise.all([
    base()
      .where(where)
      .orderBy(desc(orderApprovals.requestedAt), desc(orderApprovals.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(orderApprovals)
      .innerJoin(
        orders,
        and(eq(orders.workspaceId, orderApprovals.workspaceId), eq(orders.id, orderApprovals.orderId)),
      )
      .where(where),
  ]);
  const names = await userNames(
    db,
    viewer.workspaceId,
    rows.flatMap((row) => [row.approval.requestedBy, row.approval.decidedBy]),
  );
  return {
    items: rows.map((row) =>
      toApproval(
        { ...row.approval, shipmentNumber: row.shipmentNumber },
        row.order,
        { customerName: row.customerName, ownerName: row.ownerName, users: names },
        viewer,
      ),
    ),
    total: count?.count ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
