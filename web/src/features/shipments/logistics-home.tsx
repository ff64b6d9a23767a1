import { Link } from "@tanstack/react-router";
import { Badge, Card, Col, Empty, Flex, Row, Typography, theme } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { OrderSummary } from "../../../../shared/schemas/orders";
import type { Shipment } from "../../../../shared/schemas/shipments";
import { dayjs, useCurrentMinute } from "../../lib/time";
import { useOrders } from "../orders/orders.api";
import { DateText } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { logisticsBuckets } from "./shipment-flow";
import { ShipmentStatusTag } from "./shipment-status-tag";
import { useShipments } from "./shipments.api";

const ARRIVING_SOON_DAYS = 7;
// The orders list is paged; one full page is what the home card looks at.
const READY_PAGE_SIZE = 200;

function Pile<T>({
  title,
  items,
  empty,
  loading,
  render,
}: {
  title: string;
  items: T[];
  empty: string;
  loading: boolean;
  render: (item: T) => ReactNode;
}) {
  const { token } = theme.useToken();
  return (
    <Card
      size="small"
      loading={loading}
      title={
        <Flex gap={8} align="center">
          {title}
          <Badge
            count={items.length}
            showZero
            color={items.length > 0 ? token.colorPrimary : token.colorTextQuaternary}
          />
        </Flex>
      }
      style={{ height: "100%" }}
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <Flex vertical gap={6}>
          {items.slice(0, 8).map(render)}
        </Flex>
      )}
    </Card>
  );
}

function ShipmentItem({ shipment, date }: { shipment: Shipment; date: "etd" | "eta" }) {
  const { t } = useTranslation();
  return (
    <Flex key={shipment.id} justify="space-between" gap={8} wrap>
      <span>
        <Link to="/shipments/$shipmentId" params={{ shipmentId: shipment.id }}>
          {shipment.number}
        </Link>{" "}
        <ShipmentStatusTag status={shipment.status} />
      </span>
      <Typography.Text type="secondary">
        {t(`shipmentFields.${date}`)}{" "}
        {shipment[date] ? <DateText value={shipment[date]} /> : t("logistics.noDate")}
      </Typography.Text>
    </Flex>
  );
}

function OrderItem({ order }: { order: OrderSummary }) {
  return (
    <Flex key={order.id} justify="space-between" gap={8} wrap>
      <Link to="/orders/$id" params={{ id: order.id }}>
        {order.number}
      </Link>
      <Typography.Text type="secondary">{order.customerName}</Typography.Text>
    </Flex>
  );
}

// Logistics' day at a glance: what leaves this week, what is on the water, what lands soon, and
// ready goods nobody has booked yet. Shipments come unpaged from the API; "ready to ship" orders are
// one page of the orders list, matched against those shipments here.
export function LogisticsHome() {
  const { t } = useTranslation();
  const me = useMe();
  const now = dayjs(useCurrentMinute()).tz(me.user.timeZone);
  const shipments = useShipments({});
  const ready = useOrders({ status: "ready_to_ship", pageSize: READY_PAGE_SIZE });
  const all = shipments.data?.items ?? [];
  const buckets = logisticsBuckets(
    all,
    now.format("YYYY-MM-DD"),
    now.endOf("week").format("YYYY-MM-DD"),
    ARRIVING_SOON_DAYS,
  );
  const planned = new Set(all.filter((s) => s.status !== "cancelled").map((s) => s.orderId));
  const unplanned = (ready.data?.items ?? []).filter((order) => !planned.has(order.id));

  return (
    <Card
      title={t("logistics.title")}
      extra={
        <Link to="/shipments" search={{}}>
          {t("logistics.openShipments")}
        </Link>
      }
    >
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={6}>
          <Pile
            title={t("logistics.departingThisWeek")}
            items={buckets.departingThisWeek}
            empty={t("logistics.noneDeparting")}
            loading={shipments.isPending}
            render={(shipment) => <ShipmentItem key={shipment.id} shipment={shipment} date="etd" />}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Pile
            title={t("logistics.inTransit")}
            items={buckets.inTransit}
            empty={t("logistics.noneInTransit")}
            loading={shipments.isPending}
            render={(shipment) => <ShipmentItem key={shipment.id} shipment={shipment} date="eta" />}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Pile
            title={t("logistics.arrivingSoon", { days: ARRIVING_SOON_DAYS })}
            items={buckets.arrivingSoon}
            empty={t("logistics.noneArriving")}
            loading={shipments.isPending}
            render={(shipment) => <ShipmentItem key={shipment.id} shipment={shipment} date="eta" />}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Pile
            title={t("logistics.readyToShip")}
            items={unplanned}
            empty={t("logistics.noneReady")}
            loading={ready.isPending || shipments.isPending}
            render={(order) => <OrderItem key={order.id} order={order} />}
          />
        </Col>
      </Row>
    </Card>
  );
}
