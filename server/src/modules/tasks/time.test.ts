import { describe, expect, it } from "vitest";
import { localDateOf, nextDueAt, resolveBound, startOfDayIn } from "./time";

const SHANGHAI = "Asia/Shanghai";
const BERLIN = "Europe/Berlin";
const at = (value: string) => new Date(value);
const LONG_AGO = at("2000-01-01T00:00:00Z");

describe("next occurrence", () => {
  it("daily keeps the local time of day across a DST change", () => {
    // 09:00 in Berlin on the day before summer time starts (30 March 2025).
    const next = nextDueAt({ kind: "daily" }, at("2025-03-29T09:00:00+01:00"), BERLIN, LONG_AGO);
    expect(next?.toISOString()).toBe("2025-03-30T07:00:00.000Z");
  });

  it("weekly picks the next listed weekday, wrapping into the next week", () => {
    const rule = { kind: "weekly" as const, weekdays: [1, 3] }; // Monday and Wednesday
    // Monday 3 March 2025, 10:00 Shanghai.
    const monday = at("2025-03-03T10:00:00+08:00");
    const wednesday = nextDueAt(rule, monday, SHANGHAI, LONG_AGO);
    expect(wednesday?.toISOString()).toBe("2025-03-05T02:00:00.000Z");
    const nextMonday = nextDueAt(rule, wednesday ?? monday, SHANGHAI, LONG_AGO);
    expect(localDateOf(nextMonday ?? monday, SHANGHAI)).toBe("2025-03-10");
  });

  it("weekly uses the weekday in the assignee's zone, not in UTC", () => {
    // Monday 07:00 in Shanghai is still Sunday in UTC.
    const next = nextDueAt(
      { kind: "weekly", weekdays: [1] },
      at("2025-03-03T07:00:00+08:00"),
      SHANGHAI,
      LONG_AGO,
    );
    expect(next?.toISOString()).toBe("2025-03-09T23:00:00.000Z");
  });

  it("monthly on the 31st falls on the last day of shorter months", () => {
    const rule = { kind: "monthly" as const, day: 31 };
    const january = at("2025-01-31T09:00:00+08:00");
    const february = nextDueAt(rule, january, SHANGHAI, LONG_AGO);
    expect(localDateOf(february ?? january, SHANGHAI)).toBe("2025-02-28");
    const march = nextDueAt(rule, february ?? january, SHANGHAI, LONG_AGO);
    expect(localDateOf(march ?? january, SHANGHAI)).toBe("2025-03-31");
    const april = nextDueAt(rule, march ?? january, SHANGHAI, LONG_AGO);
    expect(april?.toISOString()).toBe("2025-04-30T01:00:00.000Z");
  });

  it("monthly on a later day of the same month stays in that month", () => {
    const next = nextDueAt({ kind: "monthly", day: 20 }, at("2025-01-05T09:00:00+08:00"), SHANGHAI, LONG_AGO);
    expect(localDateOf(next ?? LONG_AGO, SHANGHAI)).toBe("2025-01-20");
  });

  it("ends the series after its until date", () => {
    const rule = { kind: "daily" as const, until: "2025-03-04" };
    expect(nextDueAt(rule, at("2025-03-03T09:00:00+08:00"), SHANGHAI, LONG_AGO)).not.toBeNull();
    expect(nextDueAt(rule, at("2025-03-04T09:00:00+08:00"), SHANGHAI, LONG_AGO)).toBeNull();
  });

  it("skips dates that already passed instead of creating overdue occurrences", () => {
    const next = nextDueAt(
      { kind: "daily" },
      at("2025-03-01T09:00:00+08:00"),
      SHANGHAI,
      at("2025-03-10T12:00:00+08:00"),
    );
    expect(next?.toISOString()).toBe("2025-03-11T01:00:00.000Z");
  });
});

describe("day bounds", () => {
  it("reads bare dates in the caller's zone and passes instants through", () => {
    expect(resolveBound("2025-03-01", SHANGHAI, "from").toISOString()).toBe("2025-02-28T16:00:00.000Z");
    expect(resolveBound("2025-03-01", SHANGHAI, "to").toISOString()).toBe("2025-03-01T16:00:00.000Z");
    expect(resolveBound("2025-03-01T10:00:00+02:00", SHANGHAI, "to").toISOString()).toBe(
      "2025-03-01T08:00:00.000Z",
    );
    expect(startOfDayIn(at("2025-03-01T20:00:00Z"), SHANGHAI).toISOString()).toBe("2025-03-01T16:00:00.000Z");
  });
});
