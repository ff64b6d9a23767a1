import { PlusOutlined } from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Button, Empty, Flex, Select, Table, type TableColumnsType, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { QUOTATION_STATUSES, type QuotationSummary } from "../../../../shared/schemas/quotations";
import { RelativeTime } from "../../components/date-time";
import { PageHeader } from "../../components/page-header";
import { useMe } from "../session/me-context";
import { CustomerSelect } from "./customer-select";
import { DEFAULT_PAGE_SIZE, type QuotationsSearch, useQuotations } from "./quotations.api";
import { DateText, formatAmount, QuotationStatusTag } from "./trade-display";

const route = getRouteApi("/app/quotations");

export function QuotationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const list = useQuotations(search);
  const canWrite = me.permissions.includes("quotations.write");
  const update = (patch: Partial<QuotationsSearch>) =>
    setSearch({ search: (previous) => ({ ...previous, page: undefined, ...patch }) });
  const filtered = search.status !== undefined || search.customerId !== undefined;

  const columns: TableColumnsType<QuotationSummary> = [
    {
      title: t("quotations.reference"),
      key: "reference",
      fixed: "left",
      render: (_, quotation) => (
        <Link to="/quotations/$id" params={{ id: quotation.id }} style={{ fontWeight: 500 }}>
          {quotation.reference}
        </Link>
      ),
    },
    {
      title: t("trade.customer"),
      key: "customer",
      render: (_, quotation) => (
        <Link to="/customers/$id" params={{ id: quotation.customerId }}>
          {quotation.customerName}
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
      title: t("trade.incoterm"),
      key: "incoterm",
      render: (_, quotation) => `${quotation.incoterm} ${quotation.namedPlace}`,
    },
    {
      title: t("trade.validUntil"),
      key: "validUntil",
      render: (_, quotation) => <DateText value={quotation.validUntil} />,
    },
    {
      title: t("trade.owner"),
      key: "owner",
      render: (_, quotation) => quotation.ownerName ?? t("common.none"),
    },
    {
      title: t("quotations.updated"),
      key: "updatedAt",
      render: (_, quotation) => <RelativeTime value={quotation.updatedAt} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t("quotations.title")}
        subtitle={t("quotations.subtitle")}
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate({ to: "/quotations/new", search: {} })}
            >
              {t("quotations.new")}
            </Button>
          ) : null
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          value={search.status}
          onChange={(status) => update({ status })}
          placeholder={t("quotations.allStatuses")}
          aria-label={t("quotations.status")}
          options={QUOTATION_STATUSES.map((status) => ({
            value: status,
            label: t(`quotationStatus.${status}`),
          }))}
          style={{ width: 180 }}
        />
        <CustomerSelect
          allowClear
          value={search.customerId}
          onChange={(customerId) => update({ customerId })}
          aria-label={t("trade.customer")}
          style={{ width: 280, maxWidth: "100%" }}
        />
      </Flex>
      <Table<QuotationSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: "max-content" }}
        locale={{
          emptyText: (
            <Empty description={filtered ? t("quotations.emptyFiltered") : t("quotations.empty")}>
              {canWrite && !filtered ? (
                <Button type="primary" onClick={() => void navigate({ to: "/quotations/new", search: {} })}>
                  {t("quotations.new")}
                </Button>
              ) : null}
            </Empty>
          ),
        }}
        pagination={{
          current: search.page ?? 1,
          pageSize: search.pageSize ?? DEFAULT_PAGE_SIZE,
          total: list.data?.total ?? 0,
          showTotal: (total) => t("quotations.total", { count: total }),
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
      <Typography.Text type="secondary">{t("quotations.latestOnly")}</Typography.Text>
    </>
  );
}
