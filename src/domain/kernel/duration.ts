import { TZDate } from "@date-fns/tz";
import { add, type Duration } from "date-fns";
import { z } from "zod";

// ISO-8601 durations as the policy writes them: P3D, PT30M, PT2H, PT5S, P1DT2H30M.
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseIsoDuration(text: string): Duration | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return undefined;
  const [, weeks, days, hours, minutes, seconds] = m;
  const d: Duration = {};
  if (weeks) d.weeks = Number(weeks);
  if (days) d.days = Number(days);
  if (hours) d.hours = Number(hours);
  if (minutes) d.minutes = Number(minutes);
  if (seconds) d.seconds = Number(seconds);
  return d;
}

/** A policy duration: keeps its ISO text for people and its parts for arithmetic. */
export interface IsoDuration {
  readonly iso: string;
  readonly parts: Duration;
}

/** Nominal milliseconds of the parts (a day as 24 h): only to tell a duration too short to be one. */
function nominalMs(parts: Duration): number {
  const { weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = parts;
  return ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/** The shortest duration a policy may set: a timer of 0 s (PT0S) would fire at once, forever. */
export const MIN_DURATION_MS = 1000;

export const isoDurationSchema = z.string().transform((text, ctx): IsoDuration => {
  const parts = parseIsoDuration(text);
  if (!parts) {
    ctx.addIssue({
      code: "custom",
      message: `"${text}" is not an ISO-8601 duration such as PT30M, PT2H or P3D`,
    });
    return z.NEVER;
  }
  if (nominalMs(parts) < MIN_DURATION_MS) {
    ctx.addIssue({
      code: "custom",
      message: `"${text}" is shorter than one second: a duration must be at least PT1S`,
    });
    return z.NEVER;
  }
  return { iso: text, parts };
});

/**
 * Adds a duration in the branch's time zone, so that P3D is three calendar days on the
 * branch's clock (what the SOP's day counts mean), not 72 hours in UTC.
 */
export function addDuration(at: Date, duration: IsoDuration, timeZone: string): Date {
  const clockMs = clockOnlyMs(duration.parts);
  // Hours, minutes and seconds are elapsed time in date-fns's add() too (only days, weeks, months
  // and years follow the calendar): the same instant, without the time-zone arithmetic (issue 15:
  // the session's idle time is computed on every update).
  if (clockMs !== undefined) return new Date(at.getTime() + clockMs);
  return new Date(add(new TZDate(at.getTime(), timeZone), duration.parts).getTime());
}

/** The milliseconds of a duration of hours, minutes and seconds only; undefined if it has calendar parts. */
function clockOnlyMs(parts: Duration): number | undefined {
  if (parts.years || parts.months || parts.weeks || parts.days) return undefined;
  const { hours = 0, minutes = 0, seconds = 0 } = parts;
  return (seconds + (minutes + hours * 60) * 60) * 1000;
}

export function subtractDuration(at: Date, duration: IsoDuration, timeZone: string): Date {
  const negated: Duration = {};
  for (const [k, v] of Object.entries(duration.parts)) negated[k as keyof Duration] = -(v as number);
  return new Date(add(new TZDate(at.getTime(), timeZone), negated).getTime());
}

/** Milliseconds of a duration counted from a given instant (days vary only with DST). */
export function durationMs(from: Date, duration: IsoDuration, timeZone: string): number {
  return addDuration(from, duration, timeZone).getTime() - from.getTime();
}
