import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type {
  Approval,
  ApprovalReason,
  ApprovalSettings,
  ApprovalState,
  OrderStatus,
} from "../../../../shared/schemas/orders";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { iso, isoOrNull } from "../../lib/dates";
import { type Dec, formatMoney, formatPrice, sumDec, toDec } from "../../lib/money";
import type { Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { notify } from "../notifications/notifications.service";
import { canDecide, ordersScope } from "../orders/orders.policy";
import { orders } from "../orders/orders.table";
import { type LineRow, userNames } from "../quotations/commercial";
import { discountOffList, netUnitPrice } from "../quotations/pricing";
import { getSection, type Section, updateSection } from "../settings/settings.service";
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

// Orders that still count against the customer's credit: submitted and not yet completed or cancelled.
const OPEN_STATUSES: OrderStatus[] = [
  "pending_approval",
  "confirmed",
  "in_production",
  "ready_to_ship",
  "partially_shipped",
  "shipped",
];

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

// Compares the customer's open orders plus this one with its credit limit, in the limit's currency.
// Exchange rates arrive with full credit control; until then other currencies are noted, not guessed.
// The customer row stays locked until the submission commits, so two orders submitted at once are
// checked one after the other and cannot both slip under the limit.
export async function creditEvaluation(tx: DbOrTx, order: OrderRow): Promise<Evaluation> {
  const [customer] = await tx
    .select({ creditLimit: customers.creditLimit, currency: customers.creditLimitCurrency })
    .from(customers)
    .where(and(eq(customers.workspaceId, order.workspaceId), eq(customers.id, order.customerId)))
    .for("update");
  if (!customer?.creditLimit || !customer.currency) return { reasons: [], notes: [] };
  if (customer.currency !== order.currency) {
    return {
      reasons: [],
      notes: [
        `Credit limit not checked: it is in ${customer.currency} and the order in ${order.currency} (exchange rates come with credit control)`,
      ],
    };
  }
  const open = await tx
    .select({ total: orders.total, currency: orders.currency })
    .from(orders)
    .where(
      and(
        eq(orders.workspaceId, order.workspaceId),
        eq(orders.customerId, order.customerId),
        ne(orders.id, order.id),
        inArray(orders.status, OPEN_STATUSES),
      ),
    );
  const sameCurrency = open.filter((row) => row.currency === order.currency);
  const notes =
    sameCurrency.length < open.length
      ? [
          `${open.length - sameCurrency.length} open order(s) in other currencies are not counted against the limit`,
        ]
      : [];
  const openAmount = sumDec(sameCurrency.map((row) => row.total));
  const limit = toDec(customer.creditLimit);
  if (openAmount.plus(order.total).lte(limit)) return { reasons: [], notes };
  const money = (value: Dec | string) => formatMoney(value, order.currency);
  return {
    reasons: [
      {
        kind: "credit",
        message: `Open orders ${money(openAmount)} + this order ${money(order.total)} exceed the credit limit of ${money(limit)} ${order.currency}`,
        creditLimit: money(limit),
        currency: order.currency,
        openAmount: money(openAmount),
        orderTotal: money(order.total),
      },
    ],
    notes,
  };
}

export async function evaluateOrder(tx: DbOrTx, order: OrderRow, lines: LineRow[]): Promise<Evaluation> {
  const { discountThresholdPercent } = await getApprovalSettings(tx, order.workspaceId);
  const discount = discountEvaluation(lines, order.currency, discountThresholdPercent);
  const credit = await creditEvaluation(tx, order);
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
): Promise<void> {
  await tx.insert(orderApprovals).values({
    workspaceId: order.workspaceId,
    orderId: order.id,
    reasons: evaluation.reasons,
    notes: evaluation.notes,
    requestedBy: actor.userId,
    requestedAt: now,
  });
  const approvers = await approversFor(tx, order.workspaceId, order.ownerId);
  await notify(
    tx,
    approvers.map((userId) => ({
      workspaceId: order.workspaceId,
      userId,
      type: "approval_requested" as const,
      title: `Order ${order.number} needs your approval`,
      body: evaluation.reasons.map((reason) => reason.message).join("\n"),
      entityType: "order",
      entityId: order.id,
      data: { requestedBy: actor.name },
    })),
  );
}

export async function latestApproval(db: DbOrTx, workspaceId: string, orderId: string) {
  const [row] = await db
    .select()
    .from(orderApprovals)
    .where(and(eq(orderApprovals.workspaceId, workspaceId), eq(orderApprovals.orderId, orderId)))
    .orderBy(desc(orderApprovals.requestedAt), desc(orderApprovals.id))
    .limit(1);
  return row;
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
  row: ApprovalRow,
  order: Pick<OrderRow, "id" | "number" | "customerId" | "ownerId" | "total" | "currency">,
  names: { customerName: string; ownerName: string | null; users: Map<string, string> },
  viewer: Viewer,
): Approval {
  return {
    id: row.id,
    orderId: order.id,
    orderNumber: order.number,
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
      .leftJoin(users, and(eq(users.workspaceId, orders.workspaceId), eq(users.id, orders.ownerId)));
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
        row.approval,
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
