import { describe, expect, it } from "vitest";
import { defaultPolicy, type PolicyInput } from "../../../src/domain/config/policy";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import { readPickupTime, scheduleFor, type TimeAnswer } from "../../../src/domain/pickups/when";

/** Shanghai local time as a UTC instant; 2026-11-27 is a Friday. */
const local = (time: string, date = "2026-11-27") => new Date(`${date}T${time}:00+08:00`);

function deps(now: string, overrides: PolicyInput = {}) {
  const policy = defaultPolicy(overrides);
  return { policy, calendar: createBusinessCalendar(policy), now: local(now) };
}

/** A typed time read at 10:00 on Friday 2026-11-27, summed up: "at 11-28 15:00", "after_cutoff → 11-28", … */
function read(text: string, now = "10:00", overrides: PolicyInput = {}): string {
  const d = deps(now, overrides);
  const answer: TimeAnswer | undefined = readPickupTime(text, d);
  if (!answer) return "none";
  if (!answer.ok) return `${answer.reason} → ${answer.offerDay}`;
  const when = answer.when;
  if (when.kind !== "at") return `${when.kind} ${when.day ?? "first"}`;
  const day = d.calendar.localDate(when.at);
  const minutes = d.calendar.localMinutes(when.at);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `at ${day} ${hh}:${mm}`;
}

describe("typed pickup times (SOP-20 after 15:00, SOP-22 cut-off 19:00, SOP-23 mornings)", () => {
  // As customers type them, in Chinese and English, with typos, full-width digits and mixed languages.
  const table: [string, string][] = [
    ["晚上8点可以吗", "after_cutoff → 2026-11-28"],
    ["晚上八点", "after_cutoff → 2026-11-28"],
    ["今晚", "after_cutoff → 2026-11-28"],
    ["tonight at 9", "after_cutoff → 2026-11-28"],
    ["8pm", "after_cutoff → 2026-11-28"],
    ["19:30", "after_cutoff → 2026-11-28"],
    ["明天晚上7点半", "after_cutoff → 2026-11-29"], // the desk day after tomorrow
    ["11点半", "before_earliest → 2026-11-27"],
    ["中午12点", "before_earliest → 2026-11-27"],
    ["tomorrow 10am", "before_earliest → 2026-11-28"],
    ["明天下午", "afternoon 2026-11-28"],
    ["明天", "afternoon 2026-11-28"],
    ["tomorrow afternoon", "afternoon 2026-11-28"],
    ["下午", "afternoon 2026-11-27"],
    ["this afternoon", "afternoon 2026-11-27"],
    ["明天上午", "morning 2026-11-28"],
    ["tomorrow morning", "morning 2026-11-28"],
    ["明天下午3点", "at 2026-11-28 15:00"],
    ["tomorrow 3pm", "at 2026-11-28 15:00"],
    ["Tomorrow 3 PM pls", "at 2026-11-28 15:00"],
    ["下午三点", "at 2026-11-27 15:00"],
    ["下午4点半", "at 2026-11-27 16:30"],
    ["下午４点半来吧", "at 2026-11-27 16:30"], // full-width digits
    ["４点", "at 2026-11-27 16:00"], // no 上午/下午: pickups are afternoons
    ["3点", "at 2026-11-27 15:00"],
    ["4:30pm", "at 2026-11-27 16:30"],
    ["１５：３０", "at 2026-11-27 15:30"],
    ["后天下午5点", "at 2026-11-29 17:00"],
    ["明天 3pm", "at 2026-11-28 15:00"], // mixed languages
    ["随便", "none"],
    ["我要寄快递", "none"],
    ["", "none"],
  ];
  for (const [text, expected] of table) {
    it(`"${text}" → ${expected}`, () => {
      expect(read(text)).toBe(expected);
    });
  }

  it("SOP-22: after 19:00, 'today' and any time today are the next day", () => {
    expect(read("下午4点", "19:30")).toBe("after_cutoff → 2026-11-28");
    expect(read("明天下午4点", "19:30")).toBe("at 2026-11-28 16:00");
  });

  it("a time already passed today offers today from now", () => {
    expect(read("3点", "16:00")).toBe("passed → 2026-11-27");
  });

  it("SOP-22: a closed day offers the next desk day", () => {
    const weekends: PolicyInput = { deskHours: { closedWeekdays: ["sat", "sun"] } };
    expect(read("明天下午3点", "10:00", weekends)).toBe("closed_day → 2026-11-30");
  });

  it("more than a week ahead is too far", () => {
    expect(read("12月20日下午3点")).toBe("too_far → 2026-11-27");
  });
});

describe("scheduleFor (checked again at submit)", () => {
  it("SOP-23: a morning asked before noon is this morning from now; after noon, the next desk day from opening", () => {
    expect(scheduleFor({ kind: "morning" }, deps("10:00"))).toEqual({
      ok: true,
      schedule: { pickupDay: "2026-11-27", earliestAt: local("10:00"), nextDay: false },
    });
    expect(scheduleFor({ kind: "morning" }, deps("14:00"))).toEqual({
      ok: true,
      schedule: { pickupDay: "2026-11-28", earliestAt: local("08:00", "2026-11-28"), nextDay: true },
    });
    expect(scheduleFor({ kind: "morning", day: "2026-11-27" }, deps("14:00"))).toEqual({
      ok: false,
      reason: "passed",
    });
  });

  it("SOP-20, SOP-22: a named time must lie in 15:00..19:00 of a desk day, and be ahead", () => {
    expect(scheduleFor({ kind: "at", at: local("16:30") }, deps("10:00"))).toMatchObject({ ok: true });
    expect(scheduleFor({ kind: "at", at: local("16:30") }, deps("17:00"))).toEqual({
      ok: false,
      reason: "passed",
    });
    expect(scheduleFor({ kind: "at", at: local("19:00") }, deps("10:00"))).toEqual({
      ok: false,
      reason: "after_cutoff",
    });
    expect(scheduleFor({ kind: "at", at: local("14:59") }, deps("10:00"))).toEqual({
      ok: false,
      reason: "before_earliest",
    });
  });

  it("SOP-22: the afternoon of today after the cut-off is refused; the next day's is taken", () => {
    expect(scheduleFor({ kind: "afternoon", day: "2026-11-27" }, deps("19:30"))).toEqual({
      ok: false,
      reason: "after_cutoff",
    });
    expect(scheduleFor({ kind: "afternoon", day: "2026-11-28" }, deps("19:30"))).toEqual({
      ok: true,
      schedule: { pickupDay: "2026-11-28", earliestAt: local("15:00", "2026-11-28"), nextDay: true },
    });
  });
});
