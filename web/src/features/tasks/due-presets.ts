import { useTranslation } from "react-i18next";
import type { Dayjs } from "../../lib/time";
import { useMe } from "../session/me-context";
import { pickerNow } from "./zoned-time";

// Office hours end at six; a task "for today" is due then, one for a later day when the day starts.
const END_OF_DAY = { hour: 18, minute: 0 };
const START_OF_DAY = { hour: 9, minute: 0 };

export function useDuePresets(): { label: string; value: Dayjs }[] {
  const { t } = useTranslation();
  const me = useMe();
  const now = pickerNow(me.user.timeZone).second(0).millisecond(0);
  const at = (day: Dayjs, time: { hour: number; minute: number }) => day.hour(time.hour).minute(time.minute);
  const today = at(now, END_OF_DAY);
  return [
    // After six a task for "today" is due at the last minute of the day rather than already late.
    { label: t("tasks.dueToday"), value: today.isAfter(now) ? today : now.endOf("day").second(0) },
    { label: t("tasks.dueTomorrow"), value: at(now.add(1, "day"), START_OF_DAY) },
    { label: t("tasks.dueInDays", { count: 3 }), value: at(now.add(3, "day"), START_OF_DAY) },
    { label: t("tasks.dueNextWeek"), value: at(now.add(1, "week"), START_OF_DAY) },
  ];
}
