import Decimal from "decimal.js";
import type { Receivable } from "../../../../shared/schemas/receivables";
import { currencyDigits } from "../quotations/pricing";

export type CurrencyTotal = { currency: string; amount: string };
export type Bucket = { count: number; totals: CurrencyTotal[] };

// Amounts in different currencies are never added together: one total per currency.
export function bucket(receivables: readonly Pick<Receivable, "currency" | "outstanding">[]): Bucket {
  const sums = new Map<string, Decimal>();
  for (const r of receivables)
    sums.set(r.currency, (sums.get(r.currency) ?? new Decimal(0)).plus(r.outstanding));
  const totals = [...sums]
    .map(([currency, amount]) => ({ currency, amount: amount.toFixed(currencyDigits(currency)) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return { count: receivables.length, totals };
}

// What finance looks at first: what is late, and what falls due within `days` of today (a date
// string in the workspace's calendar, as the API's due dates are).
export function receivablesAtAGlance(
  receivables: readonly Pick<Receivable, "status" | "dueDate" | "currency" | "outstanding">[],
  today: string,
  days = 7,
): { overdue: Bucket; dueSoon: Bucket } {
  const horizon = addDays(today, days);
  return {
    overdue: bucket(receivables.filter((r) => r.status === "overdue")),
    dueSoon: bucket(
      receivables.filter(
        (r) => r.status === "open" && r.dueDate !== null && r.dueDate >= today && r.dueDate <= horizon,
      ),
    ),
  };
}

function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}
