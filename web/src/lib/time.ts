import dayjs, { type Dayjs } from "dayjs";
import "dayjs/locale/zh-cn";
import localizedFormat from "dayjs/plugin/localizedFormat";
import relativeTime from "dayjs/plugin/relativeTime";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";
import { useEffect, useState } from "react";
import type { Locale } from "../../../shared/schemas/common";

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

export function applyDayjsLocale(locale: Locale): void {
  dayjs.locale(locale === "zh-CN" ? "zh-cn" : "en");
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "Asia/Shanghai";
}

export function formatDateTime(iso: string, timeZone: string): string {
  return dayjs(iso).tz(timeZone).format("LLL");
}

export function formatDate(iso: string, timeZone: string): string {
  return dayjs(iso).tz(timeZone).format("LL");
}

export function fromNow(iso: string): string {
  return dayjs(iso).fromNow();
}

// Re-renders once a minute, on the minute, so clocks and "due today" stay right all day.
export function useCurrentMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: number;
    const schedule = () => {
      timer = window.setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        60_000 - (Date.now() % 60_000),
      );
    };
    schedule();
    return () => window.clearTimeout(timer);
  }, []);
  return now;
}

export { type Dayjs, dayjs };
