import { ClockCircleOutlined } from "@ant-design/icons";
import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Meeting } from "../../../../shared/schemas/meetings";
import { currentLocale } from "../../i18n";
import { useMe } from "../session/me-context";

export function KindTag({ kind }: { kind: Meeting["kind"] }) {
  const { t } = useTranslation();
  return <Tag color={kind === "customer" ? "purple" : "cyan"}>{t(`meetings.kinds.${kind}`)}</Tag>;
}

// "Thu, Nov 26, 09:00 – 09:45" in the user's time zone; the range collapses the shared date.
export function formatMeetingTime(meeting: Pick<Meeting, "startsAt" | "endsAt">, timeZone: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).formatRange(new Date(meeting.startsAt), new Date(meeting.endsAt));
}

export function MeetingTime({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Typography.Text type="secondary">
      <ClockCircleOutlined /> {formatMeetingTime(meeting, me.user.timeZone)} (
      {t("meetings.durationMinutes", { count: meeting.durationMinutes })}, {me.user.timeZone})
    </Typography.Text>
  );
}
