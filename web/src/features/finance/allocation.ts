import Decimal from "decimal.js";
import type { Receivable } from "../../../../shared/schemas/receivables";
import { currencyDigits } from "../quotations/pricing";

// The payment drawer's arithmetic. The server allocates exactly what it is sent and computes the
// unallocated remainder itself; these figures only guide the person typing.

const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof Dec>;

const AMOUNT = /^\d{1,14}(\.\d{1,4})?$/;

type Open = Pick<Receivable, "id" | "dueDate" | "sequence" | "orderNumber" | "outstanding" | "currency">;

// A typed amount, or undefined while it is not (yet) a decimal the API accepts.
export function parseAmount(value: string | undefined): Dec | undefined {
  const text = value?.trim();
  return text && AMOUNT.test(text) ? new Dec(text) : undefined;
}

export function isPositive(value: string): boolean {
  return new Dec(value).gt(0);
}

function money(value: Dec, currency: string): string {
  return value.toFixed(currencyDigits(currency));
}

// Oldest first: a dated instalment before one still waiting for its event, earlier due dates first,
// then the order and the instalment's place in its schedule.
export function byAge(a: Open, b: Open): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return a.orderNumber.localeCompare(b.orderNumber) || a.sequence - b.sequence;
}

// The customer's open receivables in the payment's currency, as the drawer lists them.
export function openInCurrency<T extends Open>(receivables: readonly T[], currency: string | undefined): T[] {
  return receivables
    .filter((receivable) => receivable.currency === currency && new Dec(receivable.outstanding).gt(0))
    .sort(byAge);
}

// Fills the oldest receivables first with what was received, each up to what it still owes.
export function suggestAllocations(
  amount: string | undefined,
  receivables: readonly Open[],
): Record<string, string> {
  let left = parseAmount(amount) ?? new Dec(0);
  const suggestion: Record<string, string> = {};
  for (const receivable of [...receivables].sort(byAge)) {
    if (left.lte(0)) break;
    const share = Dec.min(left, new Dec(receivable.outstanding));
    if (share.lte(0)) continue;
    suggestion[receivable.id] = money(share, receivable.currency);
    left = left.minus(share);
  }
  return suggestion;
}

export type AllocationSummary = {
  allocated: string;
  // Received but settling nothing: an overpayment or money for a later invoice, kept on the payment.
  unallocated: string;
  // More allocated than was received: the server refuses this.
  overAllocated: string | null;
  // Allocations larger than what their receivable still owes, by receivable id.
  beyondOutstanding: string[];
  // Allocations that are not amounts, by receivable id.
  invalid: string[];
  // What stays owed on the receivables this payment touches: an under-payment.
  stillOwed: string;
};

export function summarise(
  amount: string | undefined,
  currency: string,
  allocations: Record<string, string | undefined>,
  receivables: readonly Open[],
): AllocationSummary {
  const received = parseAmount(amount) ?? new Dec(0);
  let allocated = new Dec(0);
  let stillOwed = new Dec(0);
  const beyondOutstanding: string[] = [];
  const invalid: string[] = [];
  for (const receivable of receivables) {
    const typed = allocations[receivable.id]?.trim();
    if (!typed) continue;
    const share = parseAmount(typed);
    if (!share) {
      invalid.push(receivable.id);
      continue;
    }
    const outstanding = new Dec(receivable.outstanding);
    if (share.gt(outstanding)) beyondOutstanding.push(receivable.id);
    else if (share.gt(0)) stillOwed = stillOwed.plus(outstanding.minus(share));
    allocated = allocated.plus(share);
  }
  const rest = received.minus(allocated);
  return {
    allocated: money(allocated, currency),
    unallocated: money(Dec.max(rest, 0), currency),
    overAllocated: rest.lt(0) ? money(rest.negated(), currency) : null,
    beyondOutstanding,
    invalid,
    stillOwed: money(stillOwed, currency),
  };
}

// What reached the account: the amount less what the banks kept, or undefined until both are amounts.
export function netReceived(amount: string | undefined, charges: string | undefined, currency: string) {
  const received = parseAmount(amount);
  const kept = charges?.trim() ? parseAmount(charges) : new Dec(0);
  return received && kept ? money(received.minus(kept), currency) : undefined;
}

// The allocations the API is sent: the filled-in, non-zero ones on the receivables listed, so an amount
// typed before the customer or currency changed is not sent along.
export function allocationInput(
  allocations: Record<string, string | undefined>,
  receivables: readonly Pick<Open, "id">[],
): { receivableId: string; amount: string }[] {
  return receivables.flatMap(({ id }) => {
    const share = parseAmount(allocations[id]);
    return share?.gt(0) ? [{ receivableId: id, amount: share.toString() }] : [];
  });
}
