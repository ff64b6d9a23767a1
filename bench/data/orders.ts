import { pick, type Rng, seededRng } from "../../server/seed/company-generator";
import { Batch, type Column } from "./bulk";
import { seededUuid } from "./companies";

// Orders and their lines for the sales dashboard: about 10 lines per 2 customers over the last three
// years, mostly confirmed and carried through to completion, some cancelled, a few still in draft or
// waiting for approval; in USD, EUR, GBP and JPY with the rate to CNY stored at confirmation (and a
// few confirmed on a day without a rate, as the API allows).

const DAY_MS = 24 * 3600 * 1000;
// The bench workspace is in Asia/Shanghai, which keeps UTC+8 all year: its calendar date without a
// time-zone formatter per order.
const WORKSPACE_OFFSET_MS = 8 * 3600 * 1000;
const NO_RATE_SHARE = 0.01;

type Currency = { code: string; share: number; toCny: number; digits: number };
const CURRENCIES: Currency[] = [
  { code: "USD", share: 0.6, toCny: 7.1, digits: 2 },
  { code: "EUR", share: 0.25, toCny: 7.8, digits: 2 },
  { code: "GBP", share: 0.08, toCny: 9.1, digits: 2 },
  { code: "JPY", share: 0.07, toCny: 0.048, digits: 0 },
];

const PRODUCTS = [
  ["MUG-500", "Stainless steel vacuum mug 500 ml", "9617.00"],
  ["LAMP-01", "LED desk lamp", "9405.21"],
  ["TOWEL-70", "Cotton bath towel 70x140 cm", "6302.60"],
  ["BOARD-38", "Bamboo cutting board 38 cm", "4419.90"],
  ["BAG-NW", "Non-woven shopping bag", "4202.92"],
  ["PAN-28", "Non-stick frying pan 28 cm", "7323.93"],
] as const;

const PAYMENT_TERMS = [
  { method: "TT", percent: 30, due: "on_confirmation" },
  { method: "TT", percent: 70, due: "before_shipment" },
];
const CONTAINER_ESTIMATE = {
  cartons: 0,
  cbm: "0",
  grossWeightKg: "0",
  fills: { "20GP": 0, "40GP": 0, "40HQ": 0 },
  linesWithoutPacking: 0,
};

const ORDER_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["number", "text"],
  ["customer_id", "uuid"],
  ["owner_id", "uuid"],
  ["created_by", "uuid"],
  ["currency", "text"],
  ["incoterm", "text"],
  ["named_place", "text"],
  ["payment_terms", "jsonb"],
  ["subtotal", "numeric"],
  ["discount_total", "numeric"],
  ["total", "numeric"],
  ["container_estimate", "jsonb"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
  ["status", "text"],
  ["submitted_at", "timestamptz"],
  ["confirmed_at", "timestamptz"],
  ["cancelled_at", "timestamptz"],
  ["cancel_reason", "text"],
  ["fx_rate", "numeric"],
  ["fx_rate_date", "date"],
  ["fx_rate_currency", "text"],
];
const LINE_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["order_id", "uuid"],
  ["position", "integer"],
  ["sku", "text"],
  ["description", "text"],
  ["hs_code", "text"],
  ["quantity", "numeric"],
  ["unit", "text"],
  ["unit_price", "numeric"],
  ["line_total", "numeric"],
];
export const ORDER_TABLES = ["orders", "order_lines"];

// An amount of minor units (cents, or yen) as a decimal string, without floating-point rounding.
function decimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function pickCurrency(rng: Rng): Currency {
  let roll = rng();
  for (const currency of CURRENCIES) {
    roll -= currency.share;
    if (roll < 0) return currency;
  }
  return CURRENCIES[0] as Currency;
}

// Older orders have travelled further through the flow.
function statusOf(rng: Rng, ageDays: number): string {
  const roll = rng();
  if (roll < 0.06) return "cancelled";
  if (roll < 0.08 && ageDays < 30) return rng() < 0.5 ? "draft" : "pending_approval";
  if (ageDays > 120) return "completed";
  if (ageDays > 60) return pick(rng, ["shipped", "completed"]);
  if (ageDays > 20) return pick(rng, ["in_production", "ready_to_ship", "partially_shipped"]);
  return "confirmed";
}

export class OrderGenerator {
  readonly orders: Batch;
  readonly lines: Batch;
  counts = { orders: 0, lines: 0 };
  private readonly rng: Rng;
  private readonly idRng: Rng;

  constructor(
    workspaceId: string,
    seed: number,
    private readonly now: number,
    flushAt: number,
  ) {
    this.rng = seededRng(seed);
    this.idRng = seededRng(seed + 1);
    this.orders = new Batch("orders", workspaceId, ORDER_COLUMNS, flushAt);
    this.lines = new Batch("order_lines", workspaceId, LINE_COLUMNS, flushAt * 5);
  }

  // One or two orders (1.8 on average) of one to six lines (3.5) for an owned customer, placed after
  // it was created: with a fifth of the customers in the pool and without orders, about 10 lines per
  // 2 customers.
  addFor(customer: { id: string; ownerId: string; createdAt: number }): void {
    const rng = this.rng;
    const count = rng() < 0.8 ? 2 : 1;
    for (let o = 0; o < count; o++) {
      const placedAt = customer.createdAt + rng() * (this.now - DAY_MS - customer.createdAt);
      const ageDays = (this.now - placedAt) / DAY_MS;
      const status = statusOf(rng, ageDays);
      const confirmed =
        status !== "draft" && status !== "pending_approval" && !(status === "cancelled" && rng() < 0.5);
      const confirmedAt = confirmed ? Math.min(placedAt + rng() * 2 * DAY_MS, this.now) : null;
      const currency = pickCurrency(rng);
      const orderId = seededUuid(this.idRng);
      const lineCount = 1 + Math.floor(rng() * 6);
      let totalMinor = 0;
      for (let position = 1; position <= lineCount; position++) {
        const [sku, description, hsCode] = pick(rng, PRODUCTS);
        const quantity = 100 * (1 + Math.floor(rng() * 50));
        // 0.50 to 25.00 a piece, or 50 to 2,500 yen.
        const unitMinor = 50 + Math.floor(rng() * 2450);
        const lineMinor = unitMinor * quantity;
        totalMinor += lineMinor;
        this.lines.add([
          seededUuid(this.idRng),
          orderId,
          position,
          sku,
          description,
          hsCode,
          String(quantity),
          "pcs",
          decimal(unitMinor, currency.digits),
          decimal(lineMinor, currency.digits),
        ]);
      }
      const total = decimal(totalMinor, currency.digits);
      const rate =
        confirmedAt === null || rng() < NO_RATE_SHARE
          ? null
          : (currency.toCny * (0.95 + rng() * 0.1)).toFixed(currency.digits === 0 ? 6 : 4);
      const lastChange = status === "cancelled" ? (confirmedAt ?? placedAt) + rng() * 10 * DAY_MS : placedAt;
      this.orders.add([
        orderId,
        `PI-B${String(this.counts.orders + 1).padStart(8, "0")}`,
        customer.id,
        customer.ownerId,
        customer.ownerId,
        currency.code,
        "FOB",
        "Ningbo",
        PAYMENT_TERMS,
        total,
        "0",
        total,
        CONTAINER_ESTIMATE,
        new Date(placedAt),
        new Date(Math.min(lastChange, this.now)),
        status,
        status === "draft" ? null : new Date(placedAt),
        confirmedAt === null ? null : new Date(confirmedAt),
        status === "cancelled" ? new Date(Math.min(lastChange, this.now)) : null,
        status === "cancelled" ? "Buyer withdrew" : null,
        rate,
        confirmedAt === null ? null : new Date(confirmedAt + WORKSPACE_OFFSET_MS).toISOString().slice(0, 10),
        confirmedAt === null ? null : "CNY",
      ]);
      this.counts.orders += 1;
      this.counts.lines += lineCount;
    }
  }
}
