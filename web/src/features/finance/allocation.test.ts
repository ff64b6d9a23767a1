import { describe, expect, it } from "vitest";
import { allocationInput, netReceived, openInCurrency, suggestAllocations, summarise } from "./allocation";

function receivable(id: string, outstanding: string, dueDate: string | null, sequence = 1, currency = "USD") {
  return { id, outstanding, dueDate, sequence, orderNumber: "PI-2026-0001", currency };
}

const deposit = receivable("deposit", "300.00", "2026-03-01", 1);
const balance = receivable("balance", "700.00", "2026-04-15", 2);
const awaiting = receivable("awaiting", "500.00", null, 1);
const older = { ...receivable("older", "120.00", "2026-01-10", 2), orderNumber: "PI-2025-0042" };

describe("allocation suggestion", () => {
  it("fills the oldest receivables first and leaves the rest on the newest", () => {
    expect(suggestAllocations("500", [balance, awaiting, deposit, older])).toEqual({
      older: "120.00",
      deposit: "300.00",
      balance: "80.00",
    });
  });

  it("puts instalments still waiting for their event last", () => {
    expect(suggestAllocations("1500", [awaiting, balance, deposit])).toEqual({
      deposit: "300.00",
      balance: "700.00",
      awaiting: "500.00",
    });
  });

  it("suggests nothing for an amount that is not a decimal yet", () => {
    expect(suggestAllocations("12,5", [deposit])).toEqual({});
    expect(suggestAllocations(undefined, [deposit])).toEqual({});
  });

  it("keeps whole units for a currency without minor units", () => {
    const yen = receivable("yen", "150000", "2026-03-01", 1, "JPY");
    expect(suggestAllocations("100000", [yen])).toEqual({ yen: "100000" });
  });
});

describe("allocation summary", () => {
  it("shows an overpayment as unallocated", () => {
    const summary = summarise("1200.00", "USD", { deposit: "300", balance: "700" }, [deposit, balance]);
    expect(summary).toMatchObject({
      allocated: "1000.00",
      unallocated: "200.00",
      overAllocated: null,
      stillOwed: "0.00",
    });
  });

  it("shows what an under-payment leaves owed on the receivables it touches", () => {
    const summary = summarise("500", "USD", { deposit: "300", balance: "200" }, [deposit, balance]);
    expect(summary).toMatchObject({ allocated: "500.00", unallocated: "0.00", stillOwed: "500.00" });
  });

  it("flags more allocated than received, more than a receivable owes, and text that is no amount", () => {
    const summary = summarise("100", "USD", { deposit: "350", balance: "abc" }, [deposit, balance]);
    expect(summary.overAllocated).toBe("250.00");
    expect(summary.beyondOutstanding).toEqual(["deposit"]);
    expect(summary.invalid).toEqual(["balance"]);
  });

  it("sends only the filled-in, positive allocations of the receivables listed", () => {
    const typed = { deposit: "300.50", balance: "", awaiting: "0", older: "x", elsewhere: "50" };
    expect(allocationInput(typed, [deposit, balance, awaiting, older])).toEqual([
      { receivableId: "deposit", amount: "300.5" },
    ]);
  });

  it("lists only what is still owed in the payment's currency, oldest first", () => {
    const paid = receivable("paid", "0.00", "2026-01-01");
    const euro = receivable("euro", "50.00", "2026-01-01", 1, "EUR");
    expect(openInCurrency([balance, paid, euro, deposit], "USD").map((r) => r.id)).toEqual([
      "deposit",
      "balance",
    ]);
  });
});

describe("net received", () => {
  it("takes the bank charges off the amount, none meaning none", () => {
    expect(netReceived("760", "10", "USD")).toBe("750.00");
    expect(netReceived("760", "", "USD")).toBe("760.00");
    expect(netReceived("760", "ten", "USD")).toBeUndefined();
    expect(netReceived("", "10", "USD")).toBeUndefined();
  });
});
