import { ClockCircleOutlined } from "@ant-design/icons";
import { Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TaskPriority, TaskStatus } from "../../../../shared/schemas/tasks";
import { currentLocale } from "../../i18n";
import { formatDateTime, fromNow } from "../../lib/time";
import { useMe } from "../session/me-context";

const STATUS_COLORS: Record<TaskStatus, string> = {
  todo: "default",
  in_progress: "processing",
  blocked: "warning",
  done: "success",
  cancelled: "default",
};

const PRIORITY_COLORS: Record<TaskPriority, string | undefined> = {
  low: undefined,
  normal: "blue",
  high: "orange",
  urgent: "red",
};

export function StatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`taskStatuses.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: TaskPriority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLORS[priority]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`taskPriorities.${priority}`)}
    </Tag>
  );
}

// Short enough for a row: weekday, day and time, in the user's zone ("Fri, Nov 27, 15:00").
export function formatShortDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(iso));
}

export function formatShortDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    weekday: "short",
    month: "short",
    day: "numeric",
    timeZone,
  }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(iso));
}

// The due time in the user's zone; overdue ones in red, with how late they are on hover.
export function DueLabel({ dueAt, overdue }: { dueAt: string | null; overdue: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!dueAt) return <Typography.Text type="secondary">{t("tasks.noDue")}</Typography.Text>;
  return (
    <Tooltip title={`${formatDateTime(dueAt, me.user.timeZone)} · ${fromNow(dueAt)}`}>
      <Typography.Text type={overdue ? "danger" : undefined} style={{ whiteSpace: "nowrap" }}>
        <ClockCircleOutlined /> <time dateTime={dueAt}>{formatShortDateTime(dueAt, me.user.timeZone)}</time>
      </Typography.Text>
    </Tooltip>
  );
}
