import {
  CalendarOutlined,
  CheckSquareOutlined,
  LeftOutlined,
  PhoneOutlined,
  RightOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Calendar, Card, Empty, Flex, Grid, Segmented, Spin, Typography, theme } from "antd";
import type { ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CalendarItem } from "../../../../shared/schemas/meetings";
import { PageHeader } from "../../components/page-header";
import { currentLocale } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { type Dayjs, dayjs } from "../../lib/time";
import { useMe } from "../session/me-context";
import { TaskDrawer } from "../tasks/task-drawer";
import { formatTime } from "../tasks/task-tags";
import { dayOf, pickerNow } from "../tasks/zoned-time";
import { type CalendarView, useCalendar } from "./calendar.api";
import { SubscribeModal } from "./subscribe-modal";

const route = getRouteApi("/app/calendar");
const DAY = "YYYY-MM-DD";
// A month cell has room for this many entries; the rest are counted.
const CELL_ITEMS = 3;

const KIND_ICONS: Record<CalendarItem["kind"], ReactNode> = {
  task: <CheckSquareOutlined />,
  meeting: <TeamOutlined />,
  follow_up: <PhoneOutlined />,
};

type Colors = { kind: (kind: CalendarItem["kind"]) => string; item: (item: CalendarItem) => string };

function useColors(): Colors {
  const { token } = theme.useToken();
  const byKind = { task: token.colorPrimary, meeting: token.purple6, follow_up: token.green6 };
  return {
    kind: (kind) => byKind[kind],
    item: (item) => {
      if (item.kind !== "task") return byKind[item.kind];
      if (item.status === "done") return token.colorTextTertiary;
      return item.status === "blocked" ? token.colorWarning : byKind.task;
    },
  };
}

function ItemLine({
  item,
  timeZone,
  onOpen,
  compact,
}: {
  item: CalendarItem;
  timeZone: string;
  onOpen: (item: CalendarItem) => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const color = useColors().item(item);
  // Follow-ups are planned for a day; their stored hour means nothing to the reader.
  const time = item.kind === "follow_up" ? null : formatTime(item.start, timeZone);
  // The feed titles follow-ups "Follow up: <customer>" for calendar apps; here the icon says it.
  const title = item.kind === "follow_up" ? item.title.replace(/^Follow up: /, "") : item.title;
  const label = `${t(`calendar.kinds.${item.kind}`)}: ${title}`;
  return (
    <Button
      type="text"
      size="small"
      title={time ? `${time} ${label}` : label}
      onClick={(event) => {
        // Choosing the entry is not choosing the day under it.
        event.stopPropagation();
        onOpen(item);
      }}
      style={{
        display: "flex",
        width: "100%",
        justifyContent: "flex-start",
        gap: 4,
        padding: "0 4px",
        height: "auto",
        minHeight: 22,
        color,
        textDecoration: item.kind === "task" && item.status === "done" ? "line-through" : undefined,
        overflow: "hidden",
      }}
    >
      {KIND_ICONS[item.kind]}
      {time ? <span style={{ fontVariantNumeric: "tabular-nums" }}>{time}</span> : null}
      <span
        style={{
          overflow: "hidden",
          textOverflow: "ellipsis",
          whiteSpace: compact ? "nowrap" : "normal",
          textAlign: "start",
        }}
      >
        {title}
      </span>
    </Button>
  );
}

function DayList({
  days,
  byDay,
  today,
  timeZone,
  onOpen,
  columns,
}: {
  days: Dayjs[];
  byDay: Map<string, CalendarItem[]>;
  today: string;
  timeZone: string;
  onOpen: (item: CalendarItem) => void;
  columns: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const format = new Intl.DateTimeFormat(currentLocale(), {
    weekday: "short",
    month: "short",
    day: "numeric",
  });
  return (
    <Flex gap={8} vertical={!columns} style={{ overflowX: columns ? "auto" : undefined }}>
      {days.map((day) => {
        const key = day.format(DAY);
        const items = byDay.get(key) ?? [];
        const isToday = key === today;
        return (
          <Card
            key={key}
            size="small"
            title={
              <Typography.Text strong={isToday} type={isToday ? undefined : "secondary"}>
                {format.format(new Date(`${key}T12:00:00Z`))}
                {isToday ? ` · ${t("calendar.today")}` : ""}
              </Typography.Text>
            }
            style={{
              flex: columns ? "1 0 150px" : undefined,
              minHeight: columns ? 320 : undefined,
              borderColor: isToday ? token.colorPrimary : undefined,
            }}
            styles={{ body: { padding: 6 } }}
          >
            {items.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, padding: 4 }}>
                {t("calendar.nothing")}
              </Typography.Text>
            ) : (
              items.map((item) => (
                <ItemLine key={`${item.kind}-${item.id}`} item={item} timeZone={timeZone} onOpen={onOpen} />
              ))
            )}
          </Card>
        );
      })}
    </Flex>
  );
}

// The days on screen around `anchor`: its week, or the month grid, which always shows six weeks.
const MONTH_GRID_DAYS = 42;

function rangeOf(view: CalendarView, anchor: Dayjs): { start: Dayjs; end: Dayjs } {
  if (view === "week") return { start: anchor.startOf("week"), end: anchor.endOf("week") };
  const start = anchor.startOf("month").startOf("week");
  return { start, end: start.add(MONTH_GRID_DAYS - 1, "day").endOf("day") };
}

export function CalendarPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const me = useMe();
  const timeZone = me.user.timeZone;
  const navigate = useNavigate();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const [subscribing, setSubscribing] = useState(false);
  const [openTask, setOpenTask] = useState<string>();
  const todayValue = pickerNow(timeZone).startOf("day");
  const today = todayValue.format(DAY);
  const view: CalendarView = search.view ?? (phone ? "week" : "month");
  const anchor = search.date ? dayjs(search.date) : todayValue;
  const { start, end } = rangeOf(view, anchor);
  const calendar = useCalendar(start.format(DAY), end.format(DAY));
  const colors = useColors();

  const byDay = new Map<string, CalendarItem[]>();
  for (const item of calendar.data?.items ?? []) {
    const key = dayOf(item.start, timeZone);
    byDay.set(key, [...(byDay.get(key) ?? []), item]);
  }

  const go = (date: Dayjs | undefined, nextView: CalendarView = view) =>
    setSearch({
      search: {
        view: nextView === "month" && !phone ? undefined : nextView,
        date: date && date.format(DAY) !== today ? date.format(DAY) : undefined,
      },
    });
  const step = (direction: 1 | -1) => go(anchor.add(direction, view === "week" ? "week" : "month"));

  const open = (item: CalendarItem) => {
    if (item.kind === "task") setOpenTask(item.id);
    else if (item.kind === "meeting") void navigate({ to: "/meetings/$id", params: { id: item.id } });
    else void navigate({ to: "/customers/$id", params: { id: item.customerId } });
  };

  const period =
    view === "month"
      ? new Intl.DateTimeFormat(currentLocale(), { year: "numeric", month: "long" }).format(anchor.toDate())
      : new Intl.DateTimeFormat(currentLocale(), {
          year: "numeric",
          month: "short",
          day: "numeric",
        }).formatRange(start.toDate(), end.toDate());

  const days = Array.from({ length: end.diff(start, "day") + 1 }, (_, index) => start.add(index, "day"));

  return (
    <>
      <PageHeader
        title={t("calendar.title")}
        subtitle={t("calendar.subtitle", { timeZone })}
        extra={
          <Button icon={<CalendarOutlined />} onClick={() => setSubscribing(true)}>
            {t("calendar.subscribe")}
          </Button>
        }
      />
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Flex align="center" gap={8}>
          <Button icon={<LeftOutlined />} aria-label={t("calendar.previous")} onClick={() => step(-1)} />
          <Button onClick={() => go(undefined)}>{t("calendar.today")}</Button>
          <Button icon={<RightOutlined />} aria-label={t("calendar.next")} onClick={() => step(1)} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {period}
          </Typography.Title>
          {calendar.isFetching ? <Spin size="small" /> : null}
        </Flex>
        <Flex align="center" gap={12} wrap>
          <Flex gap={12} style={{ fontSize: 12 }}>
            {(["task", "meeting", "follow_up"] as const).map((kind) => (
              <span key={kind} style={{ color: colors.kind(kind) }}>
                {KIND_ICONS[kind]} {t(`calendar.kinds.${kind}`)}
              </span>
            ))}
          </Flex>
          <Segmented<CalendarView>
            value={view}
            onChange={(next) => go(anchor, next)}
            options={[
              { value: "month", label: t("calendar.month") },
              { value: "week", label: t("calendar.week") },
            ]}
          />
        </Flex>
      </Flex>
      {calendar.error ? (
        <Alert type="error" showIcon title={errorMessage(calendar.error, t)} style={{ marginBottom: 12 }} />
      ) : null}
      {view === "week" ? (
        <DayList days={days} byDay={byDay} today={today} timeZone={timeZone} onOpen={open} columns={!phone} />
      ) : phone ? (
        // A month grid is unreadable on a phone: its days with entries become a list.
        days.some((day) => byDay.has(day.format(DAY))) ? (
          <DayList
            days={days.filter((day) => byDay.has(day.format(DAY)))}
            byDay={byDay}
            today={today}
            timeZone={timeZone}
            onOpen={open}
            columns={false}
          />
        ) : (
          <Empty description={t("calendar.emptyMonth")} />
        )
      ) : (
        <Card styles={{ body: { padding: 8 } }}>
          <Calendar
            value={anchor}
            headerRender={() => null}
            onSelect={(date, { source }) => {
              // Clicking a day of the next or previous month moves there.
              if (source === "date" && !date.isSame(anchor, "month")) go(date);
            }}
            fullCellRender={(date, info) => {
              if (info.type !== "date") return info.originNode;
              const key = date.format(DAY);
              const items = byDay.get(key) ?? [];
              const outside = !date.isSame(anchor, "month");
              return (
                <div
                  style={{
                    height: 134,
                    margin: "0 2px",
                    padding: 2,
                    borderTop: `2px solid ${key === today ? token.colorPrimary : token.colorSplit}`,
                    opacity: outside ? 0.5 : 1,
                    overflow: "hidden",
                    textAlign: "start",
                  }}
                >
                  <Typography.Text strong={key === today} style={{ paddingInline: 4 }}>
                    {date.date()}
                  </Typography.Text>
                  {items.slice(0, CELL_ITEMS).map((item) => (
                    <ItemLine
                      key={`${item.kind}-${item.id}`}
                      item={item}
                      timeZone={timeZone}
                      onOpen={open}
                      compact
                    />
                  ))}
                  {items.length > CELL_ITEMS ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={(event) => {
                        event.stopPropagation();
                        go(date, "week");
                      }}
                      style={{ padding: "0 4px", height: "auto" }}
                    >
                      {t("calendar.more", { count: items.length - CELL_ITEMS })}
                    </Button>
                  ) : null}
                </div>
              );
            }}
          />
        </Card>
      )}
      <SubscribeModal open={subscribing} onClose={() => setSubscribing(false)} />
      <TaskDrawer taskId={openTask} onClose={() => setOpenTask(undefined)} />
    </>
  );
}
