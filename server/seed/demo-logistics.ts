import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { OrderStatus } from "../../shared/schemas/orders";
import type { ShipmentStatus } from "../../shared/schemas/shipments";
import type { Db } from "../src/db/client";
import { Dec, toDec } from "../src/lib/money";
import { actorFromUser } from "../src/modules/auth/auth.service";
import { updateCustomerCredit } from "../src/modules/credit/credit.service";
import { loadViewer, type Viewer } from "../src/modules/customers/customers.policy";
import { importRates } from "../src/modules/fx/fx.service";
import { fxRates } from "../src/modules/fx/fx.table";
import { orderLines, orders } from "../src/modules/orders/orders.table";
import { createPayment, listReceivables } from "../src/modules/receivables/receivables.service";
import {
  changeShipmentStatus,
  createShipment,
  shippedQuantities,
  updateShipment,
} from "../src/modules/shipments/shipments.service";
import { shipments } from "../src/modules/shipments/shipments.table";
import { users } from "../src/modules/users/users.table";
import { type Rng, seededRng } from "./company-generator";

const DAY_MS = 24 * 3600 * 1000;
const dateOf = (at: Date) => at.toISOString().slice(0, 10);
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

async function viewerWithRole(db: Db, workspaceId: string, role: "logistics" | "finance" | "admin") {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, role), eq(users.active, true)))
    .orderBy(asc(users.createdAt))
    .limit(1);
  return user ? loadViewer(db, actorFromUser(user, "session")) : undefined;
}

// ECB reference rates (EUR base) for the last four months of working days, as the bank publishes
// them: the file goes through the same import finance uses, and CNY reports convert across EUR.
const START_RATES: Record<string, number> = {
  USD: 1.085,
  JPY: 162.4,
  GBP: 0.853,
  CNY: 7.78,
  AUD: 1.652,
  CAD: 1.478,
  CHF: 0.951,
};

export function demoEcbFile(now: Date, days = 120, rng: Rng = seededRng(20_261_001)): string {
  const codes = Object.keys(START_RATES);
  const level = { ...START_RATES };
  const rows: string[] = [];
  for (let back = days; back >= 1; back--) {
    const day = daysBefore(now, back);
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    // A small random walk, so gains and losses between order date and today are not all zero.
    const values = codes.map((code) => {
      const next = (level[code] as number) * (1 + (rng() - 0.5) * 0.008);
      level[code] = next;
      return next.toFixed(code === "JPY" ? 2 : 4);
    });
    rows.unshift([dateOf(day), ...values].join(", "));
  }
  return [`Date, ${codes.join(", ")}, `, ...rows.map((row) => `${row}, `)].join("\n");
}

// Rates come first: orders confirmed afterwards find the rate of their date.
export async function seedDemoRates(db: Db, workspaceId: string, now = new Date()): Promise<number> {
  const [existing] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(fxRates)
    .where(eq(fxRates.workspaceId, workspaceId));
  if ((existing?.count ?? 0) > 0) return 0;
  const finance =
    (await viewerWithRole(db, workspaceId, "finance")) ?? (await viewerWithRole(db, workspaceId, "admin"));
  if (!finance) return 0;
  const result = await importRates(db, finance, demoEcbFile(now), "EUR");
  return result.dates;
}

const ROUTES = [
  {
    portOfLoading: "Ningbo",
    portOfDischarge: "Hamburg",
    vessel: "MSC Aurora",
    forwarder: "Kuehne + Nagel Ningbo",
  },
  {
    portOfLoading: "Shanghai",
    portOfDischarge: "Los Angeles",
    vessel: "COSCO Pride",
    forwarder: "Sinotrans",
  },
  {
    portOfLoading: "Ningbo",
    portOfDischarge: "Rotterdam",
    vessel: "Maersk Essen",
    forwarder: "DHL Global Forwarding",
  },
];

// Plans a shipment of the given share of an order and walks it to `target`. `daysAgo` is the
// departure day (negative: still ahead); departure records a B/L, which starts the B/L-dated terms.
export async function shipDemoOrder(
  db: Db,
  logistics: Viewer,
  orderId: string,
  options: { share: "part" | "rest"; target: ShipmentStatus; daysAgo: number; now: Date; sequence: number },
): Promise<string | undefined> {
  const { now, daysAgo, sequence } = options;
  const workspaceId = logistics.workspaceId;
  const lines = await db
    .select({ id: orderLines.id, quantity: orderLines.quantity })
    .from(orderLines)
    .where(and(eq(orderLines.workspaceId, workspaceId), eq(orderLines.orderId, orderId)))
    .orderBy(asc(orderLines.position));
  const taken = await shippedQuantities(db, workspaceId, orderId, false);
  const left = lines
    .map((line) => ({
      orderLineId: line.id,
      quantity: toDec(line.quantity).minus(taken.get(line.id) ?? 0),
    }))
    .filter((line) => line.quantity.gt(0));
  // A part shipment takes the first line alone, or half of it when the order has one line.
  const chosen =
    options.share === "rest"
      ? left
      : left.length > 1
        ? left.slice(0, 1)
        : left.map((line) => ({ ...line, quantity: line.quantity.div(2).floor() }));
  if (chosen.length === 0 || chosen.some((line) => line.quantity.lte(0))) return undefined;
  const route = ROUTES[sequence % ROUTES.length] as (typeof ROUTES)[number];
  const etd = dateOf(daysBefore(now, daysAgo));
  // Steps before departure happen in the past even when the departure is still ahead.
  const ago = (offset: number, floor: number) => daysBefore(now, Math.max(daysAgo + offset, floor));
  const shipment = await createShipment(
    db,
    logistics,
    orderId,
    {
      mode: "sea_fcl",
      lines: chosen.map((line) => ({ orderLineId: line.orderLineId, quantity: line.quantity.toFixed() })),
      ...route,
      etd,
      eta: dateOf(daysBefore(now, daysAgo - 28)),
      containerType: sequence % 2 === 0 ? "40HQ" : "20GP",
    },
    ago(10, 6),
  );
  const steps: { status: ShipmentStatus; at: Date }[] = [
    { status: "booked", at: ago(7, 4) },
    { status: "loaded", at: ago(1, 1) },
    { status: "departed", at: daysBefore(now, daysAgo) },
    { status: "arrived", at: daysBefore(now, daysAgo - 28) },
    { status: "delivered", at: daysBefore(now, daysAgo - 33) },
  ];
  for (const step of steps) {
    if (step.at > now || options.target === "planned") break;
    if (step.status === "loaded") {
      // The container and seal numbers are known once the box is stuffed at the factory.
      await updateShipment(
        db,
        logistics,
        shipment.id,
        {
          containerNumber: `${["MSCU", "CSNU", "MRKU"][sequence % 3]}${4_100_000 + sequence * 7919}`.slice(
            0,
            11,
          ),
          sealNumber: `SL${800_000 + sequence * 131}`,
          bookingNumber: `BK${etd.replaceAll("-", "")}${sequence}`,
        },
        step.at,
      );
    }
    const departure =
      step.status === "departed" ? { blNumber: `NGB${etd.replaceAll("-", "")}${sequence}`, blDate: etd } : {};
    await changeShipmentStatus(
      db,
      logistics,
      shipment.id,
      { status: step.status, at: step.at.toISOString(), ...departure },
      step.at,
    );
    if (step.status === options.target) break;
  }
  return shipment.id;
}

// Shipments not yet gone for orders still in production or ready, one of them cancelled and
// re-planned; deposits and balances paid on most orders, some left overdue, one paid with bank
// charges deducted and one overpaid; and one customer pushed over a small credit limit.
export async function seedDemoLogistics(
  db: Db,
  workspaceId: string,
  now = new Date(),
): Promise<{ shipments: number; payments: number }> {
  const none = { shipments: 0, payments: 0 };
  const logistics = await viewerWithRole(db, workspaceId, "logistics");
  const finance = await viewerWithRole(db, workspaceId, "finance");
  const admin = await viewerWithRole(db, workspaceId, "admin");
  if (!logistics || !finance || !admin) return none;
  const open = await db
    .select({
      id: orders.id,
      status: orders.status,
      customerId: orders.customerId,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(
      and(
        eq(orders.workspaceId, workspaceId),
        inArray(orders.status, ["confirmed", "in_production", "ready_to_ship"] satisfies OrderStatus[]),
      ),
    )
    .orderBy(asc(orders.createdAt));
  const [anyShipment] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(shipments)
    .where(
      and(eq(shipments.workspaceId, workspaceId), inArray(shipments.status, ["planned", "booked", "loaded"])),
    );
  if ((anyShipment?.count ?? 0) > 0) return none;

  let planned = 0;
  const target: Partial<Record<OrderStatus, ShipmentStatus>> = {
    confirmed: "planned",
    in_production: "booked",
    ready_to_ship: "loaded",
  };
  for (const [index, order] of open.entries()) {
    const status = target[order.status];
    if (!status) continue;
    if (index === 0) {
      // The forwarder could not make the cut-off: cancelled and planned again.
      const first = await shipDemoOrder(db, logistics, order.id, {
        share: "rest",
        target: "planned",
        daysAgo: -10,
        now,
        sequence: 100 + index,
      });
      if (first) {
        await changeShipmentStatus(db, logistics, first, { status: "cancelled" }, daysBefore(now, 3));
        planned++;
      }
    }
    await shipDemoOrder(db, logistics, order.id, {
      share: "rest",
      target: status,
      daysAgo: -(4 + index * 3),
      now,
      sequence: 200 + index,
    });
    planned++;
  }
  const payments = await seedDemoPayments(db, finance, now);
  await pushOneCustomerOverLimit(db, admin, finance, now);
  return { shipments: planned, payments };
}

async function seedDemoPayments(db: Db, finance: Viewer, now: Date): Promise<number> {
  const { items } = await listReceivables(db, finance, {}, now);
  const today = dateOf(now);
  const due = items.filter(
    (item) => item.dueDate !== null && item.dueDate <= today && item.status !== "paid",
  );
  let count = 0;
  for (const [index, receivable] of due.entries()) {
    // Every fourth instalment stays unpaid: those are the overdue ones finance chases.
    if (index % 4 === 1) continue;
    const dueDate = receivable.dueDate as string;
    // Paid two days after falling due, or today for what fell due since yesterday.
    const paidOn = dateOf(new Date(Math.min(Date.parse(`${dueDate}T00:00:00Z`) + 2 * DAY_MS, now.getTime())));
    const outstanding = toDec(receivable.outstanding);
    // One buyer's bank deducted 25.00 of charges; another rounded up and paid 100.00 too much.
    const charges = index === 0 ? new Dec(25) : new Dec(0);
    const extra = index === 2 ? new Dec(100) : new Dec(0);
    await createPayment(
      db,
      finance,
      {
        customerId: receivable.customerId,
        amount: outstanding.plus(extra).toFixed(2),
        currency: receivable.currency,
        receivedAt: paidOn,
        bankReference: `TT${paidOn.replaceAll("-", "")}${String(index).padStart(3, "0")}`,
        ...(charges.gt(0) ? { bankCharges: charges.toFixed(2) } : {}),
        allocations: [{ receivableId: receivable.id, amount: outstanding.toFixed(2) }],
      },
      now,
    );
    count++;
  }
  return count;
}

// The buyer with the most still owed gets a limit below it, insured with Sinosure: the credit page
// shows it over 100%. The next one's policy has lapsed, which holds its open-terms departures.
async function pushOneCustomerOverLimit(db: Db, admin: Viewer, finance: Viewer, now: Date) {
  const { items } = await listReceivables(db, finance, {}, now);
  const owed = new Map<string, Dec>();
  for (const item of items) {
    if (item.currency !== "USD" || item.status === "paid") continue;
    owed.set(item.customerId, (owed.get(item.customerId) ?? new Dec(0)).plus(item.outstanding));
  }
  const [top, next] = [...owed.entries()].sort((a, b) => b[1].comparedTo(a[1]));
  if (!top) return;
  const limit = Dec.max(top[1].times(0.8).div(100).floor().times(100), top[1].div(2).toDecimalPlaces(2));
  const policy = (number: string, days: number) => ({
    insurer: "Sinosure 中国信保",
    policyNumber: number,
    approvedLimit: limit.toFixed(2),
    currency: "USD",
    expiresOn: dateOf(new Date(now.getTime() + days * DAY_MS)),
  });
  await updateCustomerCredit(
    db,
    admin,
    top[0],
    { creditLimit: limit.toFixed(2), currency: "USD", insurance: policy("SCH-2026-031877", 200) },
    now,
  );
  if (next) {
    await updateCustomerCredit(
      db,
      admin,
      next[0],
      { creditLimit: "80000.00", currency: "USD", insurance: policy("SCH-2025-017342", -12) },
      now,
    );
  }
}
