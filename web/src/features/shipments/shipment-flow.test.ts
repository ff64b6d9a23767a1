import { describe, expect, it } from "vitest";
import { shipment } from "./shipment-fixtures";
import { logisticsBuckets, nextStatuses, quantityProblem, remainingQuantities } from "./shipment-flow";

const line = (orderLineId: string, quantity: string) => ({
  id: `${orderLineId}-${quantity}`,
  orderLineId,
  sku: null,
  description: orderLineId,
  unit: "pcs",
  quantity,
  cartons: null,
});

describe("next statuses", () => {
  it("offers the next step and cancelling while the goods have not left", () => {
    expect(nextStatuses("planned")).toEqual(["booked", "cancelled"]);
    expect(nextStatuses("booked")).toEqual(["loaded", "cancelled"]);
    expect(nextStatuses("loaded")).toEqual(["departed", "cancelled"]);
  });

  it("no longer offers cancelling once departed", () => {
    expect(nextStatuses("departed")).toEqual(["arrived"]);
    expect(nextStatuses("arrived")).toEqual(["delivered"]);
  });

  it("offers nothing at the end of the road", () => {
    expect(nextStatuses("delivered")).toEqual([]);
    expect(nextStatuses("cancelled")).toEqual([]);
  });
});

describe("remaining quantities", () => {
  const orderLines = [
    { id: "mug", quantity: "100" },
    { id: "lamp", quantity: "10.5" },
  ];

  it("subtracts every planned or moving shipment, exactly in decimals", () => {
    const left = remainingQuantities(orderLines, [
      shipment("1", "departed", { lines: [line("mug", "40"), line("lamp", "0.1")] }),
      shipment("2", "planned", { lines: [line("mug", "35.5"), line("lamp", "0.2")] }),
    ]);
    expect(left.get("mug")).toBe("24.5");
    expect(left.get("lamp")).toBe("10.2");
  });

  it("gives a cancelled shipment's quantities back", () => {
    const left = remainingQuantities(orderLines, [
      shipment("1", "cancelled", { lines: [line("mug", "100")] }),
    ]);
    expect(left.get("mug")).toBe("100");
  });

  it("never goes below zero", () => {
    const left = remainingQuantities(orderLines, [shipment("1", "booked", { lines: [line("mug", "120")] })]);
    expect(left.get("mug")).toBe("0");
  });
});

describe("quantity problems", () => {
  it("accepts up to what is left", () => {
    expect(quantityProblem("24.5", "24.5")).toBeUndefined();
    expect(quantityProblem("1", "24.5")).toBeUndefined();
  });

  it("refuses more than is left, zero, negatives and text", () => {
    expect(quantityProblem("24.6", "24.5")).toBe("tooMuch");
    expect(quantityProblem("0", "24.5")).toBe("positive");
    expect(quantityProblem("-1", "24.5")).toBe("positive");
    expect(quantityProblem("abc", "24.5")).toBe("positive");
    expect(quantityProblem("", "24.5")).toBe("positive");
  });
});

describe("logistics buckets", () => {
  const today = "2026-11-25";
  const weekEnd = "2026-11-28";

  it("sorts shipments into departing this week, in transit and arriving soon", () => {
    const buckets = logisticsBuckets(
      [
        shipment("late", "booked", { etd: "2026-11-20" }),
        shipment("week", "planned", { etd: "2026-11-27" }),
        shipment("later", "booked", { etd: "2026-12-05" }),
        shipment("undated", "planned"),
        shipment("cancelled", "cancelled", { etd: "2026-11-26" }),
        shipment("sea", "departed", { etd: "2026-11-01", eta: "2026-12-20" }),
        shipment("soon", "departed", { eta: "2026-11-30" }),
        shipment("landed", "arrived", { eta: "2026-11-24" }),
      ],
      today,
      weekEnd,
      7,
    );
    expect(buckets.departingThisWeek.map((s) => s.id)).toEqual(["late", "week"]);
    expect(buckets.inTransit.map((s) => s.id)).toEqual(["soon", "sea"]);
    expect(buckets.arrivingSoon.map((s) => s.id)).toEqual(["soon"]);
  });

  it("counts an arrival exactly at the end of the window as soon, the day after as not", () => {
    const buckets = logisticsBuckets(
      [
        shipment("edge", "departed", { eta: "2026-12-02" }),
        shipment("after", "departed", { eta: "2026-12-03" }),
      ],
      today,
      weekEnd,
      7,
    );
    expect(buckets.arrivingSoon.map((s) => s.id)).toEqual(["edge"]);
  });
});
