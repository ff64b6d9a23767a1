import type { Packing } from "../../../../shared/schemas/products";
import type {
  ContainerEstimate,
  ContainerType,
  LineInput,
  PaymentTerm,
} from "../../../../shared/schemas/quotations";
import { Dec, type DecimalInput, formatDecimal, roundMoney, sumDec, toDec } from "../../lib/money";
import type { PricingProduct as CatalogueProduct } from "../products/products.service";

// Pure arithmetic of quotations and orders: line totals, document totals, discount off list price
// and the container estimate. No database here, so every rule is unit-tested with hand-made numbers.

// What pricing reads of a catalogue product (getProductsForPricing).
export type PricingProduct = Pick<
  CatalogueProduct,
  "sku" | "name" | "nameZh" | "unit" | "listPrices" | "priceTiers" | "costPrice" | "packing" | "hsCode"
>;

export type PricedLine = {
  productId: string | null;
  sku: string | null;
  description: string;
  descriptionZh: string | null;
  hsCode: string | null;
  quantity: Dec;
  unit: string;
  unitPrice: Dec;
  discountPercent: Dec;
  gross: Dec;
  lineTotal: Dec;
  listPrice: Dec | null;
  unitCost: Dec | null;
  packing: Packing | null;
};

export type Totals = { subtotal: Dec; discountTotal: Dec; total: Dec };

// Usable capacity of each container, not its nominal internal volume: cartons never pack a box
// perfectly, and the payload is the carrier's usual maximum for general cargo.
export const CONTAINER_CAPACITY: Record<ContainerType, { cbm: number; kg: number }> = {
  "20GP": { cbm: 28, kg: 21_700 },
  "40GP": { cbm: 58, kg: 26_500 },
  "40HQ": { cbm: 68, kg: 26_500 },
};

const HUNDRED = new Dec(100);

export function lineAmounts(
  quantity: DecimalInput,
  unitPrice: DecimalInput,
  discountPercent: DecimalInput,
  currency: string,
): { gross: Dec; lineTotal: Dec } {
  const gross = toDec(quantity).times(unitPrice);
  const net = gross.times(HUNDRED.minus(discountPercent)).div(HUNDRED);
  return { gross: roundMoney(gross, currency), lineTotal: roundMoney(net, currency) };
}

// Each line is rounded to the currency first and the document adds the rounded lines, as an invoice
// is read; so subtotal − discount = total to the last minor unit.
export function documentTotals(lines: Pick<PricedLine, "gross" | "lineTotal">[]): Totals {
  const subtotal = sumDec(lines.map((line) => line.gross));
  const total = sumDec(lines.map((line) => line.lineTotal));
  return { subtotal, discountTotal: subtotal.minus(total), total };
}

// How far the net unit price (after the line discount) is below the list price, in percent with two
// decimals; negative when priced above list, null without a list price to compare with.
export function discountOffList(
  line: Pick<PricedLine, "unitPrice" | "discountPercent" | "listPrice">,
): Dec | null {
  if (!line.listPrice || line.listPrice.lte(0)) return null;
  const net = netUnitPrice(line);
  return line.listPrice.minus(net).div(line.listPrice).times(HUNDRED).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

export function netUnitPrice(line: Pick<PricedLine, "unitPrice" | "discountPercent">): Dec {
  return line.unitPrice.times(HUNDRED.minus(line.discountPercent)).div(HUNDRED);
}

export type Cartons = { cartons: number; cbm: Dec; grossWeightKg: Dec };

// Full cartons only: 1,001 pieces at 100 a carton is 11 cartons.
export function cartonsOf(quantity: DecimalInput, packing: Packing): Cartons {
  const cartons = toDec(quantity).div(packing.unitsPerCarton).ceil().toNumber();
  const cartonCbm = toDec(packing.cartonLengthCm)
    .times(packing.cartonWidthCm)
    .times(packing.cartonHeightCm)
    .div(1_000_000);
  return {
    cartons,
    cbm: cartonCbm.times(cartons),
    grossWeightKg: toDec(packing.grossWeightKg).times(cartons),
  };
}

export function containerEstimate(lines: Pick<PricedLine, "quantity" | "packing">[]): ContainerEstimate {
  const packed = lines.flatMap((line) => (line.packing ? [cartonsOf(line.quantity, line.packing)] : []));
  const cbm = sumDec(packed.map((p) => p.cbm));
  const weight = sumDec(packed.map((p) => p.grossWeightKg));
  const fill = (type: ContainerType) => {
    const capacity = CONTAINER_CAPACITY[type];
    const byVolume = cbm.div(capacity.cbm);
    const byWeight = weight.div(capacity.kg);
    return Dec.max(byVolume, byWeight).toDecimalPlaces(3, Dec.ROUND_HALF_UP).toNumber();
  };
  return {
    cartons: packed.reduce((sum, p) => sum + p.cartons, 0),
    cbm: formatDecimal(cbm, 3),
    grossWeightKg: formatDecimal(weight, 2),
    fills: { "20GP": fill("20GP"), "40GP": fill("40GP"), "40HQ": fill("40HQ") },
    linesWithoutPacking: lines.length - packed.length,
  };
}

// The price a line is measured against: the list price in the currency, or the quantity-tier price
// the line's quantity reaches (quoting the tier price for 5,000 pieces is no discount).
export function referencePrice(
  product: Pick<PricingProduct, "listPrices" | "priceTiers">,
  currency: string,
  quantity: DecimalInput,
): Dec | null {
  const tiers = product.priceTiers
    .filter((tier) => tier.currency === currency && toDec(tier.minQuantity).lte(quantity))
    .sort((a, b) => toDec(b.minQuantity).cmp(a.minQuantity));
  const amount = tiers[0]?.amount ?? product.listPrices.find((price) => price.currency === currency)?.amount;
  return amount === undefined ? null : toDec(amount);
}

// Prices one input line; the product (when the line names one) supplies what the line does not say.
export function priceLine(
  line: LineInput,
  product: PricingProduct | undefined,
  currency: string,
): PricedLine {
  const discountPercent = toDec(line.discountPercent ?? 0);
  const { gross, lineTotal } = lineAmounts(line.quantity, line.unitPrice, discountPercent, currency);
  return {
    productId: line.productId ?? null,
    sku: product?.sku ?? null,
    description: line.description ?? product?.name ?? "",
    descriptionZh: product?.nameZh ?? null,
    hsCode: product?.hsCode ?? null,
    quantity: toDec(line.quantity),
    unit: line.unit ?? product?.unit ?? "pcs",
    unitPrice: toDec(line.unitPrice),
    discountPercent,
    gross,
    lineTotal,
    listPrice: product ? referencePrice(product, currency, line.quantity) : null,
    unitCost: product?.costPrice ? toDec(product.costPrice) : null,
    packing: product?.packing && product.packing.unitsPerCarton > 0 ? product.packing : null,
  };
}

export type ScheduledInstalment = Omit<PaymentTerm, "days" | "note"> & {
  sequence: number;
  amount: Dec;
  days: number | null;
  note: string | null;
};

// One instalment per payment term, each rounded to the currency; the last takes what rounding left,
// so the instalments always add up to the total (33.33% + 33.33% + 33.34% of 100.00 is exact).
export function paymentSchedule(
  terms: PaymentTerm[],
  total: DecimalInput,
  currency: string,
): ScheduledInstalment[] {
  let allocated = new Dec(0);
  return terms.map((term, index) => {
    const amount =
      index === terms.length - 1
        ? toDec(total).minus(allocated)
        : roundMoney(toDec(total).times(term.percent).div(HUNDRED), currency);
    allocated = allocated.plus(amount);
    return {
      sequence: index + 1,
      method: term.method,
      percent: term.percent,
      due: term.due,
      days: term.days ?? null,
      note: term.note ?? null,
      amount,
    };
  });
}
