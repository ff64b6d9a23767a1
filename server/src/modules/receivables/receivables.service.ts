import { and, asc, desc, eq, inArray, lte, notInArray, type SQL, sql } from "drizzle-orm";
import type { OrderStatus } from "../../../../shared/schemas/orders";
import type {
  AgingReport,
  CreatePaymentInput,
  Payment,
  Receivable,
  ReceivableListQuery,
} from "../../../../shared/schemas/receivables";
import type { Db, DbOrTx } from "../../db/client";
import { conflict, fieldError, notFound } from "../../lib/app-error";
import { iso } from "../../lib/dates";
import { type Dec, formatMoney, sumDec, toDec } from "../../lib/money";
import { recordAudit } from "../audit/audit.service";
import type { Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { converterOn, rateToStore, storedRateOf } from "../fx/rates.service";
import { ordersScope } from "../orders/orders.policy";
import { orderInstalments, orders } from "../orders/orders.table";
import { todayIn, userNames, workspaceContext } from "../quotations/commercial";
import { shipments } from "../shipments/shipments.table";
import { paymentAllocations, payments } from "./receivables.table";

// Orders whose schedule is owed: confirmed and not cancelled.
export const UNCONFIRMED: OrderStatus[] = ["draft", "pending_approval", "cancelled"];
const LAST_DAY = "9999-12-31";

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

type ShipmentEvents = { etd: string | null; blDate: string | null };

// When an instalment falls due, from the event its term names; null until that event has happened
// (or, before shipment, until a departure date is planned). `days` shifts any of them.
export function dueDateOf(
  term: { due: Receivable["dueRule"]; days: number | null },
  events: { confirmedOn: string | null } & ShipmentEvents,
): string | null {
  const anchor = {
    on_confirmation: events.confirmedOn,
    before_shipment: events.etd,
    // Documents are presented once the goods are on board: the B/L date starts both.
    at_sight: events.blDate,
    after_bl: events.blDate,
  }[term.due];
  return anchor === null ? null : addDays(anchor, term.days ?? 0);
}

// The first planned departure and the first B/L date (or departure day) of an order's shipments.
async function shipmentEvents(db: DbOrTx, workspaceId: string, orderIds: string[], timeZone: string) {
  const events = new Map<string, ShipmentEvents>();
  if (orderIds.length === 0) return events;
  const rows = await db
    .select({
      orderId: shipments.orderId,
      etd: shipments.etd,
      blDate: shipments.blDate,
      departedAt: shipments.departedAt,
    })
    .from(shipments)
    .where(
      and(
        eq(shipments.workspaceId, workspaceId),
        inArray(shipments.orderId, orderIds),
        sql`${shipments.status} <> 'cancelled'`,
      ),
    );
  const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
  for (const row of rows) {
    const current = events.get(row.orderId) ?? { etd: null, blDate: null };
    const onBoard = row.departedAt ? (row.blDate ?? todayIn(timeZone, row.departedAt)) : null;
    events.set(row.orderId, {
      etd: earliest(current.etd, row.etd ?? (row.departedAt ? todayIn(timeZone, row.departedAt) : null)),
      blDate: earliest(current.blDate, onBoard),
    });
  }
  return events;
}

// What was paid on each receivable by the end of a day, so a report on a past day reads as it did then.
export async function paidAmounts(db: DbOrTx, workspaceId: string, ids: string[], upTo: string) {
  if (ids.length === 0) return new Map<string, Dec>();
  const rows = await db
    .select({ id: paymentAllocations.receivableId, paid: sql<string>`sum(${paymentAllocations.amount})` })
    .from(paymentAllocations)
    .innerJoin(
      payments,
      and(
        eq(payments.workspaceId, paymentAllocations.workspaceId),
        eq(payments.id, paymentAllocations.paymentId),
      ),
    )
    .where(
      and(
        eq(paymentAllocations.workspaceId, workspaceId),
        inArray(paymentAllocations.receivableId, ids),
        lte(payments.receivedAt, upTo),
      ),
    )
    .groupBy(paymentAllocations.receivableId);
  return new Map(rows.map((row) => [row.id, toDec(row.paid)]));
}

export async function loadReceivables(
  db: DbOrTx,
  viewer: Viewer,
  query: Omit<ReceivableListQuery, "overdue">,
  today: string,
  extra: SQL | undefined = undefined,
): Promise<Receivable[]> {
  return receivablesWhere(
    db,
    viewer.workspaceId,
    ordersScope(
      viewer,
      query.customerId ? eq(orders.customerId, query.customerId) : undefined,
      query.ownerId ? eq(orders.ownerId, query.ownerId) : undefined,
      query.orderId ? eq(orders.id, query.orderId) : undefined,
      query.currency ? eq(orderInstalments.currency, query.currency) : undefined,
      extra,
    ),
    today,
  );
}

// The receivables of a workspace's confirmed orders matching `where`, judged on `today`.
export async function receivablesWhere(
  db: DbOrTx,
  workspaceId: string,
  where: SQL | undefined,
  today: string,
): Promise<Receivable[]> {
  const { timeZone } = await workspaceContext(db, workspaceId);
  const rows = await db
    .select({
      instalment: orderInstalments,
      orderNumber: orders.number,
      customerId: orders.customerId,
      customerName: customers.name,
      ownerId: orders.ownerId,
      confirmedAt: orders.confirmedAt,
    })
    .from(orderInstalments)
    .innerJoin(
      orders,
      and(eq(orders.workspaceId, orderInstalments.workspaceId), eq(orders.id, orderInstalments.orderId)),
    )
    .innerJoin(
      customers,
      and(eq(customers.workspaceId, orders.workspaceId), eq(customers.id, orders.customerId)),
    )
    .where(and(eq(orders.workspaceId, workspaceId), notInArray(orders.status, UNCONFIRMED), where))
    .orderBy(desc(orders.confirmedAt), asc(orders.number), asc(orderInstalments.sequence));
  const orderIds = [...new Set(rows.map((row) => row.instalment.orderId))];
  const [events, paid] = await Promise.all([
    shipmentEvents(db, workspaceId, orderIds, timeZone),
    paidAmounts(
      db,
      workspaceId,
      rows.map((row) => row.instalment.id),
      today,
    ),
  ]);
  return rows.map((row) => {
    const { instalment } = row;
    const amount = toDec(instalment.amount);
    const paidAmount = paid.get(instalment.id) ?? toDec(0);
    const outstanding = amount.minus(paidAmount);
    const dueDate = dueDateOf(instalment, {
      confirmedOn: row.confirmedAt ? todayIn(timeZone, row.confirmedAt) : null,
      ...(events.get(instalment.orderId) ?? { etd: null, blDate: null }),
    });
    const status: Receivable["status"] = outstanding.lte(0)
      ? "paid"
      : dueDate === null
        ? "awaiting_event"
        : dueDate < today
          ? "overdue"
          : "open";
    const money = (value: Dec) => formatMoney(value, instalment.currency);
    return {
      id: instalment.id,
      orderId: instalment.orderId,
      orderNumber: row.orderNumber,
      customerId: row.customerId,
      customerName: row.customerName,
      ownerId: row.ownerId,
      sequence: instalment.sequence,
      currency: instalment.currency,
      amount: money(amount),
      paid: money(paidAmount),
      outstanding: money(outstanding),
      dueDate,
      dueRule: instalment.due,
      dueDays: instalment.days,
      status,
    };
  });
}

export async function listReceivables(
  db: DbOrTx,
  viewer: Viewer,
  query: ReceivableListQuery,
  now = new Date(),
) {
  const { timeZone } = await workspaceContext(db, viewer.workspaceId);
  const today = query.asOf ?? todayIn(timeZone, now);
  const all = await loadReceivables(db, viewer, query, today);
  const items =
    query.overdue === undefined ? all : all.filter((item) => (item.status === "overdue") === query.overdue);
  return { items, total: items.length };
}

// ---- Payments --------------------------------------------------------------------------------------

async function toPayments(db: DbOrTx, workspaceId: string, rows: (typeof payments.$inferSelect)[]) {
  if (rows.length === 0) return [];
  const allocations = await db
    .select({
      paymentId: paymentAllocations.paymentId,
      receivableId: paymentAllocations.receivableId,
      amount: paymentAllocations.amount,
      orderId: orderInstalments.orderId,
      orderNumber: orders.number,
    })
    .from(paymentAllocations)
    .innerJoin(
      orderInstalments,
      and(
        eq(orderInstalments.workspaceId, paymentAllocations.workspaceId),
        eq(orderInstalments.id, paymentAllocations.receivableId),
      ),
    )
    .innerJoin(
      orders,
      and(eq(orders.workspaceId, orderInstalments.workspaceId), eq(orders.id, orderInstalments.orderId)),
    )
    .where(
      and(
        eq(paymentAllocations.workspaceId, workspaceId),
        inArray(
          paymentAllocations.paymentId,
          rows.map((row) => row.id),
        ),
      ),
    )
    .orderBy(asc(orders.number), asc(orderInstalments.sequence));
  return rows.map((row): Payment => {
    const own = allocations.filter((allocation) => allocation.paymentId === row.id);
    const money = (value: Dec | string) => formatMoney(value, row.currency);
    const allocated = sumDec(own.map((allocation) => allocation.amount));
    return {
      id: row.id,
      customerId: row.customerId,
      amount: money(row.amount),
      currency: row.currency,
      receivedAt: row.receivedAt,
      bankReference: row.bankReference,
      bankCharges: money(row.bankCharges),
      netReceived: money(toDec(row.amount).minus(row.bankCharges)),
      allocated: money(allocated),
      unallocated: money(toDec(row.amount).minus(allocated)),
      allocations: own.map((allocation) => ({
        receivableId: allocation.receivableId,
        orderId: allocation.orderId,
        orderNumber: allocation.orderNumber,
        amount: money(allocation.amount),
      })),
      fxRate: storedRateOf(row, row.currency),
      createdAt: iso(row.createdAt),
    };
  });
}

export async function listPayments(db: DbOrTx, viewer: Viewer, query: { customerId?: string | undefined }) {
  const rows = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.workspaceId, viewer.workspaceId),
        query.customerId ? eq(payments.customerId, query.customerId) : undefined,
      ),
    )
    .orderBy(desc(payments.receivedAt), desc(payments.createdAt));
  const items = await toPayments(db, viewer.workspaceId, rows);
  return { items, total: items.length };
}

// Allocations may settle receivables of the paying customer in the payment's currency, each up to
// what it still owes; whatever is left of the payment stays visible as unallocated.
export async function createPayment(
  db: Db,
  viewer: Viewer,
  input: CreatePaymentInput,
  now = new Date(),
): Promise<Payment> {
  const row = await db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.workspaceId, viewer.workspaceId), eq(customers.id, input.customerId)));
    if (!customer) throw fieldError("customerId", "no such customer");
    const ids = input.allocations.map((allocation) => allocation.receivableId);
    if (new Set(ids).size < ids.length) throw fieldError("allocations", "a receivable is listed twice");
    if (ids.length > 0) {
      // Locks the instalments so two payments cannot both settle the last of one receivable.
      await tx
        .select({ id: orderInstalments.id })
        .from(orderInstalments)
        .where(and(eq(orderInstalments.workspaceId, viewer.workspaceId), inArray(orderInstalments.id, ids)))
        .orderBy(asc(orderInstalments.id))
        .for("update");
    }
    // Judged against every allocation, including payments dated later than today.
    const open = ids.length
      ? await loadReceivables(tx, viewer, {}, LAST_DAY, inArray(orderInstalments.id, ids))
      : [];
    input.allocations.forEach((allocation, index) => {
      const receivable = open.find((item) => item.id === allocation.receivableId);
      if (!receivable) throw fieldError(`allocations.${index}.receivableId`, "no such receivable");
      if (receivable.customerId !== input.customerId) {
        throw fieldError(`allocations.${index}.receivableId`, "belongs to another customer");
      }
      if (receivable.currency !== input.currency) {
        throw fieldError(
          `allocations.${index}.receivableId`,
          `is in ${receivable.currency}, the payment in ${input.currency}`,
        );
      }
      if (toDec(allocation.amount).gt(receivable.outstanding)) {
        throw fieldError(
          `allocations.${index}.amount`,
          `is more than the ${receivable.outstanding} ${receivable.currency} still owed on ${receivable.orderNumber}`,
        );
      }
    });
    const allocated = sumDec(input.allocations.map((allocation) => allocation.amount));
    if (allocated.gt(input.amount)) {
      throw conflict(`The allocations (${allocated.toFixed()}) exceed the payment (${input.amount})`, {
        reason: "over_allocated",
      });
    }
    const { currency: reportingCurrency } = await workspaceContext(tx, viewer.workspaceId);
    const rate = await rateToStore(
      tx,
      viewer.workspaceId,
      input.currency,
      reportingCurrency,
      input.receivedAt,
    );
    const [payment] = await tx
      .insert(payments)
      .values({
        ...rate,
        workspaceId: viewer.workspaceId,
        customerId: input.customerId,
        amount: input.amount,
        currency: input.currency,
        receivedAt: input.receivedAt,
        bankReference: input.bankReference ?? null,
        bankCharges: input.bankCharges ?? "0",
        createdBy: viewer.userId,
        createdAt: now,
      })
      .returning();
    if (!payment) throw new Error("payment insert returned nothing");
    if (input.allocations.length > 0) {
      await tx.insert(paymentAllocations).values(
        input.allocations.map((allocation) => ({
          workspaceId: viewer.workspaceId,
          paymentId: payment.id,
          receivableId: allocation.receivableId,
          amount: allocation.amount,
        })),
      );
    }
    await recordAudit(tx, viewer, {
      action: "payment.recorded",
      entityType: "customer",
      entityId: input.customerId,
      changes: { paymentId: payment.id, ...input, fxRate: rate },
    });
    return payment;
  });
  const [payment] = await toPayments(db, viewer.workspaceId, [row]);
  if (!payment) throw notFound("Payment");
  return payment;
}

// ---- Aging -----------------------------------------------------------------------------------------

const BUCKETS = ["current", "d1_30", "d31_60", "d61_90", "over90"] as const;
type Bucket = (typeof BUCKETS)[number];

export function bucketOf(dueDate: string | null, today: string): Bucket {
  const late = dueDate === null ? 0 : daysBetween(dueDate, today);
  if (late <= 0) return "current";
  if (late <= 30) return "d1_30";
  if (late <= 60) return "d31_60";
  if (late <= 90) return "d61_90";
  return "over90";
}

export async function agingReport(
  db: DbOrTx,
  viewer: Viewer,
  query: { groupBy: "customer" | "owner" | "currency"; asOf?: string | undefined },
  now = new Date(),
): Promise<AgingReport> {
  const { currency: reportingCurrency, timeZone } = await workspaceContext(db, viewer.workspaceId);
  const asOf = query.asOf ?? todayIn(timeZone, now);
  const [receivables, converter] = await Promise.all([
    loadReceivables(db, viewer, {}, asOf),
    converterOn(db, viewer.workspaceId, asOf),
  ]);
  const owed = receivables.filter((item) => item.status !== "paid");
  const owners = await userNames(
    db,
    viewer.workspaceId,
    owed.map((item) => item.ownerId),
  );
  const groups = new Map<string, { label: string; sums: Record<Bucket, Dec> }>();
  const unconverted = new Map<string, Dec>();
  for (const item of owed) {
    const value = converter.convert(item.outstanding, item.currency, reportingCurrency);
    if (value === null) {
      unconverted.set(item.currency, (unconverted.get(item.currency) ?? toDec(0)).plus(item.outstanding));
      continue;
    }
    const [key, label] = {
      customer: [item.customerId, item.customerName],
      owner: [item.ownerId, owners.get(item.ownerId) ?? ""],
      currency: [item.currency, item.currency],
    }[query.groupBy] as [string, string];
    const group = groups.get(key) ?? {
      label,
      sums: Object.fromEntries(BUCKETS.map((bucket) => [bucket, toDec(0)])) as Record<Bucket, Dec>,
    };
    const bucket = bucketOf(item.dueDate, asOf);
    group.sums[bucket] = group.sums[bucket].plus(value);
    groups.set(key, group);
  }
  const money = (value: Dec) => formatMoney(value, reportingCurrency);
  return {
    reportingCurrency,
    asOf,
    groups: [...groups.entries()]
      .map(([key, { label, sums }]) => ({
        key,
        label,
        current: money(sums.current),
        d1_30: money(sums.d1_30),
        d31_60: money(sums.d31_60),
        d61_90: money(sums.d61_90),
        over90: money(sums.over90),
        total: money(sumDec(BUCKETS.map((bucket) => sums[bucket]))),
      }))
      .sort((a, b) => toDec(b.total).comparedTo(a.total) || a.label.localeCompare(b.label)),
    unconverted: [...unconverted.entries()].map(([currency, outstanding]) => ({
      currency,
      outstanding: formatMoney(outstanding, currency),
    })),
  };
}
