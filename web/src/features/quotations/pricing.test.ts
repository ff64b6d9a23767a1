import { describe, expect, it } from "vitest";
import { formatMoney, toDec } from "../../../../server/src/lib/money";
import {
  containerEstimate,
  documentTotals,
  lineAmounts,
  referencePrice as serverReferencePrice,
} from "../../../../server/src/modules/quotations/pricing";
import type { Packing } from "../../../../shared/schemas/products";
import { type DraftLine, percentSum, previewDocument } from "./pricing";

// The live preview must show what the server will compute once the document is saved: every case is
// priced by both and compared, so a change to the server's rules that the editor misses fails here.

const packing = (unitsPerCarton: number, sides: [string, string, string], grossKg: string): Packing => ({
  unitsPerCarton,
  cartonLengthCm: sides[0],
  cartonWidthCm: sides[1],
  cartonHeightCm: sides[2],
  grossWeightKg: grossKg,
  netWeightKg: grossKg,
  cbmPerCarton: "0",
});

const mug = {
  listPrices: [{ currency: "USD", amount: "2.50" }],
  priceTiers: [{ minQuantity: "5000", currency: "USD", amount: "2.20" }],
  packing: packing(50, ["60", "40", "50"], "20"),
};
const lamp = {
  listPrices: [
    { currency: "USD", amount: "19.999" },
    { currency: "JPY", amount: "333" },
  ],
  priceTiers: [],
  packing: packing(8, ["55.5", "42", "38.2"], "13.25"),
};

type Case = { currency: string; lines: (DraftLine & { quantity: string; unitPrice: string })[] };

const cases: Case[] = [
  {
    currency: "USD",
    lines: [
      { quantity: "1000", unitPrice: "2.35", discountPercent: 5, product: mug },
      { quantity: "3", unitPrice: "19.999", product: lamp },
      { quantity: "12", unitPrice: "4.10", discountPercent: 12.5 },
    ],
  },
  {
    currency: "JPY",
    lines: [{ quantity: "7", unitPrice: "333", discountPercent: 2.5, product: lamp }],
  },
  {
    currency: "KWD",
    lines: [
      { quantity: "3", unitPrice: "1.2345" },
      { quantity: "1001", unitPrice: "0.0125", discountPercent: 33.33 },
    ],
  },
  {
    currency: "USD",
    lines: [{ quantity: "6000", unitPrice: "2.00", product: mug }],
  },
];

describe("live pricing preview", () => {
  it.each(cases)("agrees with the server's totals in $currency", ({ currency, lines }) => {
    const preview = previewDocument(lines, currency);
    const server = lines.map((line) =>
      lineAmounts(line.quantity, line.unitPrice, line.discountPercent ?? 0, currency),
    );
    const totals = documentTotals(server);
    expect(preview.lines.map((line) => line?.lineTotal)).toEqual(
      server.map((line) => formatMoney(line.lineTotal, currency)),
    );
    expect(preview.subtotal).toBe(formatMoney(totals.subtotal, currency));
    expect(preview.discountTotal).toBe(formatMoney(totals.discountTotal, currency));
    expect(preview.total).toBe(formatMoney(totals.total, currency));
    expect(preview.containerEstimate).toEqual(
      containerEstimate(
        lines.map((line) => ({ quantity: toDec(line.quantity), packing: line.product?.packing ?? null })),
      ),
    );
  });

  it("compares with the tier price the quantity reaches, as the approval rule does", () => {
    const [below, tier] = previewDocument(
      [
        { quantity: "1000", unitPrice: "2.25", product: mug },
        { quantity: "6000", unitPrice: "2.00", product: mug },
      ],
      "USD",
    ).lines;
    // 2.25 against list 2.50: 10% off; 2.00 against the 5000+ tier price 2.20: 9.09% off.
    expect(below).toMatchObject({ listPrice: "2.50", offListPercent: 10 });
    expect(tier).toMatchObject({ listPrice: "2.20", offListPercent: 9.09 });
    expect(serverReferencePrice(mug, "USD", "6000")?.toFixed(2)).toBe("2.20");
  });

  it("waits for a line to be complete instead of pricing half-typed numbers", () => {
    const preview = previewDocument(
      [{ quantity: "", unitPrice: "2.50" }, { quantity: "10", unitPrice: "abc" }, { quantity: "10" }],
      "USD",
    );
    expect(preview.lines).toEqual([null, null, null]);
    expect(preview.total).toBe("0.00");
  });

  it("adds payment-term percents exactly", () => {
    expect(percentSum([33.33, 33.33, 33.34])).toBe(100);
    expect(percentSum([30, null, 60])).toBe(90);
  });
});
