import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, format, getDaysInMonth, getISODay, setDate, startOfDay } from "date-fns";
import type { Recurrence } from "../../../../shared/schemas/tasks";

// Calendar arithmetic happens in the user's time zone (a "daily 9:00" task stays at 9:00 across DST);
// the database only ever sees instants.

export function startOfDayIn(instant: Date, timeZone: string): Date {
  return new Date(startOfDay(new TZDate(instant, timeZone)).getTime());
}

export function addDaysIn(instant: Date, days: number, timeZone: string): Date {
  return new Date(addDays(new TZDate(instant, timeZone), days).getTime());
}

export function localDateOf(instant: Date, timeZone: string): string {
  return format(new TZDate(instant, timeZone), "yyyy-MM-dd");
}

// A query bound given as a bare date covers that whole day in the caller's zone: "from" is its
// first instant, "to" the first instant of the next day (exclusive).
export function resolveBound(value: string, timeZone: string, edge: "from" | "to"): Date {
  if (value.includes("T")) return new Date(value);
  const [year, month, day] = value.split("-").map(Number);
  const start = new TZDate(year ?? 1970, (month ?? 1) - 1, day ?? 1, timeZone);
  return new Date((edge === "from" ? start : addDays(start, 1)).getTime());
}

function clampedDay(reference: TZDate, day: number): TZDate {
  return setDate(reference, Math.min(day, getDaysInMonth(reference)));
}

function firstMatchAfter(recurrence: Recurrence, previous: TZDate): TZDate {
  switch (recurrence.kind) {
    case "daily":
      return addDays(previous, 1);
    case "weekly": {
      for (let offset = 1; offset <= 7; offset++) {
        const candidate = addDays(previous, offset);
        if (recurrence.weekdays.includes(getISODay(candidate))) return candidate;
      }
      throw new Error("weekly recurrence without weekdays");
    }
    case "monthly": {
      const sameMonth = clampedDay(previous, recurrence.day);
      if (sameMonth.getTime() > previous.getTime()) return sameMonth;
      return clampedDay(addMonths(setDate(previous, 1), 1), recurrence.day);
    }
  }
}

// The due time of the occurrence after one due at `previousDue`, at the same local time of day, or
// null once the series has ended. Dates that have already passed (the server was down, or the
// previous one was completed very late) are skipped rather than piled up as instantly overdue tasks.
export function nextDueAt(
  recurrence: Recurrence,
  previousDue: Date,
  timeZone: string,
  now: Date,
): Date | null {
  let candidate = firstMatchAfter(recurrence, new TZDate(previousDue, timeZone));
  while (candidate.getTime() <= now.getTime()) candidate = firstMatchAfter(recurrence, candidate);
  if (recurrence.until && format(candidate, "yyyy-MM-dd") > recurrence.until) return null;
  return new Date(candidate.getTime());
}
