import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Typography } from "antd";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../../../shared/permissions";
import type { SalesReport, SalesRow } from "../../../../shared/schemas/sales";
import { CountryLabel } from "../../components/country-label";
import { currentLocale } from "../../i18n";
import { formatAmount } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { useSalesReport } from "./sales.api";
import type { Bar } from "./sales-bar-chart";

const SalesBarChart = lazy(() =>
  import("./sales-bar-chart").then((module) => ({ default: module.SalesBarChart })),
);

const TOP = 5;

function monthLabel(key: string): string {
  const [year = 0, month = 1] = key.split("-").map(Number);
  return new Intl.DateTimeFormat(currentLocale(), {
    month: "short",
    year: "2-digit",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, month - 1, 1)));
}

function TopTable({
  title,
  report,
  column,
  render,
}: {
  title: string;
  report: SalesReport | undefined;
  column: string;
  render: (row: SalesRow) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table<SalesRow>
      size="small"
      title={() => <Typography.Text strong>{title}</Typography.Text>}
      loading={!report}
      rowKey="key"
      pagination={false}
      dataSource={report?.rows.slice(0, TOP) ?? []}
      columns={[
        { key: "label", title: column, render: (_, row) => render(row) },
        { key: "orders", title: t("sales.orders"), dataIndex: "orders", align: "right", width: 80 },
        {
          key: "amount",
          title: t("sales.amount"),
          align: "right",
          render: (_, row) => formatAmount(row.amount, report?.reportingCurrency ?? ""),
        },
      ]}
    />
  );
}

// Those who sell or lead sellers; logistics and finance read orders for other reasons.
const SELLING_ROLES: readonly Role[] = ["admin", "manager", "sales"];

// The home page's sales card: the last 12 months by month, and the countries and reps behind them,
// over what the viewer may see (their own, their team's, or everyone's).
export function SalesCard() {
  const me = useMe();
  return SELLING_ROLES.includes(me.user.role) ? <SalesFigures role={me.user.role} /> : null;
}

function SalesFigures({ role }: { role: Role }) {
  const { t } = useTranslation();
  const me = useMe();
  const byMonth = useSalesReport("month");
  const byCountry = useSalesReport("country");
  // A rep's own sales have one rep.
  const byOwner = useSalesReport("owner", { enabled: role !== "sales" });
  const report = byMonth.data;
  const currency = report?.reportingCurrency ?? me.workspace.currency;

  const bars = useMemo<Bar[]>(
    () =>
      (report?.rows ?? []).map((row) => ({
        label: monthLabel(row.key),
        // The chart only draws; figures people read stay decimal strings.
        value: Number(row.amount),
        tooltip: `${formatAmount(row.amount, currency)} · ${t("sales.orders")}: ${row.orders}`,
      })),
    [report, currency, t],
  );
  const scope =
    role === "admin" || role === "finance" ? "scopeAll" : role === "manager" ? "scopeTeam" : "scopeOwn";

  return (
    <Card
      title={t("sales.title")}
      extra={<Typography.Text type="secondary">{t(`sales.${scope}`)}</Typography.Text>}
    >
      {report && report.total.orders === 0 ? (
        <Empty description={t("sales.empty")} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Flex gap={32} style={{ marginBottom: 8 }}>
              <Statistic
                title={t("sales.total")}
                value={report ? formatAmount(report.total.amount, currency) : "…"}
              />
              <Statistic title={t("sales.orders")} value={report?.total.orders ?? "…"} />
            </Flex>
            <Suspense fallback={<Skeleton active />}>
              {report ? (
                <SalesBarChart bars={bars} ariaLabel={t("sales.chartLabel", { currency })} />
              ) : (
                <Skeleton active />
              )}
            </Suspense>
            {report && report.unconverted.length > 0 ? (
              <Typography.Text type="secondary">
                {t("sales.unconverted", {
                  currency,
                  amounts: report.unconverted
                    .map((entry) => formatAmount(entry.amount, entry.currency))
                    .join(", "),
                })}
              </Typography.Text>
            ) : null}
          </Col>
          <Col xs={24} lg={10}>
            <Flex vertical gap={16}>
              <TopTable
                title={t("sales.topCountries")}
                report={byCountry.data}
                column={t("sales.country")}
                render={(row) => <CountryLabel code={row.key} />}
              />
              {role !== "sales" ? (
                <TopTable
                  title={t("sales.topReps")}
                  report={byOwner.data}
                  column={t("sales.rep")}
                  render={(row) => row.label}
                />
              ) : null}
            </Flex>
          </Col>
        </Row>
      )}
    </Card>
  );
}
