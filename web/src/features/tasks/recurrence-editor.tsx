import { Checkbox, DatePicker, Flex, InputNumber, Segmented, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Recurrence } from "../../../../shared/schemas/tasks";
import { currentLocale } from "../../i18n";
import { type Dayjs, dayjs } from "../../lib/time";

const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type Kind = Recurrence["kind"] | "none";

// 1 January 2024 was a Monday, so day n of that month is ISO weekday n.
function weekdayName(isoWeekday: number, style: "short" | "long" = "short"): string {
  return new Intl.DateTimeFormat(currentLocale(), { weekday: style, timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, isoWeekday)),
  );
}

export function recurrenceSummary(recurrence: Recurrence, t: TFunction): string {
  const base =
    recurrence.kind === "daily"
      ? t("recurrence.summaryDaily")
      : recurrence.kind === "weekly"
        ? t("recurrence.summaryWeekly", {
            days: new Intl.ListFormat(currentLocale(), { style: "narrow" }).format(
              [...recurrence.weekdays].sort().map((day) => weekdayName(day)),
            ),
          })
        : t("recurrence.summaryMonthly", { day: recurrence.day });
  return recurrence.until ? t("recurrence.until", { base, date: recurrence.until }) : base;
}

type Props = {
  value?: Recurrence | null;
  onChange?: (value: Recurrence | null) => void;
  // The due date, as the picker shows it: a new weekly or monthly rule starts on its weekday or day.
  anchor?: Dayjs | null;
  disabled?: boolean;
};

// Daily, weekly on chosen weekdays, or monthly on a day; later occurrences keep the time of day.
export function RecurrenceEditor({ value, onChange, anchor, disabled }: Props) {
  const { t } = useTranslation();
  const kind: Kind = value?.kind ?? "none";
  const until = value?.until;

  const switchTo = (next: Kind) => {
    if (next === "none") return onChange?.(null);
    if (next === "daily") return onChange?.({ kind: "daily", until });
    if (next === "weekly") {
      // dayjs counts Sunday as 0; ISO as 7.
      const weekday = anchor ? anchor.day() || 7 : 1;
      return onChange?.({ kind: "weekly", weekdays: [weekday], until });
    }
    return onChange?.({ kind: "monthly", day: anchor?.date() ?? 1, until });
  };

  const setUntil = (date: Dayjs | null) => {
    if (!value) return;
    onChange?.({ ...value, until: date ? date.format("YYYY-MM-DD") : undefined });
  };

  return (
    <Flex vertical gap={8}>
      <Segmented<Kind>
        disabled={disabled}
        value={kind}
        onChange={switchTo}
        options={(["none", "daily", "weekly", "monthly"] as const).map((option) => ({
          value: option,
          label: t(`recurrence.${option}`),
        }))}
      />
      {value?.kind === "weekly" ? (
        <Checkbox.Group<number>
          disabled={disabled}
          aria-label={t("recurrence.weekdays")}
          value={value.weekdays}
          onChange={(weekdays) => {
            // At least one weekday: a weekly rule without days would never happen.
            if (weekdays.length > 0) onChange?.({ ...value, weekdays });
          }}
          options={ISO_WEEKDAYS.map((day) => ({ value: day, label: weekdayName(day) }))}
        />
      ) : null}
      {value?.kind === "monthly" ? (
        <Flex align="center" gap={8}>
          <Typography.Text>{t("recurrence.onDay")}</Typography.Text>
          <InputNumber
            disabled={disabled}
            aria-label={t("recurrence.onDay")}
            min={1}
            max={31}
            precision={0}
            value={value.day}
            onChange={(day) => {
              if (day) onChange?.({ ...value, day });
            }}
          />
          <Typography.Text type="secondary">{t("recurrence.monthEndHint")}</Typography.Text>
        </Flex>
      ) : null}
      {value ? (
        <Flex align="center" gap={8}>
          <Typography.Text>{t("recurrence.untilLabel")}</Typography.Text>
          <DatePicker
            disabled={disabled}
            aria-label={t("recurrence.untilLabel")}
            value={until ? dayjs(until) : null}
            onChange={setUntil}
            placeholder={t("recurrence.forever")}
          />
        </Flex>
      ) : null}
    </Flex>
  );
}
