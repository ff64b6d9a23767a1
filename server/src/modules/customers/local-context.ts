import cityTimezones from "city-timezones";
import countriesAndTimezones from "countries-and-timezones";
import Holidays from "date-holidays";

// Countries spanning several zones: the zone most of their business happens in, so a customer
// without a known city gets a sensible clock instead of the alphabetically first zone.
const MAIN_ZONE: Record<string, string> = {
  US: "America/New_York",
  CA: "America/Toronto",
  BR: "America/Sao_Paulo",
  MX: "America/Mexico_City",
  RU: "Europe/Moscow",
  AU: "Australia/Sydney",
  ID: "Asia/Jakarta",
  KZ: "Asia/Almaty",
  AR: "America/Argentina/Buenos_Aires",
  CL: "America/Santiago",
  ES: "Europe/Madrid",
  PT: "Europe/Lisbon",
  EC: "America/Guayaquil",
  CD: "Africa/Kinshasa",
  MN: "Asia/Ulaanbaatar",
  NZ: "Pacific/Auckland",
  DE: "Europe/Berlin",
  CN: "Asia/Shanghai",
  MY: "Asia/Kuala_Lumpur",
  UA: "Europe/Kyiv",
};

export function guessTimeZone(country: string, city?: string | null): string | null {
  if (city) {
    const match = cityTimezones.lookupViaCity(city).find((entry) => entry.iso2 === country);
    if (match?.timezone) return match.timezone;
  }
  return MAIN_ZONE[country] ?? countriesAndTimezones.getCountry(country)?.timezones[0] ?? null;
}

const holidayCache = new Map<string, Map<string, string>>();

function publicHolidays(country: string, year: number): Map<string, string> {
  const key = `${country}-${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    days = new Map();
    const calendar = new Holidays(country);
    for (const holiday of calendar.getHolidays(year) || []) {
      if (holiday.type === "public") days.set(holiday.date.slice(0, 10), holiday.name);
    }
    holidayCache.set(key, days);
  }
  return days;
}

// Most of the Middle East rests on Friday and Saturday; Iran on Friday alone.
const WEEKEND_DAYS: Record<string, string[]> = Object.fromEntries([
  ...["SA", "KW", "QA", "BH", "OM", "EG", "IL", "JO", "IQ", "DZ", "LY", "SY", "SD", "YE", "BD"].map((c) => [
    c,
    ["Fri", "Sat"],
  ]),
  ["IR", ["Fri"]],
  ["AF", ["Thu", "Fri"]],
]);

export type LocalContext = {
  localTime: string;
  timeZone: string;
  isWeekend: boolean;
  holiday: string | null;
};

// Building a formatter costs far more than formatting with one; a workspace meets a few hundred zones.
const clocks = new Map<string, Intl.DateTimeFormat>();
function clockIn(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      hourCycle: "h23",
    });
    clocks.set(timeZone, clock);
  }
  return clock;
}

// A customer page is read far more often than a minute passes: one answer per zone and minute.
const MINUTE_MS = 60_000;
const answers = new Map<string, { minute: number; context: LocalContext }>();

// What a rep needs before calling: the customer's wall-clock time and whether today is a day off there.
export function localContext(
  country: string,
  timeZone: string | null,
  now: Date = new Date(),
): LocalContext | null {
  if (!timeZone) return null;
  const minute = Math.floor(now.getTime() / MINUTE_MS);
  const key = `${country} ${timeZone}`;
  const known = answers.get(key);
  if (known?.minute === minute) return known.context;
  const parts = Object.fromEntries(
    clockIn(timeZone)
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const context = {
    localTime: `${date}T${parts.hour}:${parts.minute}`,
    timeZone,
    isWeekend: (WEEKEND_DAYS[country] ?? ["Sat", "Sun"]).includes(parts.weekday ?? ""),
    holiday: publicHolidays(country, Number(parts.year)).get(date) ?? null,
  };
  answers.set(key, { minute, context });
  return context;
}
