import { ClockCircleOutlined, InfoCircleOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import { Card, Col, Descriptions, Flex, Row, Tag, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import { dayjs, useCurrentMinute } from "../../lib/time";
import { FinanceHome } from "../finance/finance-home";
import { MyWork } from "../my-work/my-work";
import { SalesCard } from "../sales/sales-card";
import { useMe } from "../session/me-context";
import { navItemsFor } from "../shell/nav";
import { LogisticsHome } from "../shipments/logistics-home";
import { useTeams } from "../teams/teams.api";
import { SalesOverview } from "./sales-overview";

function greetingKey(hour: number) {
  if (hour < 12) return "home.greetingMorning" as const;
  if (hour < 18) return "home.greetingAfternoon" as const;
  return "home.greetingEvening" as const;
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const me = useMe();
  const teams = useTeams();
  const now = dayjs(useCurrentMinute()).tz(me.user.timeZone);
  const language = i18n.resolvedLanguage ?? "en-US";
  const currencyName = new Intl.DisplayNames([language], { type: "currency" }).of(me.workspace.currency);
  const teamName = me.user.teamId ? teams.data?.find((team) => team.id === me.user.teamId)?.name : undefined;
  const links = navItemsFor(me.permissions).filter((item) => item.hint);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t(greetingKey(now.hour()), { name: me.user.name })}
        </Typography.Title>
        <Typography.Text type="secondary">{me.workspace.name}</Typography.Text>
      </div>

      {me.permissions.includes("tasks.read") ? <MyWork /> : null}

      {me.permissions.includes("customers.read") ? <SalesOverview /> : null}

      {me.permissions.includes("orders.read") ? <SalesCard /> : null}

      {me.permissions.includes("finance.write") ? <FinanceHome /> : null}

      {me.permissions.includes("shipments.write") ? <LogisticsHome /> : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t("home.workspace")} style={{ height: "100%" }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: "workspace", label: t("home.workspace"), children: me.workspace.name },
                {
                  key: "currency",
                  label: t("home.currency"),
                  children: (
                    <span>
                      <Tag>{me.workspace.currency}</Tag>
                      {currencyName}
                    </span>
                  ),
                },
                { key: "role", label: t("home.role"), children: t(`roles.${me.user.role}`) },
                {
                  key: "team",
                  label: t("home.team"),
                  children: me.user.teamId ? (teamName ?? t("common.none")) : t("home.noTeam"),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card
            title={
              <span>
                <ClockCircleOutlined /> {t("home.localTime")}
              </span>
            }
            style={{ height: "100%" }}
          >
            <Typography.Title level={2} style={{ margin: 0, fontVariantNumeric: "tabular-nums" }}>
              <time dateTime={now.format()}>{now.format("HH:mm")}</time>
            </Typography.Title>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {new Intl.DateTimeFormat(language, { dateStyle: "full", timeZone: me.user.timeZone }).format(
                now.toDate(),
              )}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              {t("home.timeZone")}: {me.user.timeZone} (UTC{now.format("Z")})
            </Typography.Text>
          </Card>
        </Col>
      </Row>

      <Card title={t("home.quickLinks")}>
        <Row gutter={[12, 12]}>
          {links.map((item) => (
            <Col xs={24} md={12} xl={8} key={item.to}>
              <Link to={item.to} style={{ display: "block", height: "100%" }}>
                <Card size="small" hoverable style={{ height: "100%" }}>
                  <Flex gap={12} align="flex-start">
                    <span style={{ fontSize: 20, color: token.colorPrimary }}>
                      <item.icon />
                    </span>
                    <div>
                      <Typography.Text strong>{t(`nav.${item.label}`)}</Typography.Text>
                      <br />
                      {item.hint ? (
                        <Typography.Text type="secondary">{t(`home.${item.hint}`)}</Typography.Text>
                      ) : null}
                    </div>
                  </Flex>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>

      <Typography.Text type="secondary">
        <InfoCircleOutlined /> {t("home.modulesNote")}
      </Typography.Text>
    </Flex>
  );
}
