import { describe, expect, it } from "vitest";
import { dayjs } from "../../lib/time";
import { detailInput, detailValuesOf, shipmentChanges } from "./shipment-details";
import { shipment } from "./shipment-fixtures";

const booked = shipment("1", "booked", {
  forwarder: "Ningbo Ocean Freight",
  portOfLoading: "Ningbo",
  etd: "2026-12-07",
  blNumber: "COSU6318204550",
});

describe("shipment details in the edit form", () => {
  it("round-trips a shipment through the form without a change", () => {
    expect(shipmentChanges(booked, detailValuesOf(booked))).toEqual({});
  });

  it("sends only what changed, with dates as calendar days", () => {
    const values = { ...detailValuesOf(booked), vessel: "COSCO Pride", eta: dayjs("2027-01-04T00:00:00") };
    expect(shipmentChanges(booked, values)).toEqual({ vessel: "COSCO Pride", eta: "2027-01-04" });
  });

  it("clears an emptied detail with null and trims what is typed", () => {
    const values = { ...detailValuesOf(booked), forwarder: "  ", portOfLoading: " Shanghai ", etd: null };
    expect(shipmentChanges(booked, values)).toEqual({
      forwarder: null,
      portOfLoading: "Shanghai",
      etd: null,
    });
  });

  it("sends a new mode", () => {
    expect(shipmentChanges(booked, { ...detailValuesOf(booked), mode: "air" })).toEqual({ mode: "air" });
  });

  it("names every detail for a new shipment, blanks as null", () => {
    const input = detailInput({ mode: "sea_fcl", forwarder: "Kuehne+Nagel" });
    expect(input.forwarder).toBe("Kuehne+Nagel");
    expect(input.blDate).toBeNull();
    expect(input.trackingNumber).toBeNull();
  });
});
