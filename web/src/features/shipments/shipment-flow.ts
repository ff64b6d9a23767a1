import Decimal from "decimal.js";
import type { OrderStatus } from "../../../../shared/schemas/orders";
import type { Shipment, ShipmentStatus } from "../../../../shared/schemas/shipments";

// The road a shipment travels, as the API enforces it: forward only, cancelled only before departure.
export const SHIPMENT_FLOW = [
  "planned",
  "booked",
  "loaded",
  "departed",
  "arrived",
  "delivered",
] as const satisfies readonly ShipmentStatus[];

const stepOf = (status: ShipmentStatus) => SHIPMENT_FLOW.indexOf(status as (typeof SHIPMENT_FLOW)[number]);
const DEPARTED = stepOf("departed");

// What logistics may move a shipment to from where it is: the next step, and cancelling while the goods
// are still at home. The API would also accept skipping steps; the buttons keep to one at a time so each
// date (loading, departure, arrival) gets recorded.
export function nextStatuses(status: ShipmentStatus): ShipmentStatus[] {
  if (status === "cancelled" || status === "delivered") return [];
  const step = stepOf(status);
  const next = SHIPMENT_FLOW[step + 1];
  return [...(next ? [next] : []), ...(step < DEPARTED ? (["cancelled"] as const) : [])];
}

export function hasDeparted(status: ShipmentStatus): boolean {
  return status !== "cancelled" && stepOf(status) >= DEPARTED;
}

// Orders from which goods may still ship (partial early lots included), as the API accepts them.
export const SHIPPABLE_ORDER_STATUSES: readonly OrderStatus[] = [
  "confirmed",
  "in_production",
  "ready_to_ship",
  "partially_shipped",
];

type OrderLineQuantity = { id: string; quantity: string };

// Quantity of each order line not yet in a shipment; cancelled shipments give theirs back.
export function remainingQuantities(
  lines: readonly OrderLineQuantity[],
  shipments: readonly Pick<Shipment, "status" | "lines">[],
): Map<string, string> {
  const planned = new Map<string, Decimal>();
  for (const shipment of shipments) {
    if (shipment.status === "cancelled") continue;
    for (const line of shipment.lines) {
      planned.set(line.orderLineId, (planned.get(line.orderLineId) ?? new Decimal(0)).plus(line.quantity));
    }
  }
  return new Map(
    lines.map((line) => {
      const left = new Decimal(line.quantity).minus(planned.get(line.id) ?? 0);
      return [line.id, Decimal.max(left, 0).toFixed()];
    }),
  );
}

// Why a typed quantity cannot ship, or undefined when it can.
export function quantityProblem(value: string, remaining: string): "positive" | "tooMuch" | undefined {
  let quantity: Decimal;
  try {
    quantity = new Decimal(value);
  } catch {
    return "positive";
  }
  if (!quantity.isFinite() || quantity.lte(0)) return "positive";
  return quantity.gt(remaining) ? "tooMuch" : undefined;
}

export type LogisticsBuckets = {
  departingThisWeek: Shipment[];
  inTransit: Shipment[];
  arrivingSoon: Shipment[];
};

// The logistics home's three piles, by calendar dates (YYYY-MM-DD) in the viewer's time zone:
// not yet departed with an ETD in this week (or overdue), departed and not arrived, and in transit
// with an ETA within `soonDays` of today (or already past).
export function logisticsBuckets(
  shipments: readonly Shipment[],
  today: string,
  weekEnd: string,
  soonDays: number,
): LogisticsBuckets {
  const soon = addDays(today, soonDays);
  const byDate = (key: "etd" | "eta") => (a: Shipment, b: Shipment) =>
    (a[key] ?? "9999").localeCompare(b[key] ?? "9999");
  const pending = shipments.filter((s) => s.status !== "cancelled" && !hasDeparted(s.status));
  const inTransit = shipments.filter((s) => s.status === "departed");
  return {
    departingThisWeek: pending.filter((s) => s.etd !== null && s.etd <= weekEnd).sort(byDate("etd")),
    inTransit: [...inTransit].sort(byDate("eta")),
    arrivingSoon: inTransit.filter((s) => s.eta !== null && s.eta <= soon).sort(byDate("eta")),
  };
}

function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}
