import { and, eq, isNotNull } from "drizzle-orm";
import type { CreditLine, CreditReport } from "../../../../shared/schemas/credit";
import type { DbOrTx } from "../../db/client";
import { type Dec, formatMoney, toDec } from "../../lib/money";
import type { Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { converterOn } from "../fx/rates.service";
import { todayIn, workspaceContext } from "../quotations/commercial";
import { loadReceivables } from "../receivables/receivables.service";

// Customers with a credit limit, most used first. Shipping does not change exposure; payments do.
export async function creditReport(
  db: DbOrTx,
  viewer: Viewer,
  query: { date?: string | undefined },
  now = new Date(),
): Promise<CreditReport> {
  const { timeZone } = await workspaceContext(db, viewer.workspaceId);
  const date = query.date ?? todayIn(timeZone, now);
  const [limited, receivables, converter] = await Promise.all([
    db
      .select({
        id: customers.id,
        name: customers.name,
        ownerId: customers.ownerId,
        creditLimit: customers.creditLimit,
        currency: customers.creditLimitCurrency,
      })
      .from(customers)
      .where(
        and(
          eq(customers.workspaceId, viewer.workspaceId),
          isNotNull(customers.creditLimit),
          isNotNull(customers.creditLimitCurrency),
        ),
      ),
    loadReceivables(db, viewer, {}, date),
    converterOn(db, viewer.workspaceId, date),
  ]);
  const items = limited.flatMap((customer): CreditLine[] => {
    const { creditLimit, currency } = customer;
    if (creditLimit === null || currency === null) return [];
    const owed = receivables.filter((item) => item.customerId === customer.id && item.status !== "paid");
    // Only customers one may see an order of (or all, for finance) are listed.
    if (owed.length === 0 && viewer.role !== "admin" && viewer.role !== "finance") return [];
    let exposure: Dec = toDec(0);
    const unconverted = new Map<string, Dec>();
    for (const item of owed) {
      const value = converter.convert(item.outstanding, item.currency, currency);
      if (value === null)
        unconverted.set(item.currency, (unconverted.get(item.currency) ?? toDec(0)).plus(item.outstanding));
      else exposure = exposure.plus(value);
    }
    const limit = toDec(creditLimit);
    const used = limit.isZero()
      ? exposure.isZero()
        ? 0
        : 100
      : exposure.div(limit).times(100).toDecimalPlaces(1).toNumber();
    return [
      {
        customerId: customer.id,
        customerName: customer.name,
        ownerId: customer.ownerId,
        creditLimit: formatMoney(limit, currency),
        currency,
        exposure: formatMoney(exposure, currency),
        usedPercent: used,
        level: used > 100 ? "over" : used > 80 ? "warning" : "ok",
        unconverted: [...unconverted.entries()].map(([code, outstanding]) => ({
          currency: code,
          outstanding: formatMoney(outstanding, code),
        })),
      },
    ];
  });
  items.sort((a, b) => b.usedPercent - a.usedPercent || a.customerName.localeCompare(b.customerName));
  return { date, items };
}
