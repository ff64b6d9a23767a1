import { CalendarOutlined, ContactsOutlined, FieldTimeOutlined, InboxOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import { Card, Col, Empty, List, Row, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Customer, CustomerListItem } from "../../../../shared/schemas/customers";
import { RelativeTime } from "../../components/date-time";
import { dayjs, formatDate, useCurrentMinute } from "../../lib/time";
import { formatTotal } from "../customers/customer-table";
import { type CustomerListParams, useCustomerList } from "../customers/customers.api";
import { useMe } from "../session/me-context";
import { usePoolSettings } from "../settings/settings.api";

// Enough for a day's work; when the page is full the count says "100+" rather than guess.
const WORK_PAGE = 100;
const RELEASE_WARNING_DAYS = 3;

function isFull(item: CustomerListItem): item is Customer {
  return item.access === "full";
}

function Tile({
  title,
  value,
  icon,
  to,
  search,
}: {
  title: string;
  value: string;
  icon: ReactNode;
  to: "/customers" | "/pool";
  search: Partial<CustomerListParams>;
}) {
  return (
    <Link to={to} search={search} style={{ display: "block", height: "100%" }}>
      <Card size="small" hoverable style={{ height: "100%" }}>
        <Statistic title={title} value={value} prefix={icon} />
      </Card>
    </Link>
  );
}

function CustomerDueList({
  title,
  items,
  date,
  empty,
}: {
  title: string;
  items: Customer[];
  date: (customer: Customer) => string | null;
  empty: string;
}) {
  const me = useMe();
  return (
    <Card size="small" title={title} style={{ height: "100%" }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <List
          size="small"
          dataSource={items.slice(0, 8)}
          renderItem={(customer) => {
            const when = date(customer);
            return (
              <List.Item key={customer.id}>
                <Link to="/customers/$id" params={{ id: customer.id }}>
                  {customer.name}
                </Link>
                {when ? (
                  <Typography.Text type={dayjs(when).isBefore(dayjs()) ? "danger" : "secondary"}>
                    {formatDate(when, me.user.timeZone)} (<RelativeTime value={when} />)
                  </Typography.Text>
                ) : null}
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

// What a rep has to do today, from their real customers: nothing here is estimated or invented.
export function SalesOverview() {
  const { t } = useTranslation();
  const me = useMe();
  const now = dayjs(useCurrentMinute()).tz(me.user.timeZone);
  const mayWork = me.permissions.includes("customers.write");
  const settings = usePoolSettings();
  const mine = useCustomerList({ scope: "mine", pageSize: 1 }, { enabled: mayWork });
  const pool = useCustomerList({ scope: "pool", pageSize: 1 });
  const byNextFollowUp = useCustomerList(
    { scope: "mine", sort: "nextFollowUpAt", pageSize: WORK_PAGE },
    { enabled: mayWork },
  );
  // Only customers idle for (release days − 3) can return to the pool within 3 days; the exact day
  // (releaseDueAt) then decides, because claiming a customer also restarts its clock.
  const idleDays = settings.data
    ? Math.max(0, settings.data.releaseAfterDays - RELEASE_WARNING_DAYS)
    : undefined;
  const idle = useCustomerList(
    { scope: "mine", idleDays, sort: "lastFollowUpAt", pageSize: WORK_PAGE },
    { enabled: mayWork && idleDays !== undefined },
  );

  const endOfToday = now.endOf("day");
  const due = (byNextFollowUp.data?.items ?? [])
    .filter(isFull)
    .filter((customer) => customer.nextFollowUpAt && dayjs(customer.nextFollowUpAt).isBefore(endOfToday));
  const releaseCutoff = now.add(RELEASE_WARNING_DAYS, "day");
  const returning = (idle.data?.items ?? [])
    .filter(isFull)
    .filter((customer) => customer.releaseDueAt && dayjs(customer.releaseDueAt).isBefore(releaseCutoff))
    .sort((a, b) => (a.releaseDueAt ?? "").localeCompare(b.releaseDueAt ?? ""));
  const count = (shown: number, page: CustomerListItem[] | undefined) =>
    page && page.length === WORK_PAGE ? `${shown}+` : String(shown);

  return (
    <Row gutter={[16, 16]}>
      {mayWork ? (
        <>
          <Col xs={12} lg={6}>
            <Tile
              title={t("home.myCustomers")}
              value={mine.data ? formatTotal(mine.data.total, mine.data.totalIsEstimate) : "…"}
              icon={<ContactsOutlined />}
              to="/customers"
              search={{ scope: "mine" }}
            />
          </Col>
          <Col xs={12} lg={6}>
            <Tile
              title={t("home.followUpsDue")}
              value={byNextFollowUp.data ? count(due.length, byNextFollowUp.data.items) : "…"}
              icon={<CalendarOutlined />}
              to="/customers"
              search={{ scope: "mine", sort: "nextFollowUpAt" }}
            />
          </Col>
          <Col xs={12} lg={6}>
            <Tile
              title={t("home.returningSoon")}
              value={idle.data ? count(returning.length, idle.data.items) : "…"}
              icon={<FieldTimeOutlined />}
              to="/customers"
              search={{ scope: "mine", idleDays, sort: "lastFollowUpAt" }}
            />
          </Col>
        </>
      ) : null}
      <Col xs={12} lg={6}>
        <Tile
          title={t("home.poolCustomers")}
          value={pool.data ? formatTotal(pool.data.total, pool.data.totalIsEstimate) : "…"}
          icon={<InboxOutlined />}
          to="/pool"
          search={{}}
        />
      </Col>
      {mayWork ? (
        <>
          {/* Follow-ups due are listed in My work, with the day's tasks. */}
          <Col xs={24}>
            <CustomerDueList
              title={t("home.returningSoonTitle", { days: RELEASE_WARNING_DAYS })}
              items={returning}
              date={(customer) => customer.releaseDueAt}
              empty={t("home.returningNone")}
            />
          </Col>
        </>
      ) : null}
    </Row>
  );
}
