import { and, asc, desc, eq, inArray, isNotNull, ne, notInArray, sql } from "drizzle-orm";
import type { CustomerCredit } from "../../../../shared/schemas/credit";
import type {
  ConvertQuotationInput,
  CreateOrderInput,
  Order,
  OrderEvent,
  OrderEventKind,
  OrderListQuery,
  OrderStatus,
  OrderStatusInput,
  OrderSummary,
  UpdateOrderInput,
} from "../../../../shared/schemas/orders";
import { INCOTERMS_VERSION } from "../../../../shared/schemas/quotations";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { conflict, fieldError, forbidden, notFound } from "../../lib/app-error";
import { iso, isoOrNull } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import {
  closeApproval,
  type Evaluation,
  evaluateOrder,
  latestApproval,
  notifyDecision,
  requestApproval,
  toApproval,
} from "../approvals/approvals.service";
import { recordAudit } from "../audit/audit.service";
import { getCustomerCredit, updateCustomerCredit } from "../credit/credit.service";
import type { Viewer } from "../customers/customers.policy";
import { assertAssignableUser, findWorkableCustomer } from "../customers/customers.service";
import { customers } from "../customers/customers.table";
import { rateToStore, storedRateOf } from "../fx/rates.service";
import { releaseStock, reserveStock } from "../inventory/stock.service";
import { notify } from "../notifications/notifications.service";
import { nextNumber } from "../numbering/numbering.service";
import {
  commercialOutput,
  contactNameOf,
  copiedLineValues,
  type LineRow,
  lineInputsOf,
  lineValues,
  marginOf,
  priceDocument,
  resolveParties,
  todayIn,
  toLine,
  totalsValues,
  userNames,
  workspaceContext,
} from "../quotations/commercial";
import { paymentSchedule } from "../quotations/pricing";
import { canSeeCost } from "../quotations/quotations.policy";
import {
  type DealMove,
  findQuotationRow,
  loadQuotationLines,
  referenceOf,
} from "../quotations/quotations.service";
import { quotations } from "../quotations/quotations.table";
import { recordOrdersSales, recordSale } from "../sales/sales.service";
import { users } from "../users/users.table";
import { canDecide, canTransfer, ordersScope } from "./orders.policy";
import { orderEvents, orderInstalments, orderLines, orders, orderWatchers } from "./orders.table";

export type OrderRow = typeof orders.$inferSelect;
type OrderValues = Partial<typeof orders.$inferInsert>;

// ---- Reading -----------------------------------------------------------------------------------

export async function findOrderRow(
  db: DbOrTx,
  viewer: Viewer,
  id: string,
  options: { lock?: boolean } = {},
): Promise<OrderRow> {
  const query = db
    .select()
    .from(orders)
    .where(ordersScope(viewer, eq(orders.id, id)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw notFound("Order");
  return row;
}

async function loadLines(db: DbOrTx, workspaceId: string, orderId: string): Promise<LineRow[]> {
  const rows = await db
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.workspaceId, workspaceId), eq(orderLines.orderId, orderId)))
    .orderBy(asc(orderLines.position));
  return rows.map(({ orderId: _orderId, ...line }) => line);
}

function toSummary(row: OrderRow, names: { customerName: string; ownerName: string | null }): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    quotationId: row.quotationId,
    requestedDeliveryDate: row.requestedDeliveryDate,
    shippingMarks: row.shippingMarks,
    submittedAt: isoOrNull(row.submittedAt),
    confirmedAt: isoOrNull(row.confirmedAt),
    cancelledAt: isoOrNull(row.cancelledAt),
    cancelReason: row.cancelReason,
    ...commercialOutput(row, names),
  };
}

export async function getOrder(db: DbOrTx, viewer: Viewer, id: string, notes?: string[]): Promise<Order> {
  const row = await findOrderRow(db, viewer, id);
  const [lines, [customer], instalments, approval, workspace, watcherIds] = await Promise.all([
    loadLines(db, viewer.workspaceId, id),
    db
      .select({ name: customers.name })
      .from(customers)
      .where(and(eq(customers.workspaceId, viewer.workspaceId), eq(customers.id, row.customerId))),
    db
      .select()
      .from(orderInstalments)
      .where(and(eq(orderInstalments.workspaceId, viewer.workspaceId), eq(orderInstalments.orderId, id)))
      .orderBy(asc(orderInstalments.sequence)),
    latestApproval(db, viewer.workspaceId, id),
    workspaceContext(db, viewer.workspaceId),
    orderWatcherIds(db, viewer.workspaceId, id),
  ]);
  const names = await userNames(db, viewer.workspaceId, [
    row.ownerId,
    approval?.requestedBy ?? null,
    approval?.decidedBy ?? null,
  ]);
  const base = { customerName: customer?.name ?? "", ownerName: names.get(row.ownerId) ?? null };
  const showCost = canSeeCost(viewer);
  return {
    ...toSummary(row, base),
    ...(showCost ? { margin: marginOf(lines, row.total, row.currency, workspace.currency) } : {}),
    lines: lines.map((line) => toLine(line, row.currency, showCost)),
    paymentSchedule: instalments.map((instalment) => ({
      sequence: instalment.sequence,
      method: instalment.method,
      percent: Number(instalment.percent),
      amount: formatMoney(instalment.amount, instalment.currency),
      currency: instalment.currency,
      due: instalment.due,
      days: instalment.days,
      note: instalment.note,
    })),
    approval: approval ? toApproval(approval, row, { ...base, users: names }, viewer) : null,
    fxRate: storedRateOf(row, row.currency),
    watcherIds,
    ...(notes ? { notes } : {}),
  };
}

export async function orderWatcherIds(db: DbOrTx, workspaceId: string, orderId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: orderWatchers.userId })
    .from(orderWatchers)
    .where(and(eq(orderWatchers.workspaceId, workspaceId), eq(orderWatchers.orderId, orderId)))
    .orderBy(asc(orderWatchers.createdAt));
  return rows.map((row) => row.userId);
}

// Anyone who can see an order may follow it; following twice or unfollowing what one does not
// follow changes nothing.
export async function watchOrder(db: DbOrTx, viewer: Viewer, id: string, watching: boolean): Promise<Order> {
  await findOrderRow(db, viewer, id);
  if (watching) {
    await db
      .insert(orderWatchers)
      .values({ workspaceId: viewer.workspaceId, orderId: id, userId: viewer.userId })
      .onConflictDoNothing();
  } else {
    await db
      .delete(orderWatchers)
      .where(
        and(
          eq(orderWatchers.workspaceId, viewer.workspaceId),
          eq(orderWatchers.orderId, id),
          eq(orderWatchers.userId, viewer.userId),
        ),
      );
  }
  return getOrder(db, viewer, id);
}

export async function listOrders(
  db: DbOrTx,
  viewer: Viewer,
  query: OrderListQuery,
): Promise<{ items: OrderSummary[]; total: number; page: number; pageSize: number }> {
  const where = ordersScope(
    viewer,
    query.status ? eq(orders.status, query.status) : undefined,
    query.customerId ? eq(orders.customerId, query.customerId) : undefined,
    query.ownerId ? eq(orders.ownerId, query.ownerId) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({ order: orders, customerName: customers.name, ownerName: users.name })
      .from(orders)
      .innerJoin(
        customers,
        and(eq(customers.workspaceId, orders.workspaceId), eq(customers.id, orders.customerId)),
      )
      .leftJoin(users, and(eq(users.workspaceId, orders.workspaceId), eq(users.id, orders.ownerId)))
      .where(where)
      .orderBy(desc(orders.updatedAt), desc(orders.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ count: sql<number>`count(*)::int` }).from(orders).where(where),
  ]);
  return {
    items: rows.map((row) => toSummary(row.order, row)),
    total: count?.count ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function listOrderEvents(db: DbOrTx, viewer: Viewer, id: string): Promise<OrderEvent[]> {
  await findOrderRow(db, viewer, id);
  const rows = await db
    .select({ event: orderEvents, actorName: users.name })
    .from(orderEvents)
    .leftJoin(users, and(eq(users.workspaceId, orderEvents.workspaceId), eq(users.id, orderEvents.actorId)))
    .where(and(eq(orderEvents.workspaceId, viewer.workspaceId), eq(orderEvents.orderId, id)))
    .orderBy(desc(orderEvents.sequence));
  return rows.map(({ event, actorName }) => ({
    id: event.id,
    kind: event.kind,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorId: event.actorId,
    actorName,
    reason: event.reason,
    data: event.data,
    createdAt: iso(event.createdAt),
  }));
}

// ---- Writing helpers ---------------------------------------------------------------------------

type EventInput = {
  kind: OrderEventKind;
  fromStatus?: OrderStatus | null;
  toStatus?: OrderStatus | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
};

// Writes the timeline entry and the audit row of a change together. Callers hold the order's row
// lock, so the sequence cannot be taken twice.
export async function recordEvent(
  tx: DbOrTx,
  actor: Pick<Viewer, "workspaceId" | "userId">,
  orderId: string,
  event: EventInput,
  now: Date,
) {
  const [last] = await tx
    .select({ sequence: sql<number>`coalesce(max(${orderEvents.sequence}), 0)::int` })
    .from(orderEvents)
    .where(and(eq(orderEvents.workspaceId, actor.workspaceId), eq(orderEvents.orderId, orderId)));
  await tx.insert(orderEvents).values({
    workspaceId: actor.workspaceId,
    orderId,
    kind: event.kind,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    actorId: actor.userId,
    reason: event.reason ?? null,
    data: event.data ?? null,
    createdAt: now,
    sequence: (last?.sequence ?? 0) + 1,
  });
  await recordAudit(tx, actor, {
    action: `order.${event.kind}`,
    entityType: "order",
    entityId: orderId,
    changes: {
      ...(event.fromStatus !== undefined || event.toStatus !== undefined
        ? { status: { from: event.fromStatus ?? null, to: event.toStatus ?? null } }
        : {}),
      ...(event.reason ? { reason: event.reason } : {}),
      ...(event.data ?? {}),
    },
  });
}

async function writeSchedule(
  tx: DbOrTx,
  order: Pick<OrderRow, "workspaceId" | "id" | "paymentTerms" | "total" | "currency">,
) {
  await tx
    .delete(orderInstalments)
    .where(and(eq(orderInstalments.workspaceId, order.workspaceId), eq(orderInstalments.orderId, order.id)));
  await tx.insert(orderInstalments).values(
    paymentSchedule(order.paymentTerms, order.total, order.currency).map((instalment) => ({
      workspaceId: order.workspaceId,
      orderId: order.id,
      sequence: instalment.sequence,
      method: instalment.method,
      percent: String(instalment.percent),
      amount: instalment.amount.toFixed(),
      currency: order.currency,
      due: instalment.due,
      days: instalment.days,
      note: instalment.note,
    })),
  );
}

async function orderNumberTaken(tx: DbOrTx, workspaceId: string, number: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.number, number)))
    .limit(1);
  return row !== undefined;
}

type NewOrder = Omit<typeof orders.$inferInsert, "workspaceId" | "number" | "createdBy">;
type NewLine = Omit<typeof orderLines.$inferInsert, "orderId">;

async function insertOrder(
  tx: DbOrTx,
  viewer: Viewer,
  values: NewOrder,
  lines: NewLine[],
  now: Date,
): Promise<string> {
  const number = await nextNumber(
    tx,
    viewer.workspaceId,
    "order",
    (candidate) => orderNumberTaken(tx, viewer.workspaceId, candidate),
    now,
  );
  const [row] = await tx
    .insert(orders)
    .values({
      ...values,
      workspaceId: viewer.workspaceId,
      number,
      createdBy: viewer.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("insert returned no order");
  await tx.insert(orderLines).values(lines.map((line) => ({ ...line, orderId: row.id })));
  await writeSchedule(tx, row);
  await recordEvent(
    tx,
    viewer,
    row.id,
    {
      kind: "created",
      toStatus: "draft",
      data: {
        number,
        customerId: row.customerId,
        total: row.total,
        currency: row.currency,
        quotationId: row.quotationId,
      },
    },
    now,
  );
  return row.id;
}

// ---- Creating ----------------------------------------------------------------------------------

export async function createOrder(
  db: Db,
  viewer: Viewer,
  input: CreateOrderInput,
  now = new Date(),
): Promise<Order> {
  const { customer, contactName } = await resolveParties(db, viewer, input.customerId, input.contactId);
  const priced = await priceDocument(db, viewer.workspaceId, input.currency, input.lines);
  const id = await db.transaction((tx) =>
    insertOrder(
      tx,
      viewer,
      {
        customerId: customer.id,
        contactId: input.contactId ?? null,
        contactName,
        // The customer's owner at creation owns the order; transferable later by managers.
        ownerId: customer.ownerId ?? viewer.userId,
        currency: input.currency,
        incoterm: input.incoterm,
        incotermVersion: INCOTERMS_VERSION,
        namedPlace: input.namedPlace,
        paymentTerms: input.paymentTerms,
        leadTimeDays: input.leadTimeDays ?? null,
        remarks: input.remarks ?? null,
        requestedDeliveryDate: input.requestedDeliveryDate ?? null,
        shippingMarks: input.shippingMarks ?? null,
        ...totalsValues(priced),
      },
      lineValues(viewer.workspaceId, priced.lines),
      now,
    ),
  );
  return getOrder(db, viewer, id);
}

// An accepted quotation becomes an order in one step, with its lines and prices exactly as accepted.
export async function convertQuotation(
  db: Db,
  viewer: Viewer,
  quotationId: string,
  input: ConvertQuotationInput,
  now = new Date(),
): Promise<Order> {
  const id = await db.transaction(async (tx) => {
    const quotation = await findQuotationRow(tx, viewer, quotationId, { lock: true });
    if (quotation.orderId) {
      throw conflict(`${referenceOf(quotation)} was already converted into an order`, {
        reason: "converted",
        orderId: quotation.orderId,
      });
    }
    if (quotation.status !== "accepted") {
      throw conflict(
        `Only an accepted quotation converts into an order; ${referenceOf(quotation)} is ${quotation.status}`,
        {
          reason: "not_accepted",
        },
      );
    }
    const customer = await findWorkableCustomer(tx, viewer, quotation.customerId);
    const lines = await loadQuotationLines(tx, viewer.workspaceId, quotation.id);
    const orderId = await insertOrder(
      tx,
      viewer,
      {
        customerId: quotation.customerId,
        contactId: quotation.contactId,
        contactName: quotation.contactName,
        ownerId: customer.ownerId ?? viewer.userId,
        currency: quotation.currency,
        incoterm: quotation.incoterm,
        incotermVersion: quotation.incotermVersion,
        namedPlace: quotation.namedPlace,
        paymentTerms: quotation.paymentTerms,
        leadTimeDays: quotation.leadTimeDays,
        remarks: quotation.remarks,
        subtotal: quotation.subtotal,
        discountTotal: quotation.discountTotal,
        total: quotation.total,
        containerEstimate: quotation.containerEstimate,
        quotationId: quotation.id,
        requestedDeliveryDate: input.requestedDeliveryDate ?? null,
        shippingMarks: input.shippingMarks ?? null,
      },
      copiedLineValues(lines),
      now,
    );
    await tx
      .update(quotations)
      .set({ orderId, updatedAt: now })
      .where(and(eq(quotations.workspaceId, viewer.workspaceId), eq(quotations.id, quotation.id)));
    await recordAudit(tx, viewer, {
      action: "quotation.converted",
      entityType: "quotation",
      entityId: quotation.id,
      changes: { orderId },
    });
    return orderId;
  });
  return getOrder(db, viewer, id);
}

// ---- Editing -----------------------------------------------------------------------------------

// Delivery date and shipping marks may change until the goods leave; everything else only in draft.
const LOGISTICS_FIELDS = new Set(["requestedDeliveryDate", "shippingMarks"]);
const LOGISTICS_EDITABLE: OrderStatus[] = [
  "draft",
  "pending_approval",
  "confirmed",
  "in_production",
  "ready_to_ship",
];

export async function updateOrder(
  db: Db,
  viewer: Viewer,
  id: string,
  input: UpdateOrderInput,
  now = new Date(),
): Promise<Order> {
  const fields = Object.keys(input);
  if (fields.length === 0) return getOrder(db, viewer, id);
  await db.transaction(async (tx) => {
    const row = await findOrderRow(tx, viewer, id, { lock: true });
    const commercial = fields.filter((field) => !LOGISTICS_FIELDS.has(field));
    if (!LOGISTICS_EDITABLE.includes(row.status)) {
      throw conflict(`A ${row.status} order cannot be edited`, { reason: "not_editable" });
    }
    if (commercial.length > 0 && row.status !== "draft" && row.status !== "pending_approval") {
      throw conflict(
        `The terms and lines of a ${row.status} order are fixed; only the delivery date and shipping marks can change. Cancel it and make a new order to change the deal.`,
        { reason: "not_draft", fields: commercial },
      );
    }
    const { lines, contactId, ...rest } = input;
    const values: OrderValues = Object.fromEntries(
      Object.entries(rest).filter(([, value]) => value !== undefined),
    );
    if (contactId !== undefined) {
      values.contactId = contactId;
      values.contactName = await contactNameOf(tx, viewer.workspaceId, row.customerId, contactId);
    }
    if (lines || (input.currency && input.currency !== row.currency)) {
      const priced = await priceDocument(
        tx,
        viewer.workspaceId,
        input.currency ?? row.currency,
        lines ?? lineInputsOf(await loadLines(tx, viewer.workspaceId, id)),
      );
      Object.assign(values, totalsValues(priced));
      await tx
        .delete(orderLines)
        .where(and(eq(orderLines.workspaceId, viewer.workspaceId), eq(orderLines.orderId, id)));
      await tx
        .insert(orderLines)
        .values(lineValues(viewer.workspaceId, priced.lines).map((line) => ({ ...line, orderId: id })));
    }
    // Changing an order that waits for approval withdraws the request: the manager would otherwise
    // approve something else than what they read. The order goes back to draft, to be submitted again.
    const withdraw = commercial.length > 0 && row.status === "pending_approval";
    if (withdraw) {
      const pending = await latestApproval(tx, viewer.workspaceId, id);
      if (pending?.state === "pending") {
        await closeApproval(
          tx,
          pending,
          { state: "cancelled", decidedBy: viewer.userId, reason: "Order edited" },
          now,
        );
      }
      values.status = "draft";
    }
    const [after] = await tx
      .update(orders)
      .set({ ...values, updatedAt: now })
      .where(ordersScope(viewer, eq(orders.id, id)))
      .returning();
    if (!after) throw notFound("Order");
    if (input.paymentTerms || values.total !== undefined) await writeSchedule(tx, after);
    await recordEvent(
      tx,
      viewer,
      id,
      {
        kind: "updated",
        ...(withdraw ? { fromStatus: row.status, toStatus: "draft" } : {}),
        data: { fields },
      },
      now,
    );
  });
  return getOrder(db, viewer, id);
}

// ---- Submitting, approving, confirming -----------------------------------------------------------

// Confirming reserves the stock of the product lines (409 with the short products if it is not
// there, and nothing changes), then records the customer's order: stage and last-order date.
async function confirmOrder(
  tx: Tx,
  viewer: Viewer,
  row: OrderRow,
  lines: LineRow[],
  now: Date,
): Promise<void> {
  const stockLines = lines.flatMap((line) =>
    line.productId ? [{ productId: line.productId, quantity: line.quantity }] : [],
  );
  if (stockLines.length > 0) {
    await reserveStock(tx, viewer.workspaceId, stockLines, {
      orderId: row.id,
      actorId: viewer.userId,
      reason: `Order ${row.number} confirmed`,
    });
  }
  const workspace = await workspaceContext(tx, viewer.workspaceId);
  const rate = await rateToStore(
    tx,
    viewer.workspaceId,
    row.currency,
    workspace.currency,
    todayIn(workspace.timeZone, now),
  );
  await tx
    .update(orders)
    .set({ status: "confirmed", confirmedAt: now, updatedAt: now, ...rate })
    .where(and(eq(orders.workspaceId, viewer.workspaceId), eq(orders.id, row.id)));
  await recordEvent(
    tx,
    viewer,
    row.id,
    { kind: "confirmed", fromStatus: row.status, toStatus: "confirmed", data: { fxRate: rate } },
    now,
  );
  await recordSale(tx, row, 1);

  const [earlier] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(orders)
    .where(
      and(
        eq(orders.workspaceId, viewer.workspaceId),
        eq(orders.customerId, row.customerId),
        ne(orders.id, row.id),
        isNotNull(orders.confirmedAt),
      ),
    );
  const stage = (earlier?.count ?? 0) > 0 ? "repeat" : "ordered";
  const [before] = await tx
    .select({ stage: customers.stage })
    .from(customers)
    .where(and(eq(customers.workspaceId, viewer.workspaceId), eq(customers.id, row.customerId)));
  // "repeat" never falls back to "ordered".
  const nextStage = before?.stage === "repeat" ? "repeat" : stage;
  await tx
    .update(customers)
    .set({ stage: nextStage, lastOrderAt: now, updatedAt: now })
    .where(and(eq(customers.workspaceId, viewer.workspaceId), eq(customers.id, row.customerId)));
  await recordAudit(tx, viewer, {
    action: "customer.updated",
    entityType: "customer",
    entityId: row.customerId,
    changes: {
      ...(before?.stage !== nextStage ? { stage: { from: before?.stage ?? null, to: nextStage } } : {}),
      lastOrderAt: iso(now),
      via: `order ${row.number}`,
    },
  });
}

export async function submitOrder(db: Db, viewer: Viewer, id: string, now = new Date()): Promise<Order> {
  const evaluation = await db.transaction(async (tx): Promise<Evaluation | undefined> => {
    const row = await findOrderRow(tx, viewer, id, { lock: true });
    if (row.status === "pending_approval") return undefined;
    if (row.status !== "draft") {
      throw conflict(`This order was already submitted; it is ${row.status}`, { reason: "not_draft" });
    }
    const lines = await loadLines(tx, viewer.workspaceId, id);
    const result = await evaluateOrder(tx, row, lines, now);
    await tx
      .update(orders)
      .set({ submittedAt: now, updatedAt: now })
      .where(and(eq(orders.workspaceId, viewer.workspaceId), eq(orders.id, id)));
    await recordEvent(tx, viewer, id, { kind: "submitted", data: { notes: result.notes } }, now);
    if (result.reasons.length === 0) {
      await confirmOrder(tx, viewer, row, lines, now);
      return result;
    }
    await tx
      .update(orders)
      .set({ status: "pending_approval", updatedAt: now })
      .where(and(eq(orders.workspaceId, viewer.workspaceId), eq(orders.id, id)));
    await requestApproval(tx, viewer, row, result, now);
    await recordEvent(
      tx,
      viewer,
      id,
      {
        kind: "approval_requested",
        fromStatus: "draft",
        toStatus: "pending_approval",
        data: { reasons: result.reasons.map((reason) => reason.message) },
      },
      now,
    );
    return result;
  });
  return getOrder(db, viewer, id, evaluation?.notes);
}

const departureOf = (approval: { shipmentId: string | null; shipmentNumber: string | null }) =>
  approval.shipmentId
    ? { shipmentId: approval.shipmentId, shipmentNumber: approval.shipmentNumber, decision: "departure" }
    : null;

// Loads the order and its open request for a decision, or says why there is nothing to decide.
// A repeated decision (approve twice, reject twice) finds the first one and changes nothing.
async function decisionTarget(tx: Tx, viewer: Viewer, id: string, repeat: "approved" | "rejected") {
  const row = await findOrderRow(tx, viewer, id, { lock: true });
  const approval = await latestApproval(tx, viewer.workspaceId, id);
  if (approval?.state === "pending") {
    if (!canDecide(viewer, row, approval)) {
      throw forbidden(
        viewer.userId === row.ownerId || viewer.userId === approval.requestedBy
          ? "You cannot decide on your own order; the manager of your team does"
          : "Only the manager of the owner's team or an admin can decide on this order",
      );
    }
    return { row, approval };
  }
  if (approval?.state === repeat) return undefined;
  throw conflict(`This order is not waiting for approval; it is ${row.status}`, { reason: "not_pending" });
}

export async function approveOrder(
  db: Db,
  viewer: Viewer,
  id: string,
  note: string | undefined,
  now = new Date(),
): Promise<Order> {
  await db.transaction(async (tx) => {
    const target = await decisionTarget(tx, viewer, id, "approved");
    if (!target) return;
    const { row, approval } = target;
    await closeApproval(
      tx,
      approval,
      { state: "approved", decidedBy: viewer.userId, reason: note ?? null },
      now,
    );
    await recordEvent(
      tx,
      viewer,
      id,
      { kind: "approved", reason: note ?? null, data: departureOf(approval) },
      now,
    );
    // A departure request leaves the order as it is: the shipment may now depart.
    if (!approval.shipmentId) {
      await confirmOrder(tx, viewer, row, await loadLines(tx, viewer.workspaceId, id), now);
    }
    await notifyDecision(tx, row, approval, { approved: true, by: viewer.name, reason: note ?? null });
  });
  return getOrder(db, viewer, id);
}

export async function rejectOrder(
  db: Db,
  viewer: Viewer,
  id: string,
  reason: string,
  now = new Date(),
): Promise<Order> {
  await db.transaction(async (tx) => {
    const target = await decisionTarget(tx, viewer, id, "rejected");
    if (!target) return;
    const { row, approval } = target;
    await closeApproval(tx, approval, { state: "rejected", decidedBy: viewer.userId, reason }, now);
    if (approval.shipmentId) {
      // The order stays confirmed; its shipment stays where it is until a new request is approved.
      await recordEvent(tx, viewer, id, { kind: "rejected", reason, data: departureOf(approval) }, now);
    } else {
      await tx
        .update(orders)
        .set({ status: "draft", updatedAt: now })
        .where(and(eq(orders.workspaceId, viewer.workspaceId), eq(orders.id, id)));
      await recordEvent(
        tx,
        viewer,
        id,
        { kind: "rejected", fromStatus: row.status, toStatus: "draft", reason },
        now,
      );
    }
    await notifyDecision(tx, row, approval, { approved: false, by: viewer.name, reason });
  });
  return getOrder(db, viewer, id);
}

// ---- Status changes after confirmation ------------------------------------------------------------

const NEXT: Partial<Record<OrderStatus, OrderStatus[]>> = {
  confirmed: ["in_production"],
  in_production: ["ready_to_ship"],
  ready_to_ship: ["partially_shipped", "shipped"],
  partially_shipped: ["shipped"],
  shipped: ["completed"],
};
const CANCELLABLE: OrderStatus[] = [
  "draft",
  "pending_approval",
  "confirmed",
  "in_production",
  "ready_to_ship",
];
// Shipping is recorded by shipments (the next module); until then only an admin may set it by hand.
const SHIPPING: OrderStatus[] = ["partially_shipped", "shipped"];

export async function changeOrderStatus(
  db: Db,
  viewer: Viewer,
  id: string,
  input: OrderStatusInput,
  now = new Date(),
): Promise<Order> {
  const { status, reason } = input;
  await db.transaction(async (tx) => {
    const row = await findOrderRow(tx, viewer, id, { lock: true });
    if (row.status === status) return;
    if (status === "cancelled") {
      if (!CANCELLABLE.includes(row.status)) {
        throw conflict(`A ${row.status} order can no longer be cancelled`, { reason: "invalid_transition" });
      }
      if (!reason) throw fieldError("reason", "is required to cancel an order");
      await cancelOrder(tx, viewer, row, reason, now);
      return;
    }
    if (status === "draft" || status === "pending_approval" || status === "confirmed") {
      throw conflict(
        `An order becomes ${status} through submit, approve or reject (POST /api/orders/:id/submit, /approve, /reject), not by setting its status`,
        { reason: "invalid_transition" },
      );
    }
    if (SHIPPING.includes(status) && viewer.role !== "admin") {
      throw forbidden("Shipping is recorded with the order's shipments; only an admin can set it by hand");
    }
    const allowed = NEXT[row.status] ?? [];
    if (!allowed.includes(status)) {
      throw conflict(
        `A ${row.status} order cannot become ${status}${allowed.length > 0 ? `; next is ${allowed.join(" or ")}` : ""}`,
        { reason: "invalid_transition", allowed },
      );
    }
    await tx
      .update(orders)
      .set({ status, updatedAt: now })
      .where(and(eq(orders.workspaceId, viewer.workspaceId), eq(orders.id, id)));
    await recordEvent(
      tx,
      viewer,
      id,
      { kind: "status_changed", fromStatus: row.status, toStatus: status, reason },
      now,
    );
  });
  return getOrder(db, viewer, id);
}

async function cancelOrder(tx: Tx, viewer: Viewer, row: OrderRow, reason: string, now: Date): Promise<void> {
  if (row.confirmedAt) {
    await releaseStock(tx, viewer.workspaceId, {
      orderId: row.id,
      actorId: viewer.userId,
      reason: `Order ${row.number} cancelled: ${reason}`,
    });
  }
  const approval = await latestApproval(tx, viewer.workspaceId, row.id);
  if (approval?.state === "pending") {
    await closeApproval(tx, approval, { state: "cancelled", decidedBy: viewer.userId, reason }, now);
  }
  await recordSale(tx, row, -1);
  await tx
    .update(orders)
    .set({ status: "cancelled", cancelledAt: now, cancelReason: reason, updatedAt: now })
    .where(and(eq(orders.workspaceId, viewer.workspaceId), eq(orders.id, row.id)));
  await recordEvent(
    tx,
    viewer,
    row.id,
    { kind: "cancelled", fromStatus: row.status, toStatus: "cancelled", reason },
    now,
  );
}

// ---- Ownership and credit -------------------------------------------------------------------------

// Orders not yet completed or cancelled follow the customers handed over from a leaving rep, each with
// its "transferred" event and its sales moved to the new owner on the dashboard.
export async function handOverOpenOrders(
  tx: DbOrTx,
  viewer: Viewer,
  moves: DealMove[],
  reason: string | null,
  now = new Date(),
): Promise<number> {
  let count = 0;
  for (const move of moves) {
    if (move.customerIds.length === 0) continue;
    const open = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(
        and(
          eq(orders.workspaceId, viewer.workspaceId),
          eq(orders.ownerId, move.fromUserId),
          inArray(orders.customerId, move.customerIds),
          notInArray(orders.status, ["completed", "cancelled"]),
        ),
      )
      .for("update");
    if (open.length === 0) continue;
    const ids = open.map((order) => order.id);
    await recordOrdersSales(tx, viewer.workspaceId, ids, -1);
    await tx
      .update(orders)
      .set({ ownerId: move.toUserId, updatedAt: now })
      .where(and(eq(orders.workspaceId, viewer.workspaceId), inArray(orders.id, ids)));
    await recordOrdersSales(tx, viewer.workspaceId, ids, 1);
    for (const order of open) {
      await recordEvent(
        tx,
        viewer,
        order.id,
        {
          kind: "transferred",
          reason: reason ?? "customer handed over",
          data: { fromOwnerId: move.fromUserId, toOwnerId: move.toUserId },
        },
        now,
      );
    }
    count += open.length;
  }
  return count;
}

export async function transferOrder(
  db: Db,
  viewer: Viewer,
  id: string,
  input: { ownerId: string; reason?: string },
  now = new Date(),
): Promise<Order> {
  await db.transaction(async (tx) => {
    const row = await findOrderRow(tx, viewer, id, { lock: true });
    if (!canTransfer(viewer, row))
      throw forbidden("Only the owner's manager or an admin can transfer an order");
    if (row.ownerId === input.ownerId) return;
    const owner = await assertAssignableUser(tx, viewer.workspaceId, input.ownerId, "ownerId");
    if (
      viewer.role === "manager" &&
      input.ownerId !== viewer.userId &&
      !viewer.managedUserIds.includes(input.ownerId)
    ) {
      throw fieldError("ownerId", "must be a member of your team");
    }
    await recordSale(tx, row, -1);
    await tx
      .update(orders)
      .set({ ownerId: input.ownerId, updatedAt: now })
      .where(and(eq(orders.workspaceId, viewer.workspaceId), eq(orders.id, id)));
    await recordSale(tx, row, 1);
    await recordEvent(
      tx,
      viewer,
      id,
      {
        kind: "transferred",
        reason: input.reason ?? null,
        data: { fromOwnerId: row.ownerId, toOwnerId: input.ownerId },
      },
      now,
    );
    await notify(tx, [
      {
        workspaceId: viewer.workspaceId,
        userId: owner.id,
        type: "assigned",
        title: `Order ${row.number} was transferred to you by ${viewer.name}`,
        body: input.reason ?? null,
        entityType: "order",
        entityId: id,
      },
    ]);
  });
  return getOrder(db, viewer, id);
}

// The older credit-limit shape, kept for its clients; the credit module owns the rule and the audit.
const creditLimitOf = (credit: CustomerCredit) => ({
  customerId: credit.customerId,
  creditLimit: credit.creditLimit,
  creditLimitCurrency: credit.currency,
});

export async function getCreditLimit(db: DbOrTx, viewer: Viewer, customerId: string) {
  return creditLimitOf(await getCustomerCredit(db, viewer, customerId));
}

export async function setCreditLimit(
  db: Db,
  viewer: Viewer,
  customerId: string,
  input: { creditLimit: string | null; creditLimitCurrency: string | null },
) {
  return creditLimitOf(
    await updateCustomerCredit(db, viewer, customerId, {
      creditLimit: input.creditLimit,
      currency: input.creditLimitCurrency,
    }),
  );
}
