import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ShipmentStatus } from "../../../../shared/schemas/shipments";

const SHIPMENT_STATUS_COLORS: Record<ShipmentStatus, string> = {
  planned: "default",
  booked: "blue",
  loaded: "geekblue",
  departed: "purple",
  arrived: "cyan",
  delivered: "green",
  cancelled: "red",
};

export function ShipmentStatusTag({ status }: { status: ShipmentStatus }) {
  const { t } = useTranslation();
  return <Tag color={SHIPMENT_STATUS_COLORS[status]}>{t(`shipmentStatus.${status}`)}</Tag>;
}
