import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import { formatClock, formatLocalTime } from "../../../src/domain/kernel/format";

/** formatLocalTime remembers local times per UTC minute (issue 15): each calendar its own. */
describe("formatLocalTime's remembered local times", () => {
  const shanghai = createBusinessCalendar(defaultPolicy({ timezone: "Asia/Shanghai" }));
  const london = createBusinessCalendar(defaultPolicy({ timezone: "Europe/London" }));

  it("gives each branch's clock for the same instant, however often it is asked", () => {
    const at = new Date("2026-11-27T10:45:30Z");
    for (let i = 0; i < 3; i++) {
      expect(formatLocalTime(at, { calendar: shanghai })).toBe("11-27 18:45");
      expect(formatLocalTime(at, { calendar: london })).toBe("11-27 10:45");
    }
  });

  it("moves on at each minute and across a date line, and across a DST change", () => {
    expect(formatClock(new Date("2026-11-27T15:59:59.999Z"), shanghai)).toBe("23:59");
    expect(formatLocalTime(new Date("2026-11-27T16:00:00Z"), { calendar: shanghai, language: "en" })).toBe(
      "Nov 28 00:00",
    );
    // London leaves summer time at 01:00 UTC on 2026-10-25.
    expect(formatClock(new Date("2026-10-25T00:59:00Z"), london)).toBe("01:59");
    expect(formatClock(new Date("2026-10-25T01:00:00Z"), london)).toBe("01:00");
  });

  it("leaves the date out for an instant on now's date, per calendar", () => {
    const now = new Date("2026-11-27T15:30:00Z");
    const at = new Date("2026-11-27T15:50:00Z");
    expect(formatLocalTime(at, { calendar: shanghai, now })).toBe("23:50");
    expect(
      formatLocalTime(new Date("2026-11-27T16:10:00Z"), { calendar: shanghai, now, language: "zh" }),
    ).toBe("11月28日 00:10");
  });
});
