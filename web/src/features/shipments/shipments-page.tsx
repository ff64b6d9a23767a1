import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import {
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  List,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { useTranslation } from "react-i18next";
import { SHIPMENT_STATUSES, type Shipment } from "../../../../shared/schemas/shipments";
import { PageHeader } from "../../components/page-header";
import { DateText } from "../quotations/trade-display";
import { Ports, ShipmentCustomer, ShipmentLink, scheduleColumns } from "./shipment-parts";
import { ShipmentStatusTag } from "./shipment-status-tag";
import { type ShipmentsSearch, useShipments } from "./shipments.api";

const route = getRouteApi("/app/shipments");
const PAGE_SIZE = 20;

export function ShipmentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const list = useShipments({ status: search.status });
  const items = list.data?.items ?? [];
  const page = search.page ?? 1;
  const update = (patch: Partial<ShipmentsSearch>) =>
    setSearch({ search: (previous) => ({ ...previous, page: undefined, ...patch }) });

  const empty = (
    <Empty description={search.status ? t("shipments.emptyFiltered") : t("shipments.empty")}>
      {search.status ? (
        <Button onClick={() => update({ status: undefined })}>{t("shipments.allStatuses")}</Button>
      ) : (
        <Button type="primary" onClick={() => void navigate({ to: "/orders", search: {} })}>
          {t("shipments.goToOrders")}
        </Button>
      )}
    </Empty>
  );

  const columns: TableColumnsType<Shipment> = [
    {
      title: t("shipmentFields.number"),
      key: "number",
      fixed: "left",
      render: (_, shipment) => <ShipmentLink shipment={shipment} />,
    },
    {
      title: t("shipmentFields.order"),
      key: "order",
      render: (_, shipment) => (
        <Link to="/orders/$id" params={{ id: shipment.orderId }}>
          {shipment.orderNumber}
        </Link>
      ),
    },
    {
      title: t("shipmentFields.customer"),
      key: "customer",
      render: (_, shipment) => <ShipmentCustomer order={shipment} />,
    },
    {
      title: t("shipmentFields.mode"),
      key: "mode",
      render: (_, shipment) => t(`shipmentModes.${shipment.mode}`),
    },
    {
      title: t("shipmentFields.ports"),
      key: "ports",
      render: (_, shipment) => <Ports shipment={shipment} />,
    },
    ...scheduleColumns(t),
    {
      title: t("shipmentFields.status"),
      key: "status",
      render: (_, shipment) => <ShipmentStatusTag status={shipment.status} />,
    },
  ];

  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: items.length,
    showTotal: (total: number) => t("shipments.total", { count: total }),
    hideOnSinglePage: true,
    showSizeChanger: false,
    onChange: (next: number) =>
      setSearch({ search: (previous) => ({ ...previous, page: next === 1 ? undefined : next }) }),
  };

  return (
    <>
      <PageHeader title={t("shipments.title")} subtitle={t("shipments.subtitle")} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          value={search.status}
          onChange={(status) => update({ status })}
          placeholder={t("shipments.allStatuses")}
          aria-label={t("shipmentFields.status")}
          options={SHIPMENT_STATUSES.map((status) => ({
            value: status,
            label: t(`shipmentStatus.${status}`),
          }))}
          style={{ width: 180 }}
        />
      </Flex>
      {screens.md === false ? (
        // Below `md` eight columns cannot be read: each shipment becomes a card.
        <List
          loading={list.isFetching}
          dataSource={items}
          locale={{ emptyText: empty }}
          pagination={pagination}
          renderItem={(shipment) => (
            <List.Item key={shipment.id} style={{ padding: "6px 0", border: 0 }}>
              <Card size="small" style={{ width: "100%" }}>
                <Flex vertical gap={4}>
                  <Flex justify="space-between" gap={8}>
                    <ShipmentLink shipment={shipment} />
                    <ShipmentStatusTag status={shipment.status} />
                  </Flex>
                  <Space size={4} wrap>
                    <Link to="/orders/$id" params={{ id: shipment.orderId }}>
                      {shipment.orderNumber}
                    </Link>
                    <span>·</span>
                    <ShipmentCustomer order={shipment} />
                  </Space>
                  <Typography.Text type="secondary">
                    {t(`shipmentModes.${shipment.mode}`)} · <Ports shipment={shipment} />
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t("shipmentFields.etd")} <DateText value={shipment.etd} /> · {t("shipmentFields.eta")}{" "}
                    <DateText value={shipment.eta} />
                  </Typography.Text>
                </Flex>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<Shipment>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: empty }}
          pagination={pagination}
        />
      )}
    </>
  );
}
