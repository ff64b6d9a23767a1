import { PlusOutlined } from "@ant-design/icons";
import { Link, useNavigate } from "@tanstack/react-router";
import { Button, Flex, Table, type TableColumnsType, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useQuotations } from "../quotations/quotations.api";
import { DateText, formatAmount, QuotationStatusTag } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { OrderStatusTag } from "./order-status-tag";
import { useOrders } from "./orders.api";

// One of the tab's two lists: a heading, a "new" button for those who may write, and the documents.
function TradeSection<Row extends { id: string }>({
  title,
  newLabel,
  onNew,
  loading,
  rows,
  emptyText,
  columns,
}: {
  title: string;
  newLabel: string;
  onNew: (() => void) | undefined;
  loading: boolean;
  rows: Row[] | undefined;
  emptyText: string;
  columns: TableColumnsType<Row>;
}) {
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {onNew ? (
          <Button size="small" icon={<PlusOutlined />} onClick={onNew}>
            {newLabel}
          </Button>
        ) : null}
      </Flex>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText }}
        columns={columns}
      />
    </Flex>
  );
}

function CustomerQuotations({ customerId, canWrite }: { customerId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useQuotations({ customerId, pageSize: 50 });
  return (
    <TradeSection
      title={t("quotations.title")}
      newLabel={t("quotations.new")}
      onNew={canWrite ? () => void navigate({ to: "/quotations/new", search: { customerId } }) : undefined}
      loading={list.isFetching}
      rows={list.data?.items}
      emptyText={t("quotations.emptyCustomer")}
      columns={[
        {
          title: t("quotations.reference"),
          key: "reference",
          render: (_, quotation) => (
            <Link to="/quotations/$id" params={{ id: quotation.id }}>
              {quotation.reference}
            </Link>
          ),
        },
        {
          title: t("quotations.status"),
          key: "status",
          render: (_, quotation) => <QuotationStatusTag status={quotation.status} />,
        },
        {
          title: t("trade.total"),
          key: "total",
          align: "right",
          render: (_, quotation) => formatAmount(quotation.total, quotation.currency),
        },
        {
          title: t("trade.validUntil"),
          key: "validUntil",
          render: (_, quotation) => <DateText value={quotation.validUntil} />,
        },
      ]}
    />
  );
}

function CustomerOrders({ customerId, canWrite }: { customerId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useOrders({ customerId, pageSize: 50 });
  return (
    <TradeSection
      title={t("orders.title")}
      newLabel={t("orders.new")}
      onNew={canWrite ? () => void navigate({ to: "/orders/new", search: { customerId } }) : undefined}
      loading={list.isFetching}
      rows={list.data?.items}
      emptyText={t("orders.emptyCustomer")}
      columns={[
        {
          title: t("orders.number"),
          key: "number",
          render: (_, order) => (
            <Link to="/orders/$id" params={{ id: order.id }}>
              {order.number}
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
      ]}
    />
  );
}

// The customer page's "Quotations & orders" tab: the documents exchanged with this customer.
export function CustomerTradeTab({ customerId }: { customerId: string }) {
  const me = useMe();
  const can = (permission: (typeof me.permissions)[number]) => me.permissions.includes(permission);
  return (
    <Flex vertical gap={24}>
      {can("quotations.read") ? (
        <CustomerQuotations customerId={customerId} canWrite={can("quotations.write")} />
      ) : null}
      {can("orders.read") ? <CustomerOrders customerId={customerId} canWrite={can("orders.write")} /> : null}
    </Flex>
  );
}
