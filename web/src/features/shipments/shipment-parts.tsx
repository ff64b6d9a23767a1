import { Link } from "@tanstack/react-router";
import { type TableColumnsType, Typography } from "antd";
import type { TFunction } from "i18next";
import type { Order } from "../../../../shared/schemas/orders";
import type { Shipment } from "../../../../shared/schemas/shipments";
import { RelativeTime } from "../../components/date-time";
import { DateText } from "../quotations/trade-display";
import { useMe } from "../session/me-context";

// Pieces every shipment view shows the same way: the list, the record, the order's section, the home.

// An order's customer knows more than a shipment's; both name it.
type CustomerRef = Pick<Order, "customerId" | "customerName">;

export function ShipmentCustomer({ order }: { order: CustomerRef | undefined }) {
  const me = useMe();
  if (!order) return <Typography.Text type="secondary">…</Typography.Text>;
  // Logistics sees orders but not the sales pipeline: the name without a link to the customer record.
  if (!me.permissions.includes("customers.read")) return <span>{order.customerName}</span>;
  return (
    <Link to="/customers/$id" params={{ id: order.customerId }}>
      {order.customerName}
    </Link>
  );
}

export function Ports({ shipment }: { shipment: Pick<Shipment, "portOfLoading" | "portOfDischarge"> }) {
  if (!shipment.portOfLoading && !shipment.portOfDischarge) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  return (
    <span>
      {shipment.portOfLoading ?? "?"} → {shipment.portOfDischarge ?? "?"}
    </span>
  );
}

export function ShipmentLink({ shipment }: { shipment: Shipment }) {
  return (
    <Link to="/shipments/$shipmentId" params={{ shipmentId: shipment.id }} style={{ fontWeight: 500 }}>
      {shipment.number}
    </Link>
  );
}

export function TimestampText({ value }: { value: string | null }) {
  return value ? <RelativeTime value={value} /> : <Typography.Text type="secondary">—</Typography.Text>;
}

export function scheduleColumns(t: TFunction): TableColumnsType<Shipment> {
  return [
    {
      title: t("shipmentFields.etd"),
      key: "etd",
      render: (_, shipment) => <DateText value={shipment.etd} />,
    },
    {
      title: t("shipmentFields.eta"),
      key: "eta",
      render: (_, shipment) => <DateText value={shipment.eta} />,
    },
  ];
}
