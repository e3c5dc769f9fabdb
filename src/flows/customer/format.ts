import { formatLocalDate } from "../../domain/kernel/format";
import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import type { FlowContext } from "../types";

/** "今天(11月27日)", "明天(11月28日)", else the date itself ("11月29日" / "Nov 29"). */
export function formatDay(ctx: FlowContext, date: string): string {
  const { calendar } = ctx.deps;
  const today = calendar.localDate(ctx.now);
  const words = formatLocalDate(date, ctx.language);
  if (date === today) return ctx.t("customer.day.today", { date: words });
  if (date === calendar.addDays(today, 1)) return ctx.t("customer.day.tomorrow", { date: words });
  return words;
}

/**
 * A tracking number inside a longer text ("我的件 1234 5678 9012 还没到"): the whole text first,
 * then runs of digits, letters, spaces and dashes, then single words; the first the policy accepts.
 */
export function findTrackingNo(ctx: FlowContext, text: string): string | undefined {
  const { policy } = ctx.deps;
  const whole = checkTrackingNo(text, policy);
  if (whole.ok) return whole.trackingNo;
  // A number of the right shape with a wrong check digit is a typo: no shorter part of it is read.
  if (whole.reason === "check_digit") return undefined;
  const normalized = text.normalize("NFKC");
  const candidates = [
    ...(normalized.match(/[A-Za-z]{0,4}[\d][\d -]{6,40}\d/g) ?? []),
    ...normalized.split(/[^A-Za-z0-9-]+/),
  ];
  for (const candidate of candidates) {
    const checked = checkTrackingNo(candidate.trim(), policy);
    if (checked.ok) return checked.trackingNo;
    if (checked.reason === "check_digit") return undefined;
  }
  return undefined;
}
