import { DownloadOutlined } from "@ant-design/icons";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, Button, Empty, Flex, Segmented, Table, type TableColumnsType, Typography } from "antd";
import Decimal from "decimal.js";
import { useTranslation } from "react-i18next";
import type { AgingReport } from "../../../../shared/schemas/receivables";
import { PageHeader } from "../../components/page-header";
import { errorMessage } from "../../lib/errors";
import { DateText, formatAmount } from "../quotations/trade-display";
import { type AgingGroup, agingExportUrl, useAging } from "./finance.api";

const route = getRouteApi("/app/finance/aging");

type Group = AgingReport["groups"][number];
const BUCKETS = ["current", "d1_30", "d31_60", "d61_90", "over90", "total"] as const;

function columnTotals(groups: Group[]): Record<(typeof BUCKETS)[number], string> {
  const sum = (bucket: (typeof BUCKETS)[number]) =>
    groups.reduce((total, group) => total.plus(group[bucket]), new Decimal(0)).toFixed(2);
  return {
    current: sum("current"),
    d1_30: sum("d1_30"),
    d31_60: sum("d31_60"),
    d61_90: sum("d61_90"),
    over90: sum("over90"),
    total: sum("total"),
  };
}

export function AgingPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const groupBy: AgingGroup = search.groupBy ?? "customer";
  const report = useAging(groupBy);
  const currency = report.data?.reportingCurrency ?? "";
  const groups = report.data?.groups ?? [];
  const totals = columnTotals(groups);

  const amountColumn = (bucket: (typeof BUCKETS)[number]) => ({
    title: t(`finance.aging.${bucket}`),
    key: bucket,
    align: "right" as const,
    render: (_: unknown, group: Group) => {
      const text = formatAmount(group[bucket], currency);
      if (bucket === "total") return <Typography.Text strong>{text}</Typography.Text>;
      const late = bucket !== "current" && new Decimal(group[bucket]).gt(0);
      return late ? <Typography.Text type="danger">{text}</Typography.Text> : text;
    },
  });

  const columns: TableColumnsType<Group> = [
    {
      title: t(`finance.aging.by.${groupBy}`),
      key: "label",
      fixed: "left",
      render: (_, group) =>
        groupBy === "customer" ? (
          <Link to="/finance/receivables" search={{ customerId: group.key }}>
            {group.label}
          </Link>
        ) : groupBy === "owner" ? (
          <Link to="/finance/receivables" search={{ ownerId: group.key }}>
            {group.label}
          </Link>
        ) : (
          group.label
        ),
    },
    ...BUCKETS.map(amountColumn),
  ];

  return (
    <>
      <PageHeader
        title={t("finance.aging.title")}
        subtitle={
          report.data ? (
            <span>
              {t("finance.aging.subtitle", { currency })} · <DateText value={report.data.asOf} />
            </span>
          ) : (
            t("finance.aging.subtitleLoading")
          )
        }
        extra={
          <Button icon={<DownloadOutlined />} href={agingExportUrl(groupBy)} download>
            {t("finance.aging.export")}
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented<AgingGroup>
          value={groupBy}
          onChange={(value) =>
            void setSearch({ search: { groupBy: value === "customer" ? undefined : value } })
          }
          options={(["customer", "owner", "currency"] as const).map((value) => ({
            value,
            label: t(`finance.aging.by.${value}`),
          }))}
        />
      </Flex>
      {report.error ? (
        <Alert type="error" showIcon title={errorMessage(report.error, t)} style={{ marginBottom: 12 }} />
      ) : null}
      {report.data && report.data.unconverted.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("finance.aging.unconverted", {
            list: report.data.unconverted.map((u) => formatAmount(u.outstanding, u.currency)).join(", "),
          })}
          action={
            <Link to="/finance/fx-rates">
              <Button size="small">{t("finance.fx.add")}</Button>
            </Link>
          }
        />
      ) : null}
      <Table<Group>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={groups}
        loading={report.isFetching}
        scroll={{ x: "max-content" }}
        pagination={false}
        locale={{ emptyText: <Empty description={t("finance.aging.empty")} /> }}
        summary={() =>
          groups.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t("finance.aging.allGroups")}</Typography.Text>
              </Table.Summary.Cell>
              {BUCKETS.map((bucket, index) => (
                <Table.Summary.Cell key={bucket} index={index + 1} align="right">
                  <Typography.Text strong>{formatAmount(totals[bucket], currency)}</Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
