import { describe, expect, it } from "vitest";
import { formatMoney, formatPrice } from "../../lib/money";
import { formatNumber, periodOf } from "../numbering/numbering.service";
import {
  cartonsOf,
  containerEstimate,
  discountOffList,
  documentTotals,
  lineAmounts,
  type PricingProduct,
  paymentSchedule,
  priceLine,
  referencePrice,
} from "./pricing";

// Every expected figure below is worked out by hand in the comment beside it.

const packing = (unitsPerCarton: number, l: string, w: string, h: string, gross: string) => ({
  unitsPerCarton,
  cartonLengthCm: l,
  cartonWidthCm: w,
  cartonHeightCm: h,
  grossWeightKg: gross,
  netWeightKg: gross,
  cbmPerCarton: "0",
});

const product = (overrides: Partial<PricingProduct> = {}): PricingProduct => ({
  sku: "MUG-500",
  name: "Stainless steel mug 500 ml",
  nameZh: "不锈钢保温杯 500ml",
  unit: "pcs",
  listPrices: [{ currency: "USD", amount: "2.50" }],
  priceTiers: [],
  costPrice: "12.00",
  packing: packing(50, "60", "40", "50", "20"),
  hsCode: "7323930000",
  ...overrides,
});

describe("line and document totals", () => {
  it("applies the line discount and rounds each line to the currency (USD, 2 digits)", () => {
    // 1000 × 2.35 = 2350.00; less 5% = 2232.50
    const first = lineAmounts("1000", "2.35", 5, "USD");
    expect(formatMoney(first.gross, "USD")).toBe("2350.00");
    expect(formatMoney(first.lineTotal, "USD")).toBe("2232.50");
    // 3 × 19.999 = 59.997 → 60.00, no discount
    const second = lineAmounts("3", "19.999", 0, "USD");
    expect(formatMoney(second.lineTotal, "USD")).toBe("60.00");
    // Subtotal 2350.00 + 60.00 = 2410.00; discount 117.50; total 2292.50
    const totals = documentTotals([first, second]);
    expect(formatMoney(totals.subtotal, "USD")).toBe("2410.00");
    expect(formatMoney(totals.discountTotal, "USD")).toBe("117.50");
    expect(formatMoney(totals.total, "USD")).toBe("2292.50");
  });

  it("rounds half up at the currency's digits: JPY 0, KWD 3", () => {
    // 7 × 333 = 2331; less 2.5% = 2272.725 → 2273 yen
    expect(formatMoney(lineAmounts("7", "333", 2.5, "JPY").lineTotal, "JPY")).toBe("2273");
    // 3 × 1.2345 = 3.7035 → 3.704 dinars
    expect(formatMoney(lineAmounts("3", "1.2345", 0, "KWD").lineTotal, "KWD")).toBe("3.704");
    // 1 × 0.125 = 0.125 → 0.13 dollars (half up, not to even)
    expect(formatMoney(lineAmounts("1", "0.125", 0, "USD").lineTotal, "USD")).toBe("0.13");
    // Quantities with decimals: 12.5 kg × 3.10 = 38.75
    expect(formatMoney(lineAmounts("12.5", "3.10", 0, "EUR").lineTotal, "EUR")).toBe("38.75");
  });

  it("keeps a unit price's extra precision while showing at least the currency digits", () => {
    expect(formatPrice("2.5000", "USD")).toBe("2.50");
    expect(formatPrice("0.0125", "USD")).toBe("0.0125");
    expect(formatPrice("333.0000", "JPY")).toBe("333");
    expect(formatPrice("1.5", "KWD")).toBe("1.500");
  });
});

describe("discount off list price", () => {
  it("compares the net unit price with the list price", () => {
    // net 2.35 × 0.95 = 2.2325; (2.50 − 2.2325) / 2.50 = 10.70%
    const line = priceLine(
      { productId: "p", quantity: "1000", unitPrice: "2.35", discountPercent: 5 },
      product(),
      "USD",
    );
    expect(line.listPrice?.toFixed(2)).toBe("2.50");
    expect(discountOffList(line)?.toNumber()).toBe(10.7);
    // Priced above list: negative, never a trigger
    const above = priceLine({ productId: "p", quantity: "1", unitPrice: "2.75" }, product(), "USD");
    expect(discountOffList(above)?.toNumber()).toBe(-10);
  });

  it("uses the quantity-tier price the line reaches, and nothing in a currency without a price", () => {
    const tiered = product({
      priceTiers: [
        { minQuantity: "1000", currency: "USD", amount: "2.30" },
        { minQuantity: "5000", currency: "USD", amount: "2.10" },
      ],
    });
    expect(referencePrice(tiered, "USD", "999")?.toFixed(2)).toBe("2.50");
    expect(referencePrice(tiered, "USD", "1000")?.toFixed(2)).toBe("2.30");
    expect(referencePrice(tiered, "USD", "6000")?.toFixed(2)).toBe("2.10");
    expect(referencePrice(tiered, "EUR", "6000")).toBeNull();
    const freeText = priceLine({ description: "Tooling", quantity: "1", unitPrice: "500" }, undefined, "USD");
    expect(discountOffList(freeText)).toBeNull();
  });
});

describe("container estimate", () => {
  it("counts full cartons and their volume and weight per line", () => {
    // 1001 pcs at 50 a carton = 21 cartons; 0.60 × 0.40 × 0.50 = 0.12 m³ → 2.52 m³; 21 × 20 kg = 420 kg
    const packed = cartonsOf("1001", packing(50, "60", "40", "50", "20"));
    expect(packed.cartons).toBe(21);
    expect(packed.cbm.toFixed()).toBe("2.52");
    expect(packed.grossWeightKg.toFixed()).toBe("420");
  });

  it("fills containers by volume when the goods are light", () => {
    const lines = [
      // 21 cartons, 2.52 m³, 420 kg
      { quantity: "1001", packing: packing(50, "60", "40", "50", "20") },
      // 500 / 10 = 50 cartons of 1.00 × 0.80 × 0.60 = 0.48 m³ → 24 m³; 50 × 35 = 1750 kg
      { quantity: "500", packing: packing(10, "100", "80", "60", "35") },
      { quantity: "1", packing: null },
    ].map((line) =>
      priceLine(
        { description: "x", quantity: line.quantity, unitPrice: "1" },
        line.packing ? product({ packing: line.packing }) : undefined,
        "USD",
      ),
    );
    // 26.52 m³ and 2170 kg: 26.52 / 28 = 0.947; / 58 = 0.457; / 68 = 0.390 (weight 2170 / 21700 = 0.1)
    expect(containerEstimate(lines)).toEqual({
      cartons: 71,
      cbm: "26.52",
      grossWeightKg: "2170",
      fills: { "20GP": 0.947, "40GP": 0.457, "40HQ": 0.39 },
      linesWithoutPacking: 1,
    });
  });

  it("fills containers by weight when the goods are heavy", () => {
    // 50 cartons of 0.5 m side (0.125 m³) at 500 kg: 6.25 m³, 25,000 kg.
    // 20GP: 25000 / 21700 = 1.152 (over one container); 40GP and 40HQ: 25000 / 26500 = 0.943
    const steel = priceLine(
      { productId: "p", quantity: "50", unitPrice: "900" },
      product({ packing: packing(1, "50", "50", "50", "500") }),
      "USD",
    );
    expect(containerEstimate([steel])).toMatchObject({
      cartons: 50,
      cbm: "6.25",
      grossWeightKg: "25000",
      fills: { "20GP": 1.152, "40GP": 0.943, "40HQ": 0.943 },
    });
  });
});

describe("payment schedule", () => {
  it("splits the total by the terms and gives the rounding rest to the last instalment", () => {
    // 30% of 2292.50 = 687.75; the balance 1604.75
    const deposit = paymentSchedule(
      [
        { method: "TT", percent: 30, due: "on_confirmation" },
        { method: "TT", percent: 70, due: "before_shipment" },
      ],
      "2292.50",
      "USD",
    );
    expect(deposit.map((i) => [i.sequence, i.amount.toFixed(2)])).toEqual([
      [1, "687.75"],
      [2, "1604.75"],
    ]);
    const thirds = [
      { method: "TT" as const, percent: 33.33, due: "on_confirmation" as const },
      { method: "TT" as const, percent: 33.33, due: "before_shipment" as const },
      { method: "OA" as const, percent: 33.34, due: "after_bl" as const, days: 60 },
    ];
    expect(paymentSchedule(thirds, "100.00", "USD").map((i) => i.amount.toFixed(2))).toEqual([
      "33.33",
      "33.33",
      "33.34",
    ]);
    // 333.3 → 333 yen twice, the last takes 334
    expect(paymentSchedule(thirds, "1000", "JPY").map((i) => i.amount.toFixed())).toEqual([
      "333",
      "333",
      "334",
    ]);
    expect(paymentSchedule(thirds, "1000", "JPY")[2]).toMatchObject({
      method: "OA",
      due: "after_bl",
      days: 60,
    });
  });
});

describe("number patterns", () => {
  const parts = { year: "2026", month: "03" };
  it("formats the tokens and pads the counter", () => {
    expect(formatNumber("QT-{YYYY}-{####}", parts, 42)).toBe("QT-2026-0042");
    expect(formatNumber("PI{YY}{MM}-{###}", parts, 7)).toBe("PI2603-007");
    expect(formatNumber("Q-{##}", parts, 12345)).toBe("Q-12345");
  });
  it("restarts the counter each period the pattern names", () => {
    expect(periodOf("QT-{YYYY}-{####}", parts)).toBe("2026");
    expect(periodOf("PI{YY}{MM}-{###}", parts)).toBe("2026-03");
    expect(periodOf("Q-{####}", parts)).toBe("");
  });
});
