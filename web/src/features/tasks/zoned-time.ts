import { type Dayjs, dayjs } from "../../lib/time";

const WALL_CLOCK = "YYYY-MM-DDTHH:mm:ss";

// antd's pickers work in the browser's time zone, while times are shown and entered in the user's own
// (a rep in Ningbo may travel with a laptop set to Frankfurt). The picker therefore holds the wall-clock
// time of the user's zone, and these two functions translate between that and the real instant.
export function toPickerValue(iso: string, timeZone: string): Dayjs {
  return dayjs(dayjs(iso).tz(timeZone).format(WALL_CLOCK));
}

export function fromPickerValue(value: Dayjs, timeZone: string): string {
  return dayjs.tz(value.format(WALL_CLOCK), timeZone).toISOString();
}

// A calendar day of the user's zone, as the API's bare-date filters expect it.
export function dayOf(iso: string, timeZone: string): string {
  return dayjs(iso).tz(timeZone).format("YYYY-MM-DD");
}

// "Now" as the picker should show it: the wall clock of the user's zone.
export function pickerNow(timeZone: string): Dayjs {
  return toPickerValue(new Date().toISOString(), timeZone);
}
