import { AlertOutlined, ClockCircleOutlined, FundOutlined, WarningOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import { Button, Card, Col, Flex, Row, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { dayjs } from "../../lib/time";
import { formatAmount } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { useCreditReport, useReceivables } from "./finance.api";
import { type Bucket, receivablesAtAGlance } from "./finance-summary";

function Totals({ bucket }: { bucket: Bucket }) {
  const { t } = useTranslation();
  if (bucket.totals.length === 0)
    return <Typography.Text type="secondary">{t("common.none")}</Typography.Text>;
  return (
    <Flex vertical>
      {bucket.totals.map((total) => (
        <Typography.Text key={total.currency}>{formatAmount(total.amount, total.currency)}</Typography.Text>
      ))}
    </Flex>
  );
}

function Tile({
  title,
  icon,
  count,
  children,
  danger,
}: {
  title: string;
  icon: ReactNode;
  count: number | undefined;
  children: ReactNode;
  danger?: boolean;
}) {
  return (
    <Card size="small" style={{ height: "100%" }}>
      <Statistic
        title={
          <span>
            {icon} {title}
          </span>
        }
        value={count ?? "…"}
        styles={danger && count ? { content: { color: "#cf1322" } } : undefined}
      />
      <div style={{ marginTop: 8 }}>{children}</div>
    </Card>
  );
}

// The finance part of the home page: what is late, what falls due this week, who is over the limit.
export function FinanceHome() {
  const { t } = useTranslation();
  const me = useMe();
  const receivables = useReceivables({});
  const credit = useCreditReport();
  const today = dayjs().tz(me.workspace.timeZone).format("YYYY-MM-DD");
  const glance = receivablesAtAGlance(receivables.data?.items ?? [], today);
  const over = (credit.data?.items ?? []).filter((line) => line.level === "over");
  const loaded = receivables.data !== undefined;

  return (
    <Card
      title={
        <span>
          <FundOutlined /> {t("finance.home.title")}
        </span>
      }
      extra={
        <Link to="/finance/aging" search={{}}>
          <Button size="small">{t("finance.home.aging")}</Button>
        </Link>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Link
            to="/finance/receivables"
            search={{ overdue: true }}
            style={{ display: "block", height: "100%" }}
          >
            <Tile
              title={t("finance.home.overdue")}
              icon={<AlertOutlined />}
              count={loaded ? glance.overdue.count : undefined}
              danger
            >
              <Totals bucket={glance.overdue} />
            </Tile>
          </Link>
        </Col>
        <Col xs={24} md={8}>
          <Link
            to="/finance/receivables"
            search={{ overdue: false }}
            style={{ display: "block", height: "100%" }}
          >
            <Tile
              title={t("finance.home.dueSoon")}
              icon={<ClockCircleOutlined />}
              count={loaded ? glance.dueSoon.count : undefined}
            >
              <Totals bucket={glance.dueSoon} />
            </Tile>
          </Link>
        </Col>
        <Col xs={24} md={8}>
          <Link to="/finance/credit" style={{ display: "block", height: "100%" }}>
            <Tile
              title={t("finance.home.overLimit")}
              icon={<WarningOutlined />}
              count={credit.data ? over.length : undefined}
              danger
            >
              {over.length > 0 ? (
                <Typography.Text>
                  {over
                    .slice(0, 3)
                    .map((line) => line.customerName)
                    .join(", ")}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t("finance.home.noneOver")}</Typography.Text>
              )}
            </Tile>
          </Link>
        </Col>
      </Row>
    </Card>
  );
}
