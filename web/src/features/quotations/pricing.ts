import currencyCodes from "currency-codes";
import Decimal from "decimal.js";
import type { Packing, Product } from "../../../../shared/schemas/products";
import type { ContainerEstimate, ContainerType } from "../../../../shared/schemas/quotations";

// The editor's live preview. It repeats the server's arithmetic (server/src/modules/quotations/pricing.ts;
// pricing.test.ts checks the two agree) so the figures a rep sees while typing are the ones the saved
// document shows. Nothing computed here is sent: the server prices every saved document itself.

const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof Dec>;

const HUNDRED = new Dec(100);

// Usable capacity per container, as the server estimates it.
const CONTAINER_CAPACITY: Record<ContainerType, { cbm: number; kg: number }> = {
  "20GP": { cbm: 28, kg: 21_700 },
  "40GP": { cbm: 58, kg: 26_500 },
  "40HQ": { cbm: 68, kg: 26_500 },
};

export function currencyDigits(currency: string): number {
  return currencyCodes.code(currency.toUpperCase())?.digits ?? 2;
}

function roundMoney(value: Dec, currency: string): Dec {
  return value.toDecimalPlaces(currencyDigits(currency), Dec.ROUND_HALF_UP);
}

function formatMoneyValue(value: Dec, currency: string): string {
  return roundMoney(value, currency).toFixed(currencyDigits(currency));
}

// A half-typed number ("12.", "", "abc") is not a number yet: the line waits instead of showing NaN.
function decimalOf(value: string | number | null | undefined): Dec | null {
  if (value === null || value === undefined || value === "") return null;
  try {
    const decimal = new Dec(value);
    return decimal.isFinite() ? decimal : null;
  } catch {
    return null;
  }
}

type PricingProduct = Pick<Product, "listPrices" | "priceTiers" | "packing">;

export type DraftLine = {
  quantity?: string | null;
  unitPrice?: string | null;
  discountPercent?: number | null;
  product?: PricingProduct;
};

type LinePreview = {
  lineTotal: string;
  // The list price (or the quantity tier reached) in the document currency, and how far the net unit
  // price is below it: what decides whether an order needs a manager's approval.
  listPrice: string | null;
  offListPercent: number | null;
};

// The price a line is measured against: the tier price its quantity reaches, else the list price.
export function referencePrice(
  product: PricingProduct,
  currency: string,
  quantity: string | Dec,
): Dec | null {
  const tiers = product.priceTiers
    .filter((tier) => tier.currency === currency && new Dec(tier.minQuantity).lte(quantity))
    .sort((a, b) => new Dec(b.minQuantity).cmp(a.minQuantity));
  const amount = tiers[0]?.amount ?? product.listPrices.find((price) => price.currency === currency)?.amount;
  return amount === undefined ? null : new Dec(amount);
}

type Priced = { gross: Dec; lineTotal: Dec; preview: LinePreview };

function priceLine(line: DraftLine, currency: string): Priced | null {
  const quantity = decimalOf(line.quantity);
  const unitPrice = decimalOf(line.unitPrice);
  const discount = decimalOf(line.discountPercent ?? 0);
  if (!quantity || !unitPrice || !discount || quantity.lte(0)) return null;
  const rawGross = quantity.times(unitPrice);
  const gross = roundMoney(rawGross, currency);
  const lineTotal = roundMoney(rawGross.times(HUNDRED.minus(discount)).div(HUNDRED), currency);
  const list = line.product ? referencePrice(line.product, currency, quantity) : null;
  const net = unitPrice.times(HUNDRED.minus(discount)).div(HUNDRED);
  const offList = list?.gt(0)
    ? list.minus(net).div(list).times(HUNDRED).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toNumber()
    : null;
  return {
    gross,
    lineTotal,
    preview: {
      lineTotal: formatMoneyValue(lineTotal, currency),
      listPrice: list ? list.toFixed(Math.max(currencyDigits(currency), list.decimalPlaces())) : null,
      offListPercent: offList,
    },
  };
}

function cartonsOf(quantity: Dec, packing: Packing) {
  const cartons = quantity.div(packing.unitsPerCarton).ceil().toNumber();
  const cartonCbm = new Dec(packing.cartonLengthCm)
    .times(packing.cartonWidthCm)
    .times(packing.cartonHeightCm)
    .div(1_000_000);
  return { cartons, cbm: cartonCbm.times(cartons), weight: new Dec(packing.grossWeightKg).times(cartons) };
}

function estimateOf(lines: DraftLine[]): ContainerEstimate {
  const packed = lines.flatMap((line) => {
    const quantity = decimalOf(line.quantity);
    const packing = line.product?.packing;
    return quantity?.gt(0) && packing && packing.unitsPerCarton > 0 ? [cartonsOf(quantity, packing)] : [];
  });
  const cbm = packed.reduce((sum, p) => sum.plus(p.cbm), new Dec(0));
  const weight = packed.reduce((sum, p) => sum.plus(p.weight), new Dec(0));
  const fill = (type: ContainerType) => {
    const capacity = CONTAINER_CAPACITY[type];
    return Dec.max(cbm.div(capacity.cbm), weight.div(capacity.kg))
      .toDecimalPlaces(3, Dec.ROUND_HALF_UP)
      .toNumber();
  };
  return {
    cartons: packed.reduce((sum, p) => sum + p.cartons, 0),
    cbm: cbm.toDecimalPlaces(3, Dec.ROUND_HALF_UP).toFixed(),
    grossWeightKg: weight.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(),
    fills: { "20GP": fill("20GP"), "40GP": fill("40GP"), "40HQ": fill("40HQ") },
    linesWithoutPacking: lines.length - packed.length,
  };
}

export type DocumentPreview = {
  // Per input line, null while the line is not complete enough to price.
  lines: (LinePreview | null)[];
  subtotal: string;
  discountTotal: string;
  total: string;
  containerEstimate: ContainerEstimate;
};

// Each line is rounded to the currency first and the document adds the rounded lines, as on the server.
export function previewDocument(lines: DraftLine[], currency: string): DocumentPreview {
  const priced = lines.map((line) => priceLine(line, currency));
  const subtotal = priced.reduce((sum, line) => (line ? sum.plus(line.gross) : sum), new Dec(0));
  const total = priced.reduce((sum, line) => (line ? sum.plus(line.lineTotal) : sum), new Dec(0));
  return {
    lines: priced.map((line) => line?.preview ?? null),
    subtotal: formatMoneyValue(subtotal, currency),
    discountTotal: formatMoneyValue(subtotal.minus(total), currency),
    total: formatMoneyValue(total, currency),
    containerEstimate: estimateOf(lines),
  };
}

// Payment-term percents are added exactly: 33.33 + 33.33 + 33.34 is 100, not 99.99999.
export function percentSum(percents: (number | null | undefined)[]): number {
  return percents.reduce<Dec>((sum, percent) => sum.plus(decimalOf(percent) ?? 0), new Dec(0)).toNumber();
}
