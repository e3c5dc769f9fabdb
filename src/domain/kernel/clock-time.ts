import { z } from "zod";

/** A wall-clock time of day on the branch's clock, as minutes after midnight (0..1440). */
export interface ClockTime {
  readonly text: string;
  readonly minutes: number;
}

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

export function parseClockTime(text: string): ClockTime | undefined {
  const m = HH_MM.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 24 * 60) return undefined;
  return { text, minutes };
}

export const clockTimeSchema = z.string().transform((text, ctx): ClockTime => {
  const t = parseClockTime(text);
  if (!t) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a clock time HH:MM between 00:00 and 24:00` });
    return z.NEVER;
  }
  return t;
});
