import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { OrderStatus } from "../../../../shared/schemas/orders";

const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  draft: "default",
  pending_approval: "orange",
  confirmed: "blue",
  in_production: "geekblue",
  ready_to_ship: "cyan",
  partially_shipped: "purple",
  shipped: "purple",
  completed: "green",
  cancelled: "red",
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <Tag color={ORDER_STATUS_COLORS[status]}>{t(`orderStatus.${status}`)}</Tag>;
}
