import { parse } from "csv-parse/sync";
import currencyCodes from "currency-codes";
import { and, asc, eq, gte, lte, notInArray, sql } from "drizzle-orm";
import type { CreateFxRateInput, FxExposure, FxRate } from "../../../../shared/schemas/fx";
import type { DbOrTx } from "../../db/client";
import { badRequest } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { type Dec, formatMoney, roundMoney, sumDec, toDec } from "../../lib/money";
import { recordAudit } from "../audit/audit.service";
import type { Viewer } from "../customers/customers.policy";
import { ordersScope } from "../orders/orders.policy";
import { orderInstalments, orders } from "../orders/orders.table";
import { todayIn, userNames, workspaceContext } from "../quotations/commercial";
import { loadReceivables, UNCONFIRMED } from "../receivables/receivables.service";
import { paymentAllocations, payments } from "../receivables/receivables.table";
import { fxRates } from "./fx.table";
import { rateBook } from "./rates.service";

type RateRow = typeof fxRates.$inferSelect;
const toRate = (row: RateRow): FxRate => ({
  id: row.id,
  date: row.date,
  base: row.base,
  quote: row.quote,
  rate: toDec(row.rate).toFixed(),
  source: row.source,
});

export async function listRates(
  db: DbOrTx,
  actor: Actor,
  query: {
    base?: string | undefined;
    quote?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
) {
  const rows = await db
    .select()
    .from(fxRates)
    .where(
      and(
        eq(fxRates.workspaceId, actor.workspaceId),
        query.base ? eq(fxRates.base, query.base) : undefined,
        query.quote ? eq(fxRates.quote, query.quote) : undefined,
        query.from ? gte(fxRates.date, query.from) : undefined,
        query.to ? lte(fxRates.date, query.to) : undefined,
      ),
    )
    .orderBy(sql`${fxRates.date} desc`, asc(fxRates.base), asc(fxRates.quote))
    .limit(5000);
  return { items: rows.map(toRate), total: rows.length };
}

type NewRate = { date: string; base: string; quote: string; rate: string };

// A rate given again for the same pair and day replaces the earlier one.
async function saveRates(db: DbOrTx, workspaceId: string, rates: NewRate[], source: string) {
  const saved: RateRow[] = [];
  for (let start = 0; start < rates.length; start += 1000) {
    saved.push(
      ...(await db
        .insert(fxRates)
        .values(rates.slice(start, start + 1000).map((rate) => ({ workspaceId, ...rate, source })))
        .onConflictDoUpdate({
          target: [fxRates.workspaceId, fxRates.base, fxRates.quote, fxRates.date],
          set: { rate: sql`excluded.rate`, source: sql`excluded.source` },
        })
        .returning()),
    );
  }
  return saved;
}

export async function createRate(db: DbOrTx, actor: Actor, input: CreateFxRateInput): Promise<FxRate> {
  const [row] = await saveRates(db, actor.workspaceId, [input], "manual");
  if (!row) throw new Error("rate insert returned nothing");
  await recordAudit(db, actor, {
    action: "fx_rate.saved",
    entityType: "fx_rate",
    entityId: row.id,
    changes: input,
  });
  return toRate(row);
}

const isCurrency = (code: string) => /^[A-Z]{3}$/.test(code) && currencyCodes.code(code) !== undefined;

// ECB dates are ISO in the history file and "27 November 2026" in the daily one.
function isoDate(value: string, line: number): string {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const parsed = Date.parse(`${trimmed} UTC`);
  if (Number.isNaN(parsed)) throw badRequest(`Line ${line}: "${trimmed}" is not a date`);
  return new Date(parsed).toISOString().slice(0, 10);
}

function positiveRate(value: string, line: number, currency: string): string | undefined {
  const trimmed = value.trim();
  // The ECB leaves discontinued currencies as N/A or empty.
  if (trimmed === "" || trimmed.toUpperCase() === "N/A") return undefined;
  if (!/^\d+(\.\d+)?$/.test(trimmed) || Number(trimmed) <= 0) {
    throw badRequest(`Line ${line}: the ${currency} rate "${trimmed}" is not a positive number`);
  }
  return trimmed;
}

// Two layouts: the ECB reference rates as published (`Date, USD, JPY, …`, one row per day, EUR base)
// and a simple `date,currency,rate` list against `base` (the reporting currency unless given).
export function parseRates(content: string, base: string): { format: "ecb" | "simple"; rates: NewRate[] } {
  const rows: string[][] = parse(content.replace(/^\uFEFF/, ""), {
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  });
  const [header, ...body] = rows;
  if (!header) throw badRequest("The file is empty");
  const names = header.map((cell) => cell.trim().toLowerCase());
  if (names[0] !== "date") {
    throw badRequest('The first column must be "Date": an ECB eurofxref file or a date,currency,rate list');
  }
  if (names.length === 3 && names[1] === "currency" && names[2] === "rate") {
    return {
      format: "simple",
      rates: body.flatMap(([date = "", currency = "", rate = ""], index) => {
        const line = index + 2;
        const code = currency.trim().toUpperCase();
        if (!isCurrency(code)) throw badRequest(`Line ${line}: "${currency}" is not a currency code`);
        const value = positiveRate(rate, line, code);
        return value && code !== base ? [{ date: isoDate(date, line), base, quote: code, rate: value }] : [];
      }),
    };
  }
  const currencies = header.slice(1).map((cell) => cell.trim().toUpperCase());
  currencies.forEach((code, index) => {
    // The published files end every line with a comma (an empty last column) and keep columns of
    // currencies replaced by the euro (CYP, MTL…), which ISO no longer lists.
    if (code !== "" && !/^[A-Z]{3}$/.test(code))
      throw badRequest(`Column ${index + 2}: "${code}" is not a currency code`);
  });
  return {
    format: "ecb",
    rates: body.flatMap(([date = "", ...values], index) => {
      const line = index + 2;
      const day = isoDate(date, line);
      return currencies.flatMap((code, column) => {
        const value = code === "" ? undefined : positiveRate(values[column] ?? "", line, code);
        return value ? [{ date: day, base: "EUR", quote: code, rate: value }] : [];
      });
    }),
  };
}

export async function importRates(db: DbOrTx, actor: Actor, content: string, base?: string) {
  const reporting = (await workspaceContext(db, actor.workspaceId)).currency;
  const { format, rates } = parseRates(content, base ?? reporting);
  if (rates.length === 0) throw badRequest("The file holds no rates");
  await saveRates(db, actor.workspaceId, rates, format === "ecb" ? "ecb" : "import");
  await recordAudit(db, actor, {
    action: "fx_rate.imported",
    entityType: "fx_rate",
    entityId: null,
    changes: { format, imported: rates.length },
  });
  return {
    format,
    imported: rates.length,
    dates: new Set(rates.map((rate) => rate.date)).size,
    currencies: [...new Set(rates.map((rate) => rate.quote))].sort(),
  };
}

export async function convert(
  db: DbOrTx,
  actor: Actor,
  query: { from: string; to: string; date: string; amount: string },
) {
  const book = await rateBook(db, actor.workspaceId, query.date);
  const converter = book.on(query.date);
  const rate = converter.rate(query.from, query.to);
  const converted = converter.convert(query.amount, query.from, query.to);
  if (rate === null || converted === null) {
    throw badRequest(`No rate connects ${query.from} and ${query.to} on or before ${query.date}`);
  }
  return {
    ...query,
    rate: rate.toDecimalPlaces(10).toFixed(),
    converted: formatMoney(converted, query.to),
  };
}

// Open receivables valued at the rate of their order's confirmation day and at the report date;
// settled amounts valued at the payment's day against the order's day, per rep. The order's and the
// payment's own stored rates are used when they were booked in today's reporting currency, so a rate
// corrected afterwards does not rewrite what was agreed; older records fall back to the rate table.
type StoredRate = { fxRate: string | null; fxRateCurrency: string | null };

export async function fxExposure(
  db: DbOrTx,
  viewer: Viewer,
  query: { date?: string | undefined },
  now = new Date(),
): Promise<FxExposure> {
  const { currency: reporting, timeZone } = await workspaceContext(db, viewer.workspaceId);
  const date = query.date ?? todayIn(timeZone, now);
  const [book, receivables, settled] = await Promise.all([
    rateBook(db, viewer.workspaceId, date),
    loadReceivables(db, viewer, {}, date),
    db
      .select({
        amount: paymentAllocations.amount,
        currency: orderInstalments.currency,
        receivedAt: payments.receivedAt,
        paymentRate: { fxRate: payments.fxRate, fxRateCurrency: payments.fxRateCurrency },
        orderId: orders.id,
        confirmedAt: orders.confirmedAt,
        ownerId: orders.ownerId,
      })
      .from(paymentAllocations)
      .innerJoin(
        payments,
        and(
          eq(payments.workspaceId, paymentAllocations.workspaceId),
          eq(payments.id, paymentAllocations.paymentId),
        ),
      )
      .innerJoin(
        orderInstalments,
        and(
          eq(orderInstalments.workspaceId, paymentAllocations.workspaceId),
          eq(orderInstalments.id, paymentAllocations.receivableId),
        ),
      )
      .innerJoin(
        orders,
        and(eq(orders.workspaceId, orderInstalments.workspaceId), eq(orders.id, orderInstalments.orderId)),
      )
      .where(ordersScope(viewer, notInArray(orders.status, UNCONFIRMED), lte(payments.receivedAt, date))),
  ]);
  const confirmedOn = new Map<string, string>();
  const orderRates = new Map<string, StoredRate>();
  const orderDays = await db
    .select({
      id: orders.id,
      confirmedAt: orders.confirmedAt,
      fxRate: orders.fxRate,
      fxRateCurrency: orders.fxRateCurrency,
    })
    .from(orders)
    .where(ordersScope(viewer, notInArray(orders.status, UNCONFIRMED)));
  for (const row of orderDays) {
    if (row.confirmedAt) confirmedOn.set(row.id, todayIn(timeZone, row.confirmedAt));
    orderRates.set(row.id, row);
  }
  const atStored = (amount: Dec | string, stored: StoredRate | undefined) =>
    stored?.fxRate != null && stored.fxRateCurrency === reporting
      ? roundMoney(toDec(amount).times(stored.fxRate), reporting)
      : undefined;

  const missing = new Set<string>();
  const value = (amount: Dec | string, currency: string, day: string) => {
    const converted = book.on(day).convert(amount, currency, reporting);
    if (converted === null) missing.add(`${currency} on ${day}`);
    return converted;
  };

  const open = new Map<string, { outstanding: Dec; atOrder: Dec; atReport: Dec }>();
  for (const item of receivables) {
    if (item.status === "paid") continue;
    const orderDay = confirmedOn.get(item.orderId) ?? date;
    const atOrder =
      atStored(item.outstanding, orderRates.get(item.orderId)) ??
      value(item.outstanding, item.currency, orderDay);
    const atReport = value(item.outstanding, item.currency, date);
    if (atOrder === null || atReport === null) continue;
    const sums = open.get(item.currency) ?? { outstanding: toDec(0), atOrder: toDec(0), atReport: toDec(0) };
    open.set(item.currency, {
      outstanding: sums.outstanding.plus(item.outstanding),
      atOrder: sums.atOrder.plus(atOrder),
      atReport: sums.atReport.plus(atReport),
    });
  }

  const realised = new Map<string, { ownerId: string; currency: string; settled: Dec[]; gainLoss: Dec[] }>();
  for (const row of settled) {
    const orderDay = row.confirmedAt ? todayIn(timeZone, row.confirmedAt) : row.receivedAt;
    const atOrder =
      atStored(row.amount, orderRates.get(row.orderId)) ?? value(row.amount, row.currency, orderDay);
    const atPayment =
      atStored(row.amount, row.paymentRate) ?? value(row.amount, row.currency, row.receivedAt);
    if (atOrder === null || atPayment === null) continue;
    const key = `${row.ownerId}:${row.currency}`;
    const entry = realised.get(key) ?? {
      ownerId: row.ownerId,
      currency: row.currency,
      settled: [],
      gainLoss: [],
    };
    entry.settled.push(toDec(row.amount));
    entry.gainLoss.push(atPayment.minus(atOrder));
    realised.set(key, entry);
  }
  const names = await userNames(
    db,
    viewer.workspaceId,
    [...realised.values()].map((entry) => entry.ownerId),
  );
  const money = (amount: Dec) => formatMoney(amount, reporting);
  return {
    reportingCurrency: reporting,
    date,
    open: [...open.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, sums]) => ({
        currency,
        outstanding: formatMoney(sums.outstanding, currency),
        atOrderRate: money(sums.atOrder),
        atReportRate: money(sums.atReport),
        unrealised: money(sums.atReport.minus(sums.atOrder)),
      })),
    realised: [...realised.values()]
      .map((entry) => ({
        ownerId: entry.ownerId,
        ownerName: names.get(entry.ownerId) ?? "",
        currency: entry.currency,
        settled: formatMoney(sumDec(entry.settled), entry.currency),
        gainLoss: money(sumDec(entry.gainLoss)),
      }))
      .sort((a, b) => a.ownerName.localeCompare(b.ownerName) || a.currency.localeCompare(b.currency)),
    missingRates: [...missing].sort(),
  };
}
