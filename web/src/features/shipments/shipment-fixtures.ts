import type { Shipment, ShipmentStatus } from "../../../../shared/schemas/shipments";

// A shipment as the API returns it, with nothing filled in but what a test sets.
export function shipment(id: string, status: ShipmentStatus, extra: Partial<Shipment> = {}): Shipment {
  return {
    id,
    number: `PI-1-S${id}`,
    orderId: "order",
    orderNumber: "PI-1",
    customerId: "customer",
    customerName: "Acme Trading GmbH",
    status,
    mode: "sea_fcl",
    forwarder: null,
    portOfLoading: null,
    portOfDischarge: null,
    etd: null,
    eta: null,
    containerType: null,
    containerNumber: null,
    sealNumber: null,
    vessel: null,
    voyage: null,
    bookingNumber: null,
    blNumber: null,
    blDate: null,
    customsDeclarationNumber: null,
    trackingNumber: null,
    departedAt: null,
    arrivedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    lines: [],
    createdAt: "2026-11-01T00:00:00Z",
    updatedAt: "2026-11-01T00:00:00Z",
    ...extra,
  };
}
