import { formatLocalDate } from "../../domain/kernel/format";
import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import { findTrackingNumber } from "../../domain/kernel/tracking-number-in-text";
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
 * The tracking number a customer typed: the whole text as one number first ("yt 900000-000002"),
 * else the first one in the sentence ("where is my parcel YT1234567890").
 */
export function findTrackingNo(ctx: FlowContext, text: string): string | undefined {
  const whole = checkTrackingNo(text, ctx.deps.policy);
  if (whole.ok) return whole.trackingNo;
  if (whole.reason === "check_digit") return undefined; // a typo: no shorter part of it is read
  return findTrackingNumber(text, ctx.deps.policy)?.trackingNo;
}
