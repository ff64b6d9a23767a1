import { eq, getTableName, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import {
  MAX_SALES_MONTHS,
  type SalesGrouping,
  type SalesReport,
  type SalesReportQuery,
  type SalesRow,
} from "../../../../shared/schemas/sales";
import type { Db, DbOrTx } from "../../db/client";
import { fieldError } from "../../lib/app-error";
import { type Dec, formatMoney, sumDec, toDec } from "../../lib/money";
import type { Viewer } from "../customers/customers.policy";
import { todayIn, userNames, workspaceContext } from "../quotations/commercial";
import { salesOwners, salesScope } from "./sales.policy";
import { type RollupTable, salesMonthly, salesMonthlyByCountry, salesMonthlyByOwner } from "./sales.table";

countries.registerLocale(en);

// ---- The rollup ----------------------------------------------------------------------------------
//
// An order counts from its confirmation (direct, or when a manager approves it) until it is
// cancelled, at its full total, in the month of its confirmation in the workspace's time zone: the
// month the deal was closed, which never moves afterwards, unlike shipping or payment dates. It is
// filed under its current owner (a transfer moves it) and its customer's country when it was counted.
// The reporting amount uses the rate stored on the order at confirmation; an order confirmed without
// one is kept apart as unconverted rather than converted at some other day's rate.

// Orders whose stored rate is to the workspace's reporting currency (a rate booked before the
// workspace changed currency is not).
const CONVERTED = sql.raw("o.fx_rate is not null and o.fx_rate_currency = w.currency");

// The cells of the orders that count and match the filter, each value times the sign: recordSale and
// rebuildSalesRollup share it so the incremental rollup and a rebuild compute the same figures.
function saleCells(filter: SQL, sign: 1 | -1): SQL {
  const s = sql.raw(String(sign));
  return sql`
    select o.workspace_id, (date_trunc('month', o.confirmed_at at time zone w.time_zone))::date,
      o.owner_id, c.country, o.currency,
      ${s} * sum(o.total),
      ${s} * sum(case when ${CONVERTED} then round(o.total * o.fx_rate, 4) else 0 end),
      ${s} * sum(case when ${CONVERTED} then 0 else o.total end),
      ${s} * count(*)::int,
      ${s} * coalesce(sum(l.lines), 0)::int
    from orders o
    join workspaces w on w.id = o.workspace_id
    join customers c on c.workspace_id = o.workspace_id and c.id = o.customer_id
    left join lateral (
      select count(*) as lines from order_lines ol
      where ol.workspace_id = o.workspace_id and ol.order_id = o.id
    ) l on true
    where o.confirmed_at is not null and o.status <> 'cancelled' and ${filter}
    group by 1, 2, 3, 4, 5`;
}

// The columns of a cell's figures, the same in every rollup.
const FIGURES = [
  salesMonthly.amount,
  salesMonthly.reportingAmount,
  salesMonthly.unconvertedAmount,
  salesMonthly.orders,
  salesMonthly.lines,
].map((column) => column.name);
// What keys a cell in any of the rollups; a rollup without a key returns it as null.
const CELL_KEYS = [salesMonthly.month, salesMonthly.ownerId, salesMonthly.country, salesMonthly.currency].map(
  (column) => column.name,
);

// A rollup as the statements that keep it need it: its table, the columns that key its cells, and SQL
// fragments over those names.
function rollupOf(table: RollupTable, keyColumns: PgColumn[]) {
  const name = getTableName(table);
  const keys = keyColumns.map((column) => column.name);
  return {
    table: sql.identifier(name),
    keys,
    columns: sql.raw([...keys, ...FIGURES].join(", ")),
    // The cells of a relation with every column of sales_monthly, summed to this rollup's keys.
    summed: (source: string) =>
      sql.raw(
        `select ${keys.join(", ")}, ${FIGURES.map((figure) => `sum(${figure})`).join(", ")} from ${source} group by ${keys.join(", ")}`,
      ),
    added: sql.raw(FIGURES.map((figure) => `${figure} = ${name}.${figure} + excluded.${figure}`).join(", ")),
  };
}

// The three rollups: sales_monthly, and its two summaries, which every write keeps with it.
const ROLLUPS = [
  rollupOf(salesMonthly, [
    salesMonthly.workspaceId,
    salesMonthly.month,
    salesMonthly.ownerId,
    salesMonthly.country,
    salesMonthly.currency,
  ]),
  rollupOf(salesMonthlyByOwner, [
    salesMonthlyByOwner.workspaceId,
    salesMonthlyByOwner.month,
    salesMonthlyByOwner.ownerId,
    salesMonthlyByOwner.currency,
  ]),
  rollupOf(salesMonthlyByCountry, [
    salesMonthlyByCountry.workspaceId,
    salesMonthlyByCountry.month,
    salesMonthlyByCountry.country,
    salesMonthlyByCountry.currency,
  ]),
];

// Adds (sign 1) or takes out (sign -1) one order's sale, in the caller's transaction; nothing when
// the order does not count. Callers add after confirming and take out before cancelling, and a
// transfer takes out before and adds after changing the owner.
export async function recordSale(
  tx: DbOrTx,
  order: { workspaceId: string; id: string },
  sign: 1 | -1,
): Promise<void> {
  await recordOrdersSales(tx, order.workspaceId, [order.id], sign);
}

// The same for several orders of a workspace in one statement (a handover moving a rep's book).
export async function recordOrdersSales(
  tx: DbOrTx,
  workspaceId: string,
  orderIds: string[],
  sign: 1 | -1,
): Promise<void> {
  if (orderIds.length === 0) return;
  await applySales(tx, workspaceId, inArray(sql`o.id`, orderIds), sign);
}

// All of a customer's sales, taken out before its country changes and added back after, so they
// move to the new country's cells.
export async function recordCustomerSales(
  tx: DbOrTx,
  customer: { workspaceId: string; id: string },
  sign: 1 | -1,
): Promise<void> {
  await applySales(tx, customer.workspaceId, sql`o.customer_id = ${customer.id}`, sign);
}

// One statement adds the order cells to the three rollups; a cell left with no order (after taking
// one out) is deleted after it, so it does not stay behind as a row of zeros.
async function applySales(tx: DbOrTx, workspaceId: string, filter: SQL, sign: 1 | -1): Promise<void> {
  const upserts = ROLLUPS.map(
    (rollup, at) => sql`rollup_${sql.raw(String(at))} as (
      insert into ${rollup.table} (${rollup.columns}) ${rollup.summed("cells")}
      on conflict (${sql.raw(rollup.keys.join(", "))}) do update set ${rollup.added}
      returning ${at} as rollup, ${sql.raw(CELL_KEYS.map((key) => (rollup.keys.includes(key) ? `${key}::text as ${key}` : `null::text as ${key}`)).join(", "))}, orders)`,
  );
  const result = await tx.execute<{ rollup: number; orders: number } & Record<string, string | null>>(sql`
    with cells (${ROLLUPS[0]?.columns}) as (
      ${saleCells(sql`o.workspace_id = ${workspaceId} and ${filter}`, sign)}
    ), ${sql.join(upserts, sql`, `)}
    ${sql.join(
      ROLLUPS.map((_, at) => sql`select * from rollup_${sql.raw(String(at))}`),
      sql` union all `,
    )}`);
  for (const emptied of result.rows.filter((row) => Number(row.orders) === 0)) {
    const rollup = ROLLUPS[emptied.rollup];
    if (!rollup) continue;
    const cell = rollup.keys
      .filter((key) => key !== "workspace_id")
      .map((key) => sql`${sql.raw(key)} = ${emptied[key]}`);
    await tx.execute(sql`
      delete from ${rollup.table}
      where workspace_id = ${workspaceId} and ${sql.join(cell, sql` and `)} and orders = 0`);
  }
}

// Recomputes a workspace's rollups from its orders: for the bench loader, to prove the incremental
// rollups right, and to repair them (after the workspace's time zone or reporting currency changed,
// which the rollups do not follow).
export async function rebuildSalesRollup(db: Db, workspaceId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Confirmations, cancellations and transfers wait for the rebuild (and it for those under way),
    // so none is counted twice or lost between the delete and the insert.
    await tx.execute(sql`lock table orders in share mode`);
    const [cells, ...summaries] = ROLLUPS;
    if (!cells) return;
    for (const rollup of ROLLUPS) {
      await tx.execute(sql`delete from ${rollup.table} where workspace_id = ${workspaceId}`);
    }
    await tx.execute(sql`
      insert into ${cells.table} (${cells.columns})
      ${saleCells(sql`o.workspace_id = ${workspaceId}`, 1)}`);
    for (const summary of summaries) {
      await tx.execute(sql`
        insert into ${summary.table} (${summary.columns})
        select * from (${summary.summed(getTableName(salesMonthly))}) summed where workspace_id = ${workspaceId}`);
    }
  });
}

// ---- The report ------------------------------------------------------------------------------------

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;

// The range asked for, or the last 12 months up to the current one in the workspace's time zone.
function resolveRange(query: SalesReportQuery, timeZone: string, now: Date) {
  const current = todayIn(timeZone, now).slice(0, 7);
  const to = query.to ?? current;
  const from = query.from ?? monthOf(monthIndex(to) - 11);
  const months = monthIndex(to) - monthIndex(from) + 1;
  if (months < 1) throw fieldError("to", `must not be before from (${from})`);
  if (months > MAX_SALES_MONTHS)
    throw fieldError("to", `the range covers ${months} months; at most ${MAX_SALES_MONTHS} are allowed`);
  return { from, to, months };
}

// The smallest rollup that answers the grouping for the viewer, and its column to group by: the
// summary by rep serves months and reps; countries come from the summary by country when the viewer
// sees every rep, else from the cells of their reps.
function rollupFor(groupBy: SalesGrouping, viewer: Viewer): { table: RollupTable; key: SQL<string> } {
  if (groupBy === "country") {
    const table = salesOwners(viewer) === null ? salesMonthlyByCountry : salesMonthly;
    return { table, key: sql<string>`${table.country}` };
  }
  const table = salesMonthlyByOwner;
  return {
    table,
    key:
      groupBy === "month"
        ? sql<string>`to_char(${table.month}, 'YYYY-MM')`
        : sql<string>`${table.ownerId}::text`,
  };
}

type Figures = {
  orders: number;
  lines: number;
  amount: Dec;
  byCurrency: Map<string, Dec>;
};

const emptyFigures = (): Figures => ({ orders: 0, lines: 0, amount: toDec(0), byCurrency: new Map() });

function addTo(
  figures: Figures,
  cell: { currency: string; amount: string; reporting: string; orders: number; lines: number },
) {
  figures.orders += cell.orders;
  figures.lines += cell.lines;
  figures.amount = figures.amount.plus(cell.reporting);
  figures.byCurrency.set(
    cell.currency,
    (figures.byCurrency.get(cell.currency) ?? toDec(0)).plus(cell.amount),
  );
}

function output(figures: Figures, reportingCurrency: string) {
  return {
    orders: figures.orders,
    lines: figures.lines,
    amount: formatMoney(figures.amount, reportingCurrency),
    byCurrency: [...figures.byCurrency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => ({ currency, amount: formatMoney(amount, currency) })),
  };
}

export async function salesReport(
  db: DbOrTx,
  viewer: Viewer,
  query: SalesReportQuery,
  now = new Date(),
): Promise<SalesReport> {
  const workspace = await workspaceContext(db, viewer.workspaceId);
  const { from, to, months } = resolveRange(query, workspace.timeZone, now);
  const { table, key } = rollupFor(query.groupBy, viewer);
  const cells = await db
    .select({
      key,
      currency: table.currency,
      amount: sql<string>`sum(${table.amount})`,
      reporting: sql<string>`sum(${table.reportingAmount})`,
      unconverted: sql<string>`sum(${table.unconvertedAmount})`,
      orders: sql<number>`sum(${table.orders})::int`,
      lines: sql<number>`sum(${table.lines})::int`,
    })
    .from(table)
    .where(
      salesScope(
        table,
        viewer,
        gte(table.month, `${from}-01`),
        lte(table.month, `${to}-01`),
        query.currency ? eq(table.currency, query.currency) : undefined,
      ),
    )
    .groupBy(key, table.currency);

  const groups = new Map<string, Figures>();
  if (query.groupBy === "month") {
    for (let at = 0; at < months; at++) groups.set(monthOf(monthIndex(from) + at), emptyFigures());
  }
  const total = emptyFigures();
  const unconverted = new Map<string, Dec>();
  for (const cell of cells) {
    const figures = groups.get(cell.key) ?? emptyFigures();
    groups.set(cell.key, figures);
    addTo(figures, cell);
    addTo(total, cell);
    if (!toDec(cell.unconverted).isZero())
      unconverted.set(cell.currency, sumDec([unconverted.get(cell.currency) ?? 0, cell.unconverted]));
  }

  const names =
    query.groupBy === "owner" ? await userNames(db, viewer.workspaceId, [...groups.keys()]) : undefined;
  const labelOf = (rowKey: string) => {
    if (query.groupBy === "country") return countries.getName(rowKey, "en") ?? rowKey;
    if (names) return names.get(rowKey) ?? rowKey;
    return rowKey;
  };
  const rows: SalesRow[] = [...groups].map(([rowKey, figures]) => ({
    key: rowKey,
    label: labelOf(rowKey),
    ...output(figures, workspace.currency),
  }));
  if (query.groupBy !== "month") {
    const amounts = new Map([...groups].map(([rowKey, figures]) => [rowKey, figures.amount]));
    rows.sort(
      (a, b) =>
        (amounts.get(b.key) ?? toDec(0)).comparedTo(amounts.get(a.key) ?? toDec(0)) ||
        a.key.localeCompare(b.key),
    );
  }
  return {
    reportingCurrency: workspace.currency,
    groupBy: query.groupBy,
    from,
    to,
    rows,
    total: output(total, workspace.currency),
    unconverted: [...unconverted]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => ({ currency, amount: formatMoney(amount, currency) })),
  };
}
