import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import {
  EXCERPT_MAX,
  excerpt,
  formatAge,
  formatClock,
  formatLocalDate,
  formatLocalTime,
} from "../../../src/domain/kernel/format";

// Shanghai is UTC+8: 2026-11-27T10:05:00Z is 18:05 on Friday 27 November at the branch.
const calendar = createBusinessCalendar(defaultPolicy());
const AT = new Date("2026-11-27T10:05:00Z");
const MINUTE = 60_000;

describe("times on the branch's clock (the one formatter of flows and notices)", () => {
  it("reads the clock in the branch's time zone, not UTC", () => {
    expect(formatClock(AT, calendar)).toBe("18:05");
    expect(formatClock(new Date("2026-11-27T16:30:00Z"), calendar)).toBe("00:30"); // the next day there
  });

  it("staff and notices: just the time on now's date, 'MM-DD HH:MM' on another (the branch's date decides)", () => {
    expect(formatLocalTime(AT, { calendar, now: new Date("2026-11-27T01:00:00Z") })).toBe("18:05");
    // 16:30Z is already the 28th in Shanghai: not "today" for a now on the 27th there.
    expect(formatLocalTime(new Date("2026-11-27T16:30:00Z"), { calendar, now: AT })).toBe("11-28 00:30");
    expect(formatLocalTime(AT, { calendar })).toBe("11-27 18:05");
  });

  it("customers: the date always, in their words", () => {
    expect(formatLocalTime(AT, { calendar, language: "zh" })).toBe("11月27日 18:05");
    expect(formatLocalTime(AT, { calendar, language: "en" })).toBe("Nov 27 18:05");
    expect(formatLocalDate("2026-01-05", "en")).toBe("Jan 5");
    expect(formatLocalDate("2026-01-05")).toBe("01-05");
  });
});

describe("formatAge", () => {
  it("counts minutes, then hours and minutes, then days and hours after 24 h, rounding down", () => {
    expect(formatAge("zh", 59 * MINUTE + 59_000)).toBe("59 分钟");
    expect(formatAge("zh", 95 * MINUTE)).toBe("1 小时 35 分钟");
    expect(formatAge("en", 24 * 60 * MINUTE - MINUTE)).toBe("23 h 59 min");
    expect(formatAge("zh", 26 * 60 * MINUTE)).toBe("1 天 2 小时");
    expect(formatAge("en", -5 * MINUTE)).toBe("0 min"); // a clock skew never reads negative
  });
});

describe("excerpt", () => {
  it("folds white space onto one line and keeps a short text whole", () => {
    expect(excerpt("  包裹\n到哪了?  ", 12)).toBe("包裹 到哪了?");
  });

  it("cuts on characters, never half of one, and marks the cut", () => {
    expect(excerpt("文昌路 88 号 3 栋 502 室", 9)).toBe("文昌路 88 号…");
    expect(excerpt("😀😀😀😀", 3)).toBe("😀😀…");
    const long = excerpt("长".repeat(500));
    expect([...long]).toHaveLength(EXCERPT_MAX);
    expect(long.endsWith("…")).toBe(true);
  });
});
