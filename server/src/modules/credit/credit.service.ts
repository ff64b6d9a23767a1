import { and, eq, inArray, isNotNull, notInArray } from "drizzle-orm";
import type {
  CreditLine,
  CreditReport,
  CustomerCredit,
  UpdateCustomerCreditInput,
} from "../../../../shared/schemas/credit";
import type { ApprovalReason } from "../../../../shared/schemas/orders";
import type { PaymentTerm } from "../../../../shared/schemas/quotations";
import type { Db, DbOrTx } from "../../db/client";
import { notFound } from "../../lib/app-error";
import { type Dec, formatMoney, toDec } from "../../lib/money";
import { recordAudit } from "../audit/audit.service";
import type { Viewer } from "../customers/customers.policy";
import { type CustomerRow, customerColumns, customers } from "../customers/customers.table";
import { type Converter, converterOn } from "../fx/rates.service";
import { ordersScope } from "../orders/orders.policy";
import { orderInstalments, orders } from "../orders/orders.table";
import { todayIn, workspaceContext } from "../quotations/commercial";
import { paidAmounts, UNCONFIRMED } from "../receivables/receivables.service";
import { canSeeCredit, seesAllCredit } from "./credit.policy";
import { customerCreditInsurance } from "./credit.table";

// ---- Exposure --------------------------------------------------------------------------------------
//
// Exposure is what a customer owes on its confirmed orders. Confirmation turns an order's whole total
// into its payment schedule (order_instalments, the receivables), so the outstanding of every
// instalment of every order that is confirmed and not cancelled (confirmed … completed) is at once
// the "confirmed but unpaid order amount" (instalments whose event has not happened yet) and the
// "open receivables" (due or overdue): each amount is counted once, and never also as an order total.
// Drafts and orders waiting for approval owe nothing yet. Shipping moves nothing; payments (by the
// day they were received) lower it. Amounts are converted to the limit's currency at the day's rates;
// those without a rate are kept apart as unconverted, never guessed.

type Owed = { customerId: string; orderId: string; currency: string; outstanding: Dec };

export async function owedOnConfirmedOrders(
  db: DbOrTx,
  workspaceId: string,
  customerIds: string[],
  date: string,
): Promise<Owed[]> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .select({
      id: orderInstalments.id,
      orderId: orderInstalments.orderId,
      customerId: orders.customerId,
      currency: orderInstalments.currency,
      amount: orderInstalments.amount,
    })
    .from(orderInstalments)
    .innerJoin(
      orders,
      and(eq(orders.workspaceId, orderInstalments.workspaceId), eq(orders.id, orderInstalments.orderId)),
    )
    .where(
      and(
        eq(orderInstalments.workspaceId, workspaceId),
        inArray(orders.customerId, customerIds),
        notInArray(orders.status, UNCONFIRMED),
      ),
    );
  const paid = await paidAmounts(
    db,
    workspaceId,
    rows.map((row) => row.id),
    date,
  );
  return rows.flatMap((row) => {
    const outstanding = toDec(row.amount).minus(paid.get(row.id) ?? 0);
    return outstanding.gt(0) ? [{ ...row, outstanding }] : [];
  });
}

export type Exposure = { amount: Dec; unconverted: { currency: string; outstanding: Dec }[] };

export function exposureIn(owed: Owed[], currency: string, converter: Converter): Exposure {
  let amount = toDec(0);
  const unconverted = new Map<string, Dec>();
  for (const item of owed) {
    const value = converter.convert(item.outstanding, item.currency, currency);
    if (value === null)
      unconverted.set(item.currency, (unconverted.get(item.currency) ?? toDec(0)).plus(item.outstanding));
    else amount = amount.plus(value);
  }
  return {
    amount,
    unconverted: [...unconverted.entries()].map(([code, outstanding]) => ({ currency: code, outstanding })),
  };
}

// Percent of the limit used (one decimal) and its level: warning above 80%, over above 100%.
function usage(exposure: Dec, limit: Dec) {
  const usedPercent = limit.isZero()
    ? exposure.isZero()
      ? 0
      : 100
    : exposure.div(limit).times(100).toDecimalPlaces(1).toNumber();
  // Judged on the amounts, not the rounded percent: one cent over a large limit is over.
  const level = exposure.gt(limit) ? "over" : exposure.gt(limit.times(0.8)) ? "warning" : "ok";
  return { usedPercent, level } as const;
}

const unconvertedOut = (items: Exposure["unconverted"]) =>
  items.map((item) => ({
    currency: item.currency,
    outstanding: formatMoney(item.outstanding, item.currency),
  }));

// ---- The credit report -------------------------------------------------------------------------------

// Customers with a credit limit, most used first. Finance and admins see every one; others those they
// can see an order of.
export async function creditReport(
  db: DbOrTx,
  viewer: Viewer,
  query: { date?: string | undefined },
  now = new Date(),
): Promise<CreditReport> {
  const { timeZone } = await workspaceContext(db, viewer.workspaceId);
  const date = query.date ?? todayIn(timeZone, now);
  const everyone = seesAllCredit(viewer);
  const [limited, visible, converter] = await Promise.all([
    db
      .select({
        id: customers.id,
        name: customers.name,
        ownerId: customers.ownerId,
        creditLimit: customers.creditLimit,
        currency: customers.creditLimitCurrency,
      })
      .from(customers)
      .where(
        and(
          eq(customers.workspaceId, viewer.workspaceId),
          isNotNull(customers.creditLimit),
          isNotNull(customers.creditLimitCurrency),
        ),
      ),
    everyone
      ? undefined
      : db
          .selectDistinct({ id: orders.customerId })
          .from(orders)
          .where(ordersScope(viewer, notInArray(orders.status, UNCONFIRMED))),
    converterOn(db, viewer.workspaceId, date),
  ]);
  const shown = visible ? new Set(visible.map((row) => row.id)) : undefined;
  const listed = limited.filter((customer) => !shown || shown.has(customer.id));
  const owed = await owedOnConfirmedOrders(
    db,
    viewer.workspaceId,
    listed.map((customer) => customer.id),
    date,
  );
  const items = listed.flatMap((customer): CreditLine[] => {
    const { creditLimit, currency } = customer;
    if (creditLimit === null || currency === null) return [];
    const exposure = exposureIn(
      owed.filter((item) => item.customerId === customer.id),
      currency,
      converter,
    );
    const limit = toDec(creditLimit);
    return [
      {
        customerId: customer.id,
        customerName: customer.name,
        ownerId: customer.ownerId,
        creditLimit: formatMoney(limit, currency),
        currency,
        exposure: formatMoney(exposure.amount, currency),
        ...usage(exposure.amount, limit),
        unconverted: unconvertedOut(exposure.unconverted),
      },
    ];
  });
  items.sort((a, b) => b.usedPercent - a.usedPercent || a.customerName.localeCompare(b.customerName));
  return { date, items };
}

// ---- One customer's credit -----------------------------------------------------------------------------

type InsuranceRow = typeof customerCreditInsurance.$inferSelect;

// Finance works every customer's credit; everyone else the customers they see in full. Others get 404.
async function findCreditCustomer(db: DbOrTx, viewer: Viewer, customerId: string, lock = false) {
  const query = db
    .select(customerColumns)
    .from(customers)
    .where(and(eq(customers.workspaceId, viewer.workspaceId), eq(customers.id, customerId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || !canSeeCredit(viewer, row)) throw notFound("Customer");
  return row;
}

async function insuranceOf(db: DbOrTx, workspaceId: string, customerId: string) {
  const [row] = await db
    .select()
    .from(customerCreditInsurance)
    .where(
      and(
        eq(customerCreditInsurance.workspaceId, workspaceId),
        eq(customerCreditInsurance.customerId, customerId),
      ),
    );
  return row;
}

const insuranceOut = (row: InsuranceRow | undefined): CustomerCredit["insurance"] =>
  row
    ? {
        insurer: row.insurer,
        policyNumber: row.policyNumber,
        approvedLimit:
          row.approvedLimit === null || row.currency === null
            ? null
            : formatMoney(row.approvedLimit, row.currency),
        currency: row.currency,
        expiresOn: row.expiresOn,
      }
    : null;

const insuranceExpired = (row: Pick<InsuranceRow, "expiresOn"> | undefined, today: string) =>
  row?.expiresOn != null && row.expiresOn < today;

async function creditOf(db: DbOrTx, customer: CustomerRow, now: Date): Promise<CustomerCredit> {
  const { timeZone } = await workspaceContext(db, customer.workspaceId);
  const today = todayIn(timeZone, now);
  const insurance = await insuranceOf(db, customer.workspaceId, customer.id);
  const base = {
    customerId: customer.id,
    insurance: insuranceOut(insurance),
    insuranceExpired: insuranceExpired(insurance, today),
  };
  const { creditLimit, creditLimitCurrency: currency } = customer;
  if (creditLimit === null || currency === null) {
    return {
      ...base,
      creditLimit: null,
      currency: null,
      exposure: null,
      usedPercent: null,
      level: null,
      unconverted: [],
    };
  }
  const [owed, converter] = await Promise.all([
    owedOnConfirmedOrders(db, customer.workspaceId, [customer.id], today),
    converterOn(db, customer.workspaceId, today),
  ]);
  const exposure = exposureIn(owed, currency, converter);
  const limit = toDec(creditLimit);
  return {
    ...base,
    creditLimit: formatMoney(limit, currency),
    currency,
    exposure: formatMoney(exposure.amount, currency),
    ...usage(exposure.amount, limit),
    unconverted: unconvertedOut(exposure.unconverted),
  };
}

export async function getCustomerCredit(
  db: DbOrTx,
  viewer: Viewer,
  customerId: string,
  now = new Date(),
): Promise<CustomerCredit> {
  return creditOf(db, await findCreditCustomer(db, viewer, customerId), now);
}

type InsuranceValues = Pick<
  InsuranceRow,
  "insurer" | "policyNumber" | "approvedLimit" | "currency" | "expiresOn"
>;
const insuranceKey = (value: InsuranceValues | null | undefined) =>
  value
    ? JSON.stringify([
        value.insurer,
        value.policyNumber,
        value.approvedLimit === null ? null : toDec(value.approvedLimit).toFixed(),
        value.currency,
        value.expiresOn,
      ])
    : null;

// Limit and insurance change in one transaction with one audit row naming what changed.
export async function updateCustomerCredit(
  db: Db,
  viewer: Viewer,
  customerId: string,
  input: UpdateCustomerCreditInput,
  now = new Date(),
): Promise<CustomerCredit> {
  const customer = await db.transaction(async (tx) => {
    const before = await findCreditCustomer(tx, viewer, customerId, true);
    const changes: Record<string, unknown> = {};
    let after = before;
    if (input.creditLimit !== undefined && input.currency !== undefined) {
      const from = { creditLimit: before.creditLimit, currency: before.creditLimitCurrency };
      const to = { creditLimit: input.creditLimit, currency: input.currency };
      const changed =
        (from.creditLimit === null) !== (to.creditLimit === null) ||
        from.currency !== to.currency ||
        (from.creditLimit !== null && to.creditLimit !== null && !toDec(from.creditLimit).eq(to.creditLimit));
      if (changed) {
        const [updated] = await tx
          .update(customers)
          .set({ creditLimit: to.creditLimit, creditLimitCurrency: to.currency, updatedAt: now })
          .where(and(eq(customers.workspaceId, viewer.workspaceId), eq(customers.id, customerId)))
          .returning();
        if (updated) after = updated;
        changes.creditLimit = { from, to };
      }
    }
    if (input.insurance !== undefined) {
      const current = await insuranceOf(tx, viewer.workspaceId, customerId);
      if (insuranceKey(current) !== insuranceKey(input.insurance)) {
        if (input.insurance === null) {
          await tx
            .delete(customerCreditInsurance)
            .where(
              and(
                eq(customerCreditInsurance.workspaceId, viewer.workspaceId),
                eq(customerCreditInsurance.customerId, customerId),
              ),
            );
        } else {
          const values = { ...input.insurance, updatedAt: now };
          await tx
            .insert(customerCreditInsurance)
            .values({ workspaceId: viewer.workspaceId, customerId, ...values })
            .onConflictDoUpdate({
              target: [customerCreditInsurance.workspaceId, customerCreditInsurance.customerId],
              set: values,
            });
        }
        changes.insurance = { from: insuranceOut(current), to: input.insurance };
      }
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, viewer, {
        action: "customer.credit_changed",
        entityType: "customer",
        entityId: customerId,
        changes,
      });
    }
    return after;
  });
  return creditOf(db, customer, now);
}

// ---- The check on confirmation and departure ---------------------------------------------------------

export type CreditEvaluation = { reasons: ApprovalReason[]; notes: string[] };

// Open terms: some of the price is paid only once the goods are on their way (at sight, after the B/L)
// and no letter of credit secures it. Prepayments (on confirmation, before shipment) are not open.
export function onOpenTerms(terms: PaymentTerm[]): boolean {
  return terms.some((term) => (term.due === "at_sight" || term.due === "after_bl") && term.method !== "LC");
}

type CheckedOrder = Pick<
  typeof orders.$inferSelect,
  "workspaceId" | "id" | "customerId" | "currency" | "total" | "paymentTerms"
>;

// Whether confirming an order, or departing one of its shipments, needs a manager:
// - confirmation adds the order's total to the customer's exposure; departure adds nothing (the order
//   counts from its confirmation) but is the last moment to hold the goods, so it is checked against
//   the exposure as it stands, this order's outstanding included. Either way the request is needed when
//   the exposure without the order plus the order's part is more than the limit: at the limit exactly
//   passes, one cent over does not.
// - shipping on open terms while the customer's credit insurance has expired needs one too.
// The customer row stays locked until the caller's transaction ends, so two orders checked at once are
// checked one after the other and cannot both slip under the limit.
export async function creditCheck(
  tx: DbOrTx,
  order: CheckedOrder,
  event: "confirmation" | "departure",
  now: Date,
): Promise<CreditEvaluation> {
  const [customer] = await tx
    .select({ creditLimit: customers.creditLimit, currency: customers.creditLimitCurrency })
    .from(customers)
    .where(and(eq(customers.workspaceId, order.workspaceId), eq(customers.id, order.customerId)))
    .for("update");
  const { timeZone } = await workspaceContext(tx, order.workspaceId);
  const today = todayIn(timeZone, now);
  const reasons: ApprovalReason[] = [];
  const notes: string[] = [];
  const owed = await owedOnConfirmedOrders(tx, order.workspaceId, [order.customerId], today);
  // Goods already paid for in full carry no credit risk when they leave.
  if (event === "departure" && !owed.some((item) => item.orderId === order.id)) return { reasons, notes };
  const insurance = await insuranceOf(tx, order.workspaceId, order.customerId);
  if (insurance?.expiresOn && insuranceExpired(insurance, today) && onOpenTerms(order.paymentTerms)) {
    reasons.push({
      kind: "credit_insurance",
      message: `${event === "departure" ? "Shipping" : "Selling"} on open terms while the credit insurance with ${insurance.insurer} expired on ${insurance.expiresOn}`,
      insurer: insurance.insurer,
      policyNumber: insurance.policyNumber,
      expiresOn: insurance.expiresOn,
    });
  }
  if (!customer?.creditLimit || !customer.currency) return { reasons, notes };
  const currency = customer.currency;
  const converter = await converterOn(tx, order.workspaceId, today);
  const others = exposureIn(
    owed.filter((item) => item.orderId !== order.id),
    currency,
    converter,
  );
  const ownAmount =
    event === "confirmation"
      ? exposureIn([{ ...order, orderId: order.id, outstanding: toDec(order.total) }], currency, converter)
      : exposureIn(
          owed.filter((item) => item.orderId === order.id),
          currency,
          converter,
        );
  if (ownAmount.unconverted.length > 0) {
    notes.push(
      `Credit limit not checked: no ${order.currency} to ${currency} rate on ${today} to compare this order with the limit`,
    );
    return { reasons, notes };
  }
  for (const item of others.unconverted) {
    notes.push(
      `${formatMoney(item.outstanding, item.currency)} ${item.currency} owed on other orders is not counted against the credit limit: no ${item.currency} to ${currency} rate on ${today}`,
    );
  }
  const limit = toDec(customer.creditLimit);
  if (others.amount.plus(ownAmount.amount).lte(limit)) return { reasons, notes };
  const money = (value: Dec) => formatMoney(value, currency);
  const converted =
    order.currency === currency ? "" : ` (converted from ${order.currency} at ${today}'s rate)`;
  reasons.push({
    kind: "credit",
    message: `Open orders ${money(others.amount)} + this order ${money(ownAmount.amount)}${converted} exceed the credit limit of ${money(limit)} ${currency}`,
    creditLimit: money(limit),
    currency,
    openAmount: money(others.amount),
    orderTotal: money(ownAmount.amount),
  });
  return { reasons, notes };
}
