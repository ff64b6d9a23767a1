import { describe, expect, it } from "vitest";
import { receivablesAtAGlance } from "./finance-summary";

const base = { status: "open" as const, dueDate: "2026-03-10", currency: "USD", outstanding: "100.00" };

describe("finance at a glance", () => {
  it("totals overdue receivables per currency, never across currencies", () => {
    const glance = receivablesAtAGlance(
      [
        { ...base, status: "overdue", outstanding: "0.10" },
        { ...base, status: "overdue", outstanding: "0.20" },
        { ...base, status: "overdue", currency: "EUR", outstanding: "50" },
        { ...base, status: "overdue", currency: "JPY", outstanding: "150000" },
      ],
      "2026-03-10",
    );
    expect(glance.overdue).toEqual({
      count: 4,
      totals: [
        { currency: "EUR", amount: "50.00" },
        { currency: "JPY", amount: "150000" },
        { currency: "USD", amount: "0.30" },
      ],
    });
  });

  it("counts as due soon the open receivables due from today to seven days on, across a month end", () => {
    const glance = receivablesAtAGlance(
      [
        { ...base, dueDate: "2026-03-30" },
        { ...base, dueDate: "2026-04-06" },
        { ...base, dueDate: "2026-04-07" },
        { ...base, dueDate: "2026-03-29" },
        { ...base, dueDate: null, status: "awaiting_event" },
        { ...base, dueDate: "2026-04-01", status: "paid", outstanding: "0.00" },
      ],
      "2026-03-30",
    );
    expect(glance.dueSoon).toEqual({ count: 2, totals: [{ currency: "USD", amount: "200.00" }] });
    expect(glance.overdue).toEqual({ count: 0, totals: [] });
  });
});
