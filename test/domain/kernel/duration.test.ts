import { describe, expect, it } from "vitest";
import {
  addDuration,
  isoDurationSchema,
  parseIsoDuration,
  subtractDuration,
} from "../../../src/domain/kernel/duration";

describe("ISO-8601 durations", () => {
  it.each([
    ["PT30M", { minutes: 30 }],
    ["PT2H", { hours: 2 }],
    ["P3D", { days: 3 }],
    ["PT5S", { seconds: 5 }],
    ["P1DT2H30M", { days: 1, hours: 2, minutes: 30 }],
    ["P2W", { weeks: 2 }],
  ])("parses %s", (text, parts) => {
    expect(parseIsoDuration(text)).toEqual(parts);
  });

  it.each(["", "P", "PT", "30M", "PT-5M", "P1Y", "1 day"])("rejects %j", (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
    expect(isoDurationSchema.safeParse(text).success).toBe(false);
  });

  it.each(["PT0S", "P0D", "PT0M", "P0DT0H", "PT0.5S", "PT0.999S"])(
    "refuses %s: a policy duration under one second would make a timer fire at once, again and again",
    (text) => {
      const result = isoDurationSchema.safeParse(text);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        `"${text}" is shorter than one second: a duration must be at least PT1S`,
      );
    },
  );

  it("accepts one second, the shortest duration (tests use PT5S)", () => {
    expect(isoDurationSchema.parse("PT1S").parts).toEqual({ seconds: 1 });
  });

  it("SOP-50: P3D is three days on the branch's calendar", () => {
    const d = isoDurationSchema.parse("P3D");
    const at = new Date("2026-11-27T16:30:00Z"); // 00:30 on the 28th in Shanghai
    expect(addDuration(at, d, "Asia/Shanghai").toISOString()).toBe("2026-11-30T16:30:00.000Z");
  });

  it("a day across a DST change keeps the wall-clock time", () => {
    const d = isoDurationSchema.parse("P1D");
    const at = new Date("2026-03-07T15:00:00Z"); // 10:00 in New York, the day before DST starts
    expect(addDuration(at, d, "America/New_York").toISOString()).toBe("2026-03-08T14:00:00.000Z");
    expect(subtractDuration(new Date("2026-03-08T14:00:00Z"), d, "America/New_York").toISOString()).toBe(
      "2026-03-07T15:00:00.000Z",
    );
  });

  it("hours, minutes and seconds are elapsed time, across a DST change too (as date-fns adds them)", () => {
    const at = new Date("2026-03-08T06:30:00Z"); // 01:30 in New York, half an hour before DST starts
    const cases: [string, string][] = [
      ["PT2H", "2026-03-08T08:30:00.000Z"], // 04:30 on the clock: two hours have passed
      ["PT30M", "2026-03-08T07:00:00.000Z"],
      ["PT1H30M5.5S", "2026-03-08T08:00:05.500Z"],
      ["P1DT2H", "2026-03-09T07:30:00.000Z"], // a calendar day (23 h here), then two hours
    ];
    for (const [iso, expected] of cases) {
      expect(addDuration(at, isoDurationSchema.parse(iso), "America/New_York").toISOString()).toBe(expected);
    }
  });
});
