import { PlusOutlined } from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Button, Empty, Flex, Select, Table, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { can } from "../../../../shared/permissions";
import { ORDER_STATUSES, type OrderSummary } from "../../../../shared/schemas/orders";
import { RelativeTime } from "../../components/date-time";
import { PageHeader } from "../../components/page-header";
import { CustomerSelect } from "../quotations/customer-select";
import { DEFAULT_PAGE_SIZE } from "../quotations/quotations.api";
import { DateText, formatAmount } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { useAllUsers } from "../users/users.api";
import { OrderStatusTag } from "./order-status-tag";
import { type OrdersSearch, useOrders } from "./orders.api";

const route = getRouteApi("/app/orders");

export function OrdersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const list = useOrders(search);
  const users = useAllUsers();
  const canWrite = me.permissions.includes("orders.write");
  const owners = (users.data?.items ?? []).filter((user) => can(user.role, "orders.write"));
  const update = (patch: Partial<OrdersSearch>) =>
    setSearch({ search: (previous) => ({ ...previous, page: undefined, ...patch }) });
  const filtered = [search.status, search.customerId, search.ownerId].some((value) => value !== undefined);

  const columns: TableColumnsType<OrderSummary> = [
    {
      title: t("orders.number"),
      key: "number",
      fixed: "left",
      render: (_, order) => (
        <Link to="/orders/$id" params={{ id: order.id }} style={{ fontWeight: 500 }}>
          {order.number}
        </Link>
      ),
    },
    {
      title: t("trade.customer"),
      key: "customer",
      render: (_, order) => (
        <Link to="/customers/$id" params={{ id: order.customerId }}>
          {order.customerName}
        </Link>
      ),
    },
    {
      title: t("orders.status"),
      key: "status",
      render: (_, order) => <OrderStatusTag status={order.status} />,
    },
    {
      title: t("trade.total"),
      key: "total",
      align: "right",
      render: (_, order) => formatAmount(order.total, order.currency),
    },
    {
      title: t("trade.requestedDeliveryDate"),
      key: "delivery",
      render: (_, order) => <DateText value={order.requestedDeliveryDate} />,
    },
    { title: t("trade.owner"), key: "owner", render: (_, order) => order.ownerName ?? t("common.none") },
    {
      title: t("orders.updated"),
      key: "updatedAt",
      render: (_, order) => <RelativeTime value={order.updatedAt} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t("orders.title")}
        subtitle={t("orders.subtitle")}
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate({ to: "/orders/new", search: {} })}
            >
              {t("orders.new")}
            </Button>
          ) : null
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          value={search.status}
          onChange={(status) => update({ status })}
          placeholder={t("orders.allStatuses")}
          aria-label={t("orders.status")}
          options={ORDER_STATUSES.map((status) => ({ value: status, label: t(`orderStatus.${status}`) }))}
          style={{ width: 180 }}
        />
        {/* Logistics and finance see orders without the customer directory the picker searches. */}
        {me.permissions.includes("customers.read") ? (
          <CustomerSelect
            allowClear
            value={search.customerId}
            onChange={(customerId) => update({ customerId })}
            aria-label={t("trade.customer")}
            style={{ width: 280, maxWidth: "100%" }}
          />
        ) : null}
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          value={search.ownerId}
          onChange={(ownerId) => update({ ownerId })}
          placeholder={t("orders.allOwners")}
          aria-label={t("trade.owner")}
          loading={users.isPending}
          options={owners.map((user) => ({ value: user.id, label: user.name }))}
          style={{ width: 200 }}
        />
      </Flex>
      <Table<OrderSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: "max-content" }}
        locale={{
          emptyText: <Empty description={filtered ? t("orders.emptyFiltered") : t("orders.empty")} />,
        }}
        pagination={{
          current: search.page ?? 1,
          pageSize: search.pageSize ?? DEFAULT_PAGE_SIZE,
          total: list.data?.total ?? 0,
          showTotal: (total) => t("orders.total", { count: total }),
          hideOnSinglePage: true,
          onChange: (page, pageSize) =>
            setSearch({
              search: (previous) => ({
                ...previous,
                page,
                pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : pageSize,
              }),
            }),
        }}
      />
    </>
  );
}
