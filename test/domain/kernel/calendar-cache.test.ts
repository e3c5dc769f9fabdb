import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { createBusinessCalendar, dateOnClock } from "../../../src/domain/kernel/calendar";

/**
 * Issue 15: the calendar keeps the last quarter hour's date and each day's opening and closing;
 * what it answers must stay what the time zone says, across midnights and daylight-saving shifts.
 */
describe("the business calendar's kept answers", () => {
  const zones = ["Asia/Shanghai", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"];
  const days = [
    "2026-03-08T00:00:00Z",
    "2026-04-04T12:00:00Z",
    "2026-11-01T00:00:00Z",
    "2026-12-31T00:00:00Z",
  ];

  it.each(zones)("gives the date of every instant on %s, in order and out of order", (timeZone) => {
    const calendar = createBusinessCalendar(defaultPolicy({ timezone: timeZone }));
    for (const day of days) {
      const start = new Date(day).getTime();
      const instants = Array.from(
        { length: 2 * 24 * 9 },
        (_, i) => new Date(start + i * 7 * 60_000 + 59_999),
      );
      for (const at of [...instants, ...instants.reverse()]) {
        expect(calendar.localDate(at)).toBe(dateOnClock(at, timeZone));
      }
    }
  });

  it("opens and closes each day at its own instants, and hands out dates a caller may change", () => {
    const calendar = createBusinessCalendar(
      defaultPolicy({ timezone: "America/New_York", deskHours: { opens: "08:00", closes: "21:00" } }),
    );
    // 2026-03-08: clocks go forward (EST -05:00 before, EDT -04:00 after).
    const before = new Date("2026-03-07T15:00:00Z");
    const after = new Date("2026-03-09T15:00:00Z");
    expect(calendar.nextOpening(new Date("2026-03-07T02:00:00Z")).toISOString()).toBe(
      "2026-03-07T13:00:00.000Z",
    );
    expect(calendar.isDeskOpen(before)).toBe(true);
    const opening = calendar.nextOpening(new Date("2026-03-09T02:00:00Z"));
    expect(opening.toISOString()).toBe("2026-03-09T12:00:00.000Z");
    opening.setTime(0);
    expect(calendar.nextOpening(new Date("2026-03-09T02:00:00Z")).toISOString()).toBe(
      "2026-03-09T12:00:00.000Z",
    );
    expect(calendar.isDeskOpen(after)).toBe(true);
    expect(calendar.isDeskOpen(new Date("2026-03-09T01:30:00Z"))).toBe(false);
  });
});
