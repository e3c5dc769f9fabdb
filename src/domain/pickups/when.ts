import * as chrono from "chrono-node";
import type { Policy } from "../config/policy";
import type { BusinessCalendar } from "../kernel/calendar";
import type { ClockTime } from "../kernel/clock-time";

/**
 * When the courier comes (SOP-20, SOP-22, SOP-23): the afternoon of a desk day from
 * pickup.earliest (15:00) until pickup.cutoff (19:00), a time the customer named inside that
 * window, or a morning pickup agreed with the courier (SOP-23: from the desk's opening to
 * pickup.morningEnds). A request after the cut-off, or on a closed day, goes to the next desk day.
 *
 * Time words ("晚上8点可以吗", "11点半", "明天下午", "tomorrow 3pm", full-width digits) are read
 * by chrono-node (Chinese and English), then judged here against the rules.
 */

export interface PickupSchedule {
  /** YYYY-MM-DD on the branch's clock. */
  pickupDay: string;
  earliestAt: Date;
  /** The pickup was pushed to a later desk day (after the cut-off, or asked on a closed day). */
  nextDay: boolean;
}

/** What the customer chose: the afternoon or the morning of a day (default: the first allowed), or a time. */
export type PickupWhen =
  | { kind: "afternoon"; day?: string | undefined }
  | { kind: "morning"; day?: string | undefined }
  | { kind: "at"; at: Date };

export interface WhenDeps {
  policy: Policy;
  calendar: BusinessCalendar;
  now: Date;
}

/** How far ahead a customer may book: a week. */
export const MAX_DAYS_AHEAD = 7;

const clock = (minutes: number): ClockTime => {
  const pad = (n: number) => String(n).padStart(2, "0");
  return { text: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`, minutes };
};

const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

/**
 * SOP-20: a normal pickup is after pickup.earliest (15:00), so not before that today.
 * SOP-22: a request at or after pickup.cutoff (19:00) is agreed for the next day; a request on a
 * day the desk is closed goes to the next desk day too (pickups follow the desk calendar).
 */
export function pickupSchedule(policy: Policy, calendar: BusinessCalendar, now: Date): PickupSchedule {
  const { earliest, cutoff } = policy.pickup;
  const today = calendar.localDate(now);
  if (calendar.isDeskDay(today) && now.getTime() < calendar.atLocalTime(today, cutoff).getTime()) {
    return {
      pickupDay: today,
      earliestAt: later(calendar.atLocalTime(today, earliest), now),
      nextDay: false,
    };
  }
  const pickupDay = calendar.nextDeskDay(today);
  return { pickupDay, earliestAt: calendar.atLocalTime(pickupDay, earliest), nextDay: true };
}

/** SOP-23: the first morning a courier can still come: today before morningEnds, else the next desk day. */
export function morningDay({ policy, calendar, now }: WhenDeps): string {
  const today = calendar.localDate(now);
  const stillMorning = calendar.localMinutes(now) < policy.pickup.morningEnds.minutes;
  return calendar.isDeskDay(today) && stillMorning ? today : calendar.nextDeskDay(today);
}

/** Whether a morning pickup can still be had on `day` (a desk day, and not a morning already over). */
export function morningOpen(deps: WhenDeps, day: string): boolean {
  return deps.calendar.isDeskDay(day) && day >= morningDay(deps);
}

export type WhenRefusal = "after_cutoff" | "before_earliest" | "passed" | "closed_day" | "too_far";

export type ScheduleCheck = { ok: true; schedule: PickupSchedule } | { ok: false; reason: WhenRefusal };

/** The schedule of a choice, judged by the rules again (at submit, time has moved on). */
export function scheduleFor(when: PickupWhen, deps: WhenDeps): ScheduleCheck {
  const { policy, calendar, now } = deps;
  const today = calendar.localDate(now);
  const first = pickupSchedule(policy, calendar, now);
  const dayCheck = (day: string): WhenRefusal | undefined => {
    if (day < today) return "passed";
    if (day > calendar.addDays(today, MAX_DAYS_AHEAD)) return "too_far";
    if (!calendar.isDeskDay(day)) return "closed_day";
    return day < first.pickupDay ? "after_cutoff" : undefined;
  };
  switch (when.kind) {
    case "afternoon": {
      const day = when.day ?? first.pickupDay;
      const refused = dayCheck(day);
      if (refused) return { ok: false, reason: refused };
      if (day === first.pickupDay) return { ok: true, schedule: first };
      return {
        ok: true,
        schedule: {
          pickupDay: day,
          earliestAt: calendar.atLocalTime(day, policy.pickup.earliest),
          nextDay: true,
        },
      };
    }
    case "morning": {
      const day = when.day ?? morningDay(deps);
      const refused = dayCheck(day);
      if (refused && refused !== "after_cutoff") return { ok: false, reason: refused };
      if (!morningOpen(deps, day)) return { ok: false, reason: "passed" };
      const earliestAt = day === today ? later(calendar.opensAt(day), now) : calendar.opensAt(day);
      return { ok: true, schedule: { pickupDay: day, earliestAt, nextDay: day > today } };
    }
    case "at": {
      const day = calendar.localDate(when.at);
      const refused = dayCheck(day);
      if (refused) return { ok: false, reason: refused };
      const minutes = calendar.localMinutes(when.at);
      if (minutes >= policy.pickup.cutoff.minutes) return { ok: false, reason: "after_cutoff" };
      if (minutes < policy.pickup.earliest.minutes) return { ok: false, reason: "before_earliest" };
      if (when.at.getTime() <= now.getTime()) return { ok: false, reason: "passed" };
      return { ok: true, schedule: { pickupDay: day, earliestAt: when.at, nextDay: day > today } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a typed time

/** A time as typed: the day (when one was named), the clock time and/or the part of the day. */
export interface TypedTime {
  day?: string | undefined;
  minutes?: number | undefined;
  part?: "morning" | "afternoon" | "evening" | undefined;
}

const PARTS: [TypedTime["part"] & string, RegExp][] = [
  ["evening", /晚上|傍晚|夜里|夜间|今晚|明晚|evening|tonight|night/i],
  ["morning", /上午|早上|早晨|清早|morning/i],
  ["afternoon", /下午|afternoon/i],
];

/** Minutes the branch's clock is ahead of UTC at `now` (chrono reads times on the branch's clock). */
function offsetMinutes(calendar: BusinessCalendar, now: Date): number {
  const [y, m, d] = calendar.localDate(now).split("-").map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) + calendar.localMinutes(now) * 60_000;
  return Math.round((wall - Math.floor(now.getTime() / 60_000) * 60_000) / 60_000);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The time in a text, on the branch's clock; undefined when it names none. */
export function readTypedTime(raw: string, deps: WhenDeps): TypedTime | undefined {
  const text = raw.normalize("NFKC").slice(0, 200);
  const ref = { instant: deps.now, timezone: offsetMinutes(deps.calendar, deps.now) };
  // Chinese and English parsers both read the text; mixed words ("明天 3pm") take the day from one
  // and the hour from the other.
  const starts = [
    ...chrono.zh.hans.parse(text, ref, { forwardDate: true }),
    ...chrono.parse(text, ref, { forwardDate: true }),
  ].map((r) => r.start);
  const dated = starts.find((s) => s.isCertain("day") || s.isCertain("weekday"));
  const timed = starts.find((s) => s.isCertain("hour"));
  const typed: TypedTime = {};
  if (dated) {
    typed.day = `${dated.get("year")}-${pad2(dated.get("month") ?? 1)}-${pad2(dated.get("day") ?? 1)}`;
  }
  typed.part = PARTS.find(([, re]) => re.test(text))?.[0];
  if (starts.length === 0 && typed.part === undefined) return undefined;
  if (timed) {
    const start = timed;
    let hour = start.get("hour") ?? 0;
    // "3点", "4:30" with no 上午/下午: pickups are in the afternoon, so 1 to 7 o'clock is p.m.
    if (!start.isCertain("meridiem") && hour >= 1 && hour <= 7 && typed.part !== "morning") hour += 12;
    if (typed.part === "evening" && hour < 12) hour += 12;
    typed.minutes = hour * 60 + (start.get("minute") ?? 0);
  }
  if (typed.day === undefined && typed.minutes === undefined && typed.part === undefined) return undefined;
  return typed;
}

/** What a typed time comes to: a choice within the rules, or why not and which day to offer instead. */
export type TimeAnswer =
  | { ok: true; when: PickupWhen }
  | { ok: false; reason: WhenRefusal; asked?: string | undefined; offerDay: string };

/**
 * Judges a typed time against SOP-20/22/23: "晚上8点" is after the cut-off (the next day is
 * offered); "11点半" is before the earliest time (that afternoon, or a morning pickup, is
 * offered); "明天下午" and "tomorrow 3pm" are taken.
 */
export function answerTypedTime(typed: TypedTime, deps: WhenDeps): TimeAnswer {
  const { policy, calendar, now } = deps;
  const first = pickupSchedule(policy, calendar, now);
  const day = typed.day ?? calendar.localDate(now);
  const asked = typed.minutes === undefined ? undefined : clock(typed.minutes).text;
  const refuse = (reason: WhenRefusal, offerDay: string): TimeAnswer => ({
    ok: false,
    reason,
    asked,
    offerDay,
  });
  /** The desk day after `d`, and never before the first day the rules allow. */
  const nextFrom = (d: string): string => {
    const next = calendar.nextDeskDay(d);
    if (next < first.pickupDay) return first.pickupDay;
    return next;
  };

  const evening =
    typed.part === "evening" && typed.minutes === undefined
      ? true
      : typed.minutes !== undefined && typed.minutes >= policy.pickup.cutoff.minutes;
  if (evening) return refuse("after_cutoff", nextFrom(day));

  let when: PickupWhen;
  if (typed.minutes !== undefined) {
    if (typed.minutes < policy.pickup.earliest.minutes) {
      return refuse(
        "before_earliest",
        day < first.pickupDay ? first.pickupDay : calendar.deskDayOnOrAfter(day),
      );
    }
    when = { kind: "at", at: calendar.atLocalTime(day, clock(typed.minutes)) };
  } else if (typed.part === "morning") {
    when = { kind: "morning", day };
  } else {
    when = { kind: "afternoon", day };
  }
  const checked = scheduleFor(when, deps);
  if (checked.ok) return { ok: true, when };
  switch (checked.reason) {
    case "closed_day":
      return refuse("closed_day", calendar.deskDayOnOrAfter(day));
    case "too_far":
    case "passed":
      return refuse(checked.reason, first.pickupDay);
    default:
      return refuse(checked.reason, nextFrom(day));
  }
}

/** A typed text's time, judged; undefined when the text names no time at all. */
export function readPickupTime(text: string, deps: WhenDeps): TimeAnswer | undefined {
  const typed = readTypedTime(text, deps);
  return typed ? answerTypedTime(typed, deps) : undefined;
}
