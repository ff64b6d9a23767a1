import currencyCodes from "currency-codes";
import Decimal from "decimal.js";

// All money arithmetic goes through this Decimal flavour: 40 significant digits leave room for
// numeric(18,4) products and sums, and half-up is the rounding people expect on commercial documents.
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;
export type DecimalInput = string | number | Dec;

// Minor-unit digits from ISO 4217 (JPY 0, USD 2, KWD 3); an unknown code keeps 2.
export function currencyDigits(currency: string): number {
  return currencyCodes.code(currency.toUpperCase())?.digits ?? 2;
}

export function toDec(value: DecimalInput): Dec {
  const decimal = new Dec(value);
  if (!decimal.isFinite()) throw new Error(`not a finite decimal: ${String(value)}`);
  return decimal;
}

export function roundMoney(value: DecimalInput, currency: string): Dec {
  return toDec(value).toDecimalPlaces(currencyDigits(currency), Dec.ROUND_HALF_UP);
}

// An amount in the API: exactly the currency's digits ("1250.00", "1250", "1250.000").
export function formatMoney(value: DecimalInput, currency: string): string {
  return roundMoney(value, currency).toFixed(currencyDigits(currency));
}

// A unit price keeps its extra precision (0.0125 USD a piece) but shows at least the currency digits.
export function formatPrice(value: DecimalInput, currency: string): string {
  const decimal = toDec(value);
  return decimal.toFixed(Math.max(currencyDigits(currency), decimal.decimalPlaces()));
}

// A plain quantity or measure: trailing zeros of numeric(18,4) dropped ("12.5000" → "12.5").
export function formatDecimal(value: DecimalInput, maxPlaces = 4): string {
  return toDec(value).toDecimalPlaces(maxPlaces, Dec.ROUND_HALF_UP).toFixed();
}

export function sumDec(values: DecimalInput[]): Dec {
  return values.reduce<Dec>((sum, value) => sum.plus(value), new Dec(0));
}

// "1234567.5" → "1,234,567.5" for printed documents; the API keeps plain decimal strings.
export function groupThousands(value: string): string {
  const [whole = "", fraction] = value.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${digits}${fraction === undefined ? "" : `.${fraction}`}`;
}
