import { TZDate } from "@date-fns/tz";
import { type Policy, WEEKDAYS, type Weekday } from "../config/policy";
import type { ClockTime } from "./clock-time";

/**
 * The branch's business calendar: when the desk is staffed (SOP-12 deskHours) and on which days.
 * Every instant is a UTC `Date`; only the policy's clock times and dates are read on the branch's
 * clock (policy.timezone). Dates are "YYYY-MM-DD" strings on that clock.
 */
export interface BusinessCalendar {
  readonly timeZone: string;
  /** The date of `at` on the branch's clock. */
  localDate(at: Date): string;
  /** Minutes after midnight of `at` on the branch's clock (0..1439). */
  localMinutes(at: Date): number;
  /** The instant a clock time falls on a date; 24:00 is the next day's midnight. */
  atLocalTime(date: string, time: ClockTime): Date;
  /** The date `days` calendar days after `date` (negative goes back). */
  addDays(date: string, days: number): string;
  /** Whether the desk opens at all on `date` (closedWeekdays, closedDates). */
  isDeskDay(date: string): boolean;
  /** The first desk day strictly after `date`. */
  nextDeskDay(date: string): string;
  /** `date` itself when it is a desk day, else the next desk day. */
  deskDayOnOrAfter(date: string): string;
  /** Opening and closing instants of a date's desk hours (meaningful on desk days). */
  opensAt(date: string): Date;
  closesAt(date: string): Date;
  /** SOP-12: opens <= local time < closes, on a desk day. */
  isDeskOpen(at: Date): boolean;
  /** The next instant the desk opens at or after `at`: `at` itself when open. */
  nextOpening(at: Date): Date;
  /** When a notice for people may go out: now if the desk is open, else its next opening. */
  deliverableAt(at: Date): Date;
}

/**
 * How far ahead a search for a desk day may look. The policy schema forbids closing all seven
 * weekdays, but a long list of closedDates could still close every day; past this we stop.
 */
export const MAX_SEARCH_DAYS = 400;

const MINUTES_PER_DAY = 24 * 60;
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): { y: number; m: number; d: number } {
  const match = DATE.exec(date);
  if (!match) throw new Error(`"${date}" is not a date YYYY-MM-DD`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function formatDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Whether `date` is "YYYY-MM-DD" and a day the calendar has (not 2024-02-30). */
export function isCalendarDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The date of `at` on the clock of `timeZone` (BusinessCalendar.localDate for any zone). */
export function dateOnClock(at: Date, timeZone: string): string {
  const t = new TZDate(at.getTime(), timeZone);
  return formatDate(t.getFullYear(), t.getMonth() + 1, t.getDate());
}

/** The instant a wall-clock time on `date` falls on the clock of `timeZone`. */
export function instantOnClock(
  date: string,
  time: { hours: number; minutes: number; seconds?: number },
  timeZone: string,
): Date {
  const { y, m, d } = parseDate(date);
  return new Date(new TZDate(y, m - 1, d, time.hours, time.minutes, time.seconds ?? 0, timeZone).getTime());
}

/** Calendar arithmetic on plain dates, done in UTC where no daylight-saving shift can move a day. */
function shiftDate(date: string, days: number): string {
  const { y, m, d } = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function weekdayOf(date: string): Weekday {
  const { y, m, d } = parseDate(date);
  const sundayFirst = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  // WEEKDAYS starts on Monday.
  return WEEKDAYS[(sundayFirst + 6) % 7] as Weekday;
}

export function createBusinessCalendar(policy: Policy): BusinessCalendar {
  const timeZone = policy.timezone;
  const { opens, closes, closedWeekdays, closedDates } = policy.deskHours;
  const closedDays = new Set<Weekday>(closedWeekdays);
  const closedOn = new Set(closedDates);

  // Issue 15: a busy timer worker asks for the date and the day's opening and closing thousands
  // of times a second, each a time-zone computation. Every zone's offset today and every change of
  // it fall on a quarter of an hour, so one quarter of an hour (UTC) is all on one local date; the
  // openings and closings are kept per date (only a few dates are ever asked).
  let lastQuarter: { quarter: number; date: string } | undefined;
  const localDate = (at: Date): string => {
    const quarter = Math.floor(at.getTime() / QUARTER_HOUR_MS);
    if (lastQuarter?.quarter === quarter) return lastQuarter.date;
    const date = dateOnClock(at, timeZone);
    if (Number.isFinite(quarter)) lastQuarter = { quarter, date };
    return date;
  };

  const localMinutes = (at: Date): number => {
    const t = new TZDate(at.getTime(), timeZone);
    return t.getHours() * 60 + t.getMinutes();
  };

  const atLocalTime = (date: string, time: ClockTime): Date => {
    // 24:00 is the following midnight (DESIGN.md: closes "24:00" = open to the end of the day).
    if (time.minutes >= MINUTES_PER_DAY)
      return atLocalTime(shiftDate(date, 1), { text: "00:00", minutes: 0 });
    return instantOnClock(
      date,
      { hours: Math.floor(time.minutes / 60), minutes: time.minutes % 60 },
      timeZone,
    );
  };

  const isDeskDay = (date: string): boolean => !closedOn.has(date) && !closedDays.has(weekdayOf(date));

  const deskDayFrom = (date: string, firstOffset: number): string => {
    for (let i = firstOffset; i <= MAX_SEARCH_DAYS; i++) {
      const candidate = shiftDate(date, i);
      if (isDeskDay(candidate)) return candidate;
    }
    throw new Error(
      `no desk day within ${MAX_SEARCH_DAYS} days after ${date}: check deskHours.closedWeekdays and closedDates`,
    );
  };

  const deskDays = new Map<string, { opens: number; closes: number }>();
  const deskDay = (date: string) => {
    let day = deskDays.get(date);
    if (!day) {
      if (deskDays.size >= 64) deskDays.clear();
      day = { opens: atLocalTime(date, opens).getTime(), closes: atLocalTime(date, closes).getTime() };
      deskDays.set(date, day);
    }
    return day;
  };
  const opensAt = (date: string): Date => new Date(deskDay(date).opens);
  const closesAt = (date: string): Date => new Date(deskDay(date).closes);

  const isDeskOpen = (at: Date): boolean => {
    const date = localDate(at);
    if (!isDeskDay(date)) return false;
    const t = at.getTime();
    return opensAt(date).getTime() <= t && t < closesAt(date).getTime();
  };

  const nextOpening = (at: Date): Date => {
    if (isDeskOpen(at)) return at;
    const today = localDate(at);
    // Before opening on a desk day (e.g. 07:00): today's opening; otherwise the next desk day's.
    if (isDeskDay(today) && at.getTime() < opensAt(today).getTime()) return opensAt(today);
    return opensAt(deskDayFrom(today, 1));
  };

  return {
    timeZone,
    localDate,
    localMinutes,
    atLocalTime,
    addDays: shiftDate,
    isDeskDay,
    nextDeskDay: (date) => deskDayFrom(date, 1),
    deskDayOnOrAfter: (date) => deskDayFrom(date, 0),
    opensAt,
    closesAt,
    isDeskOpen,
    nextOpening,
    // Jobs send notices for people through this so that nobody is woken at night (SOP-12 hours).
    deliverableAt: nextOpening,
  };
}
