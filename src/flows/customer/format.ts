import { checkTrackingNo } from "../../domain/tracking-number";
import type { FlowContext } from "../types";

/**
 * What customers read about times: the branch's clock (policy.timezone), "11月27日 18:45" in
 * Chinese, "Nov 27 18:45" in English. Instants stay UTC everywhere else.
 */
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dateParts(date: string): { month: number; day: number } {
  const [, m, d] = date.split("-");
  return { month: Number(m), day: Number(d) };
}

/** "11月28日" / "Nov 28" for a YYYY-MM-DD date on the branch's clock. */
export function formatDate(ctx: FlowContext, date: string): string {
  const { month, day } = dateParts(date);
  return ctx.language === "zh" ? `${month}月${day}日` : `${MONTHS_EN[month - 1] ?? month} ${day}`;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "11月27日 18:45" / "Nov 27 18:45" in the branch's time zone. */
export function formatTime(ctx: FlowContext, at: Date): string {
  const { calendar } = ctx.deps;
  return `${formatDate(ctx, calendar.localDate(at))} ${formatClock(calendar.localMinutes(at))}`;
}

/** "今天(11月27日)", "明天(11月28日)", else the date itself. */
export function formatDay(ctx: FlowContext, date: string): string {
  const { calendar } = ctx.deps;
  const today = calendar.localDate(ctx.now);
  if (date === today) return ctx.t("customer.day.today", { date: formatDate(ctx, date) });
  if (date === calendar.addDays(today, 1))
    return ctx.t("customer.day.tomorrow", { date: formatDate(ctx, date) });
  return formatDate(ctx, date);
}

/** Cuts a text for a button label or a list line, on characters (not UTF-16 units). */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * A tracking number inside a longer text ("我的件 1234 5678 9012 还没到"): the whole text first,
 * then runs of digits, letters, spaces and dashes, then single words; the first the policy accepts.
 */
export function findTrackingNo(ctx: FlowContext, text: string): string | undefined {
  const { policy } = ctx.deps;
  const whole = checkTrackingNo(text, policy);
  if (whole.ok) return whole.trackingNo;
  const normalized = text.normalize("NFKC");
  const candidates = [
    ...(normalized.match(/[A-Za-z]{0,4}[\d][\d -]{6,40}\d/g) ?? []),
    ...normalized.split(/[^A-Za-z0-9-]+/),
  ];
  for (const candidate of candidates) {
    const checked = checkTrackingNo(candidate.trim(), policy);
    if (checked.ok) return checked.trackingNo;
  }
  return undefined;
}
