import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import localizedFormat from "dayjs/plugin/localizedFormat";
import relativeTime from "dayjs/plugin/relativeTime";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";
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

export function fromNow(iso: string): string {
  return dayjs(iso).fromNow();
}

export { dayjs };
