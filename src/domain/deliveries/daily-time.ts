import { z } from "zod";
import type { Policy } from "../config/policy";

/**
 * A time of day on the branch's clock for the deliveries' daily jobs (SOP-44's list, SOP-74's
 * reminder and escalation): "HH:MM" as every clock time of the policy, or "HH:MM:SS" (tests run the
 * real daily jobs a few seconds from now).
 */
export interface DailyTime {
  readonly text: string;
  /** Seconds after midnight, 0..86399. */
  readonly seconds: number;
}

const HH_MM_SS = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

export function parseDailyTime(text: string): DailyTime | undefined {
  const m = HH_MM_SS.exec(text);
  if (!m) return undefined;
  return { text, seconds: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) };
}

export const dailyTimeSchema = z.string().transform((text, ctx): DailyTime => {
  const time = parseDailyTime(text);
  if (!time) {
    ctx.addIssue({
      code: "custom",
      message: `"${text}" is not a clock time HH:MM (or HH:MM:SS) between 00:00 and 23:59`,
    });
    return z.NEVER;
  }
  return time;
});

/** The daily cron pattern of a time: five fields, or six (seconds first) when it has seconds. */
export function dailyCronAt(time: DailyTime): string {
  const s = time.seconds % 60;
  const m = Math.floor(time.seconds / 60) % 60;
  const h = Math.floor(time.seconds / 3600);
  return s === 0 ? `${m} ${h} * * *` : `${s} ${m} ${h} * * *`;
}

function at(seconds: number): DailyTime {
  const s = Math.max(0, Math.min(86_399, seconds));
  const pad = (n: number) => String(n).padStart(2, "0");
  const hhmm = `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}`;
  return { text: s % 60 === 0 ? hhmm : `${hhmm}:${pad(s % 60)}`, seconds: s };
}

/** SOP-44: undelivered.listAt, else an hour before the desk closes (not before it opens). */
export function undeliveredListAt(policy: Policy): DailyTime {
  const { opens, closes } = policy.deskHours;
  return policy.undelivered.listAt ?? at(Math.max(opens.minutes * 60, closes.minutes * 60 - 3600));
}

/** SOP-74: receipts.remindAt, else half an hour before receipts.enterSignedBy. */
export function receiptsRemindAt(policy: Policy): DailyTime {
  return policy.receipts.remindAt ?? at(policy.receipts.enterSignedBy.seconds - 1800);
}
