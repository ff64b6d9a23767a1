import { PlusOutlined } from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Button, Empty, Flex, Segmented, Table, type TableColumnsType, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Meeting } from "../../../../shared/schemas/meetings";
import { PageHeader } from "../../components/page-header";
import { useMe } from "../session/me-context";
import { pickerNow } from "../tasks/zoned-time";
import { MeetingFormDrawer } from "./meeting-form-drawer";
import { formatMeetingTime, KindTag } from "./meeting-parts";
import { type MeetingPeriod, type MeetingQuery, useMeetings } from "./meetings.api";

const route = getRouteApi("/app/meetings");
const PAGE_SIZE = 50;
// The API lists by start time, oldest first; past meetings are read newest first, so a recent
// window is loaded whole and turned around.
const PAST_DAYS = 90;
const PAST_LIMIT = 200;

export function MeetingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const timeZone = me.user.timeZone;
  const navigate = useNavigate();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const [creating, setCreating] = useState(false);
  const period: MeetingPeriod = search.period ?? "upcoming";
  const page = search.page ?? 1;
  const today = pickerNow(timeZone);
  // Bare dates are whole days of the user's zone: "upcoming" starts today, "past" ends yesterday.
  const query: MeetingQuery =
    period === "upcoming"
      ? { from: today.format("YYYY-MM-DD"), page, pageSize: PAGE_SIZE }
      : {
          from: today.subtract(PAST_DAYS, "day").format("YYYY-MM-DD"),
          to: today.subtract(1, "day").format("YYYY-MM-DD"),
          pageSize: PAST_LIMIT,
        };
  const meetings = useMeetings(query);
  const items = period === "past" ? [...(meetings.data?.items ?? [])].reverse() : meetings.data?.items;

  const columns: TableColumnsType<Meeting> = [
    {
      title: t("meetingFields.title"),
      key: "title",
      render: (_, meeting) => (
        <Link to="/meetings/$id" params={{ id: meeting.id }} style={{ fontWeight: 500 }}>
          {meeting.title}
        </Link>
      ),
    },
    {
      title: t("meetingFields.startsAt"),
      key: "when",
      render: (_, meeting) => (
        <span style={{ whiteSpace: "nowrap" }}>{formatMeetingTime(meeting, timeZone)}</span>
      ),
    },
    { title: t("meetingFields.kind"), key: "kind", render: (_, meeting) => <KindTag kind={meeting.kind} /> },
    {
      title: t("meetingFields.customers"),
      key: "customers",
      render: (_, meeting) => (
        <Flex vertical>
          {meeting.customers.map((customer) => (
            <Link key={customer.id} to="/customers/$id" params={{ id: customer.id }}>
              {customer.name ?? customer.id.slice(0, 8)}
            </Link>
          ))}
        </Flex>
      ),
    },
    {
      title: t("meetingFields.attendees"),
      key: "attendees",
      render: (_, meeting) => (
        <Typography.Text ellipsis style={{ maxWidth: 260 }}>
          {meeting.attendees.map((attendee) => attendee.name).join(", ")}
        </Typography.Text>
      ),
    },
    {
      title: t("meetingFields.organiser"),
      key: "organiser",
      render: (_, meeting) => meeting.createdByName ?? "—",
    },
  ];

  return (
    <>
      <PageHeader
        title={t("meetings.title")}
        subtitle={t("meetings.subtitle")}
        extra={
          me.permissions.includes("meetings.write") ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t("meetings.new")}
            </Button>
          ) : null
        }
      />
      <Segmented<MeetingPeriod>
        value={period}
        onChange={(next) => setSearch({ search: { period: next === "upcoming" ? undefined : next } })}
        options={[
          { value: "upcoming", label: t("meetings.upcoming") },
          { value: "past", label: t("meetings.past", { days: PAST_DAYS }) },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Table<Meeting>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={meetings.isFetching}
        scroll={{ x: "max-content" }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={period === "upcoming" ? t("meetings.emptyUpcoming") : t("meetings.emptyPast")}
            />
          ),
        }}
        pagination={
          period === "upcoming"
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: meetings.data?.total ?? 0,
                hideOnSinglePage: true,
                showSizeChanger: false,
                onChange: (next) => setSearch({ search: (previous) => ({ ...previous, page: next }) }),
              }
            : false
        }
      />
      <MeetingFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(meeting) => void navigate({ to: "/meetings/$id", params: { id: meeting.id } })}
      />
    </>
  );
}
