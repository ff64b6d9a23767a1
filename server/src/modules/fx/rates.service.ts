import { and, eq, lte } from "drizzle-orm";
import type { StoredRate } from "../../../../shared/schemas/fx";
import type { DbOrTx } from "../../db/client";
import { type Dec, roundMoney, toDec } from "../../lib/money";
import { fxRates } from "./fx.table";

// The latest rate of every pair on or before a date, able to convert between any two currencies
// that share a base (EUR for ECB files): directly, inverted, or crossed through the base.
export type Converter = {
  date: string;
  rate(from: string, to: string): Dec | null;
  // Rounded to the target currency's digits; null when no rate connects the two currencies.
  convert(amount: Dec | string, from: string, to: string): Dec | null;
};

type Pair = { base: string; quote: string; rate: Dec };

// Every rate up to a date, to answer for many dates (each order's and payment's) with one query.
export async function rateBook(db: DbOrTx, workspaceId: string, upTo: string) {
  const rows = await db
    .select({ date: fxRates.date, base: fxRates.base, quote: fxRates.quote, rate: fxRates.rate })
    .from(fxRates)
    .where(and(eq(fxRates.workspaceId, workspaceId), lte(fxRates.date, upTo)))
    .orderBy(fxRates.date);
  const cache = new Map<string, Converter>();
  return {
    on(date: string): Converter {
      const cached = cache.get(date);
      if (cached) return cached;
      const latest = new Map<string, Pair>();
      for (const row of rows) {
        if (row.date > date) break;
        latest.set(`${row.base}/${row.quote}`, { base: row.base, quote: row.quote, rate: toDec(row.rate) });
      }
      const converter = converterOf(date, [...latest.values()]);
      cache.set(date, converter);
      return converter;
    },
  };
}

export async function converterOn(db: DbOrTx, workspaceId: string, date: string): Promise<Converter> {
  return (await rateBook(db, workspaceId, date)).on(date);
}

export function converterOf(date: string, pairs: Pair[]): Converter {
  const direct = new Map<string, Dec>();
  for (const pair of pairs) {
    direct.set(`${pair.base}/${pair.quote}`, pair.rate);
    // A published pair wins over the inverse of its opposite.
    const inverse = `${pair.quote}/${pair.base}`;
    if (!pairs.some((other) => other.base === pair.quote && other.quote === pair.base)) {
      direct.set(inverse, toDec(1).div(pair.rate));
    }
  }
  const currencies = new Set(pairs.flatMap((pair) => [pair.base, pair.quote]));
  const rate = (from: string, to: string): Dec | null => {
    if (from === to) return toDec(1);
    const known = direct.get(`${from}/${to}`);
    if (known) return known;
    for (const via of currencies) {
      const first = direct.get(`${from}/${via}`);
      const second = direct.get(`${via}/${to}`);
      if (first && second) return first.times(second);
    }
    return null;
  };
  return {
    date,
    rate,
    convert(amount, from, to) {
      const found = rate(from, to);
      return found ? roundMoney(toDec(amount).times(found), to) : null;
    },
  };
}

type StoredRateColumns = { fxRate: string | null; fxRateDate: string | null; fxRateCurrency: string | null };

// The rate a money record is booked at: one unit of `currency` in the reporting currency on `date`,
// kept to the 10 decimals the columns hold; null when no rate connects the two that day.
export async function rateToStore(
  db: DbOrTx,
  workspaceId: string,
  currency: string,
  reportingCurrency: string,
  date: string,
): Promise<StoredRateColumns> {
  const rate = (await converterOn(db, workspaceId, date)).rate(currency, reportingCurrency);
  return {
    fxRate: rate === null ? null : rate.toDecimalPlaces(10).toFixed(),
    fxRateDate: date,
    fxRateCurrency: reportingCurrency,
  };
}

export function storedRateOf(row: StoredRateColumns, currency: string): StoredRate | null {
  if (row.fxRateDate === null || row.fxRateCurrency === null) return null;
  return {
    reportingCurrency: row.fxRateCurrency,
    rate: row.fxRate === null ? null : toDec(row.fxRate).toFixed(),
    date: row.fxRateDate,
    note:
      row.fxRate === null
        ? `No ${currency} to ${row.fxRateCurrency} rate on or before ${row.fxRateDate}`
        : null,
  };
}
