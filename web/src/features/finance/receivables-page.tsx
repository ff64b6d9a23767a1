import { DollarOutlined } from "@ant-design/icons";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, Button, Card, Empty, Flex, Select, Table, type TableColumnsType, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Payment, Receivable } from "../../../../shared/schemas/receivables";
import { PageHeader } from "../../components/page-header";
import { errorMessage } from "../../lib/errors";
import { DateText, formatAmount } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { useAllUsers } from "../users/users.api";
import { isPositive } from "./allocation";
import { type ReceivablesSearch, usePayments, useReceivables } from "./finance.api";
import { DueText, ReceivableStatusTag } from "./finance-display";
import { bucket } from "./finance-summary";
import { PaymentDrawer, type PaymentStart } from "./payment-drawer";

const route = getRouteApi("/app/finance/receivables");

type Option = { value: string; label: string };

function uniqueOptions(items: Option[]): Option[] {
  const seen = new Map(items.map((item) => [item.value, item]));
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export function ReceivablesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const list = useReceivables(search);
  // The filters offer the customers and currencies that have receivables, whatever is filtered now.
  const everything = useReceivables({});
  const users = useAllUsers();
  const canWrite = me.permissions.includes("finance.write");
  const [payment, setPayment] = useState<PaymentStart>();
  const update = (patch: Partial<ReceivablesSearch>) =>
    setSearch({ search: (previous) => ({ ...previous, ...patch }) });
  const filtered = Object.values(search).some((value) => value !== undefined);
  const owed = bucket((list.data?.items ?? []).filter((r) => r.status !== "paid"));

  const all = everything.data?.items ?? [];
  const customers = useMemo(
    () => uniqueOptions(all.map((r) => ({ value: r.customerId, label: r.customerName }))),
    [all],
  );
  const currencies = useMemo(
    () => uniqueOptions(all.map((r) => ({ value: r.currency, label: r.currency }))),
    [all],
  );
  const ownerIds = new Set(all.map((r) => r.ownerId));
  const owners = (users.data?.items ?? [])
    .filter((user) => ownerIds.has(user.id))
    .map((user) => ({ value: user.id, label: user.name }));
  const ownerNames = new Map((users.data?.items ?? []).map((user) => [user.id, user.name]));

  const columns: TableColumnsType<Receivable> = [
    {
      title: t("finance.order"),
      key: "order",
      fixed: "left",
      render: (_, r) => (
        <Flex vertical>
          <Link to="/orders/$id" params={{ id: r.orderId }} style={{ fontWeight: 500 }}>
            {r.orderNumber}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("finance.instalment", { sequence: r.sequence })}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t("finance.customer"), key: "customer", render: (_, r) => r.customerName },
    {
      title: t("finance.owner"),
      key: "owner",
      render: (_, r) => ownerNames.get(r.ownerId) ?? t("common.none"),
    },
    {
      title: t("finance.amount"),
      key: "amount",
      align: "right",
      render: (_, r) => formatAmount(r.amount, r.currency),
    },
    {
      title: t("finance.paid"),
      key: "paid",
      align: "right",
      render: (_, r) => formatAmount(r.paid, r.currency),
    },
    {
      title: t("finance.outstanding"),
      key: "outstanding",
      align: "right",
      render: (_, r) => <Typography.Text strong>{formatAmount(r.outstanding, r.currency)}</Typography.Text>,
    },
    { title: t("finance.dueDate"), key: "due", render: (_, r) => <DueText receivable={r} /> },
    {
      title: t("finance.statusLabel"),
      key: "status",
      render: (_, r) => <ReceivableStatusTag status={r.status} />,
    },
    ...(canWrite
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, r: Receivable) =>
              r.status === "paid" ? null : (
                <Button
                  size="small"
                  aria-label={t("finance.recordFor", { order: r.orderNumber, sequence: r.sequence })}
                  onClick={() =>
                    setPayment({
                      customerId: r.customerId,
                      customerName: r.customerName,
                      currency: r.currency,
                    })
                  }
                >
                  {t("finance.record")}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t("finance.receivables.title")}
        subtitle={t("finance.receivables.subtitle")}
        extra={
          canWrite ? (
            <Button type="primary" icon={<DollarOutlined />} onClick={() => setPayment({})}>
              {t("finance.payment.new")}
            </Button>
          ) : null
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          value={search.customerId}
          onChange={(customerId) => update({ customerId })}
          placeholder={t("finance.allCustomers")}
          aria-label={t("finance.customer")}
          options={customers}
          style={{ width: 260, maxWidth: "100%" }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          value={search.ownerId}
          onChange={(ownerId) => update({ ownerId })}
          placeholder={t("finance.allOwners")}
          aria-label={t("finance.owner")}
          options={owners}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          value={search.currency}
          onChange={(currency) => update({ currency })}
          placeholder={t("finance.allCurrencies")}
          aria-label={t("finance.currency")}
          options={currencies}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          value={search.overdue === undefined ? undefined : String(search.overdue)}
          onChange={(value?: string) =>
            update({ overdue: value === undefined ? undefined : value === "true" })
          }
          placeholder={t("finance.anyDue")}
          aria-label={t("finance.overdueFilter")}
          options={[
            { value: "true", label: t("finance.overdueOnly") },
            { value: "false", label: t("finance.notOverdue") },
          ]}
          style={{ width: 180 }}
        />
      </Flex>
      {list.error ? (
        <Alert type="error" showIcon title={errorMessage(list.error, t)} style={{ marginBottom: 12 }} />
      ) : null}
      {owed.totals.length > 0 ? (
        <Typography.Paragraph style={{ marginBottom: 12 }}>
          {t("finance.receivables.owed")}{" "}
          <Typography.Text strong>
            {owed.totals.map((total) => formatAmount(total.amount, total.currency)).join(" · ")}
          </Typography.Text>
        </Typography.Paragraph>
      ) : null}
      <Table<Receivable>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: "max-content" }}
        locale={{
          emptyText: (
            <Empty
              description={filtered ? t("finance.receivables.emptyFiltered") : t("finance.receivables.empty")}
            />
          ),
        }}
        pagination={{
          pageSize: 20,
          hideOnSinglePage: true,
          showTotal: (total) => t("finance.receivables.total", { count: total }),
        }}
      />
      {canWrite ? <RecentPayments customerId={search.customerId} /> : null}
      <PaymentDrawer start={payment} onClose={() => setPayment(undefined)} />
    </>
  );
}

function RecentPayments({ customerId }: { customerId: string | undefined }) {
  const { t } = useTranslation();
  const payments = usePayments(customerId);
  const columns: TableColumnsType<Payment> = [
    {
      title: t("finance.payment.receivedAt"),
      key: "date",
      render: (_, p) => <DateText value={p.receivedAt} />,
    },
    {
      title: t("finance.payment.bankReference"),
      key: "ref",
      render: (_, p) => p.bankReference ?? t("common.none"),
    },
    {
      title: t("finance.amount"),
      key: "amount",
      align: "right",
      render: (_, p) => formatAmount(p.amount, p.currency),
    },
    {
      title: t("finance.payment.bankCharges"),
      key: "charges",
      align: "right",
      render: (_, p) => formatAmount(p.bankCharges, p.currency),
    },
    {
      title: t("finance.payment.allocatedTo"),
      key: "allocations",
      render: (_, p) =>
        p.allocations.map((a) => `${a.orderNumber} ${formatAmount(a.amount, p.currency)}`).join(", ") ||
        t("common.none"),
    },
    {
      title: t("finance.payment.unallocated"),
      key: "unallocated",
      align: "right",
      render: (_, p) =>
        isPositive(p.unallocated) ? (
          <Typography.Text type="warning">{formatAmount(p.unallocated, p.currency)}</Typography.Text>
        ) : (
          formatAmount(p.unallocated, p.currency)
        ),
    },
    {
      title: t("finance.payment.bookedRate"),
      key: "rate",
      render: (_, p) =>
        p.fxRate?.rate ? (
          <span title={p.fxRate.date}>
            1 {p.currency} = {p.fxRate.rate} {p.fxRate.reportingCurrency}
          </span>
        ) : (
          <Typography.Text type="secondary">{p.fxRate?.note ?? t("common.none")}</Typography.Text>
        ),
    },
  ];
  return (
    <Card title={t("finance.payment.recent")} size="small" style={{ marginTop: 16 }}>
      <Table<Payment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={payments.data?.items}
        loading={payments.isFetching}
        scroll={{ x: "max-content" }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t("finance.payment.none")} /> }}
      />
    </Card>
  );
}
