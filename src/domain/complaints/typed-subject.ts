import type { Policy } from "../config/policy";
import { checkTrackingNo } from "../kernel/tracking-number";
import { findTrackingNumber } from "../kernel/tracking-number-in-text";

/**
 * What a customer typed where a waybill was asked: the number, alone or inside a sentence
 * ("单号是YT1000000004", "快递员态度很差,YT1000000002 打电话骂人"), and the rest of the sentence when it
 * says more than "the number is" (a complaint told at once is not asked again).
 */
export interface TypedSubject {
  trackingNo: string;
  /** The words around the number, when they are more than a lead-in to it. */
  rest?: string;
}

/** Lead-ins and tails that only point at the number: "单号是", "my tracking number is", "谢谢". */
const LEAD_IN =
  /^(?:(?:我的|这个|那个)?(?:快递|包裹|快件|订单)?(?:的)?(?:快递单号|运单号码?|单号|运单|编号)?(?:是|为|:|:)?|(?:my |the )?(?:parcel |tracking |waybill )?(?:number|no\.?)?(?: is)?:?)$/i;
const PUNCTUATION = /[\s\p{P}\p{S}]+/gu;

function restOf(text: string, start: number, end: number): string | undefined {
  const around = `${text.slice(0, start).trimEnd()} ${text.slice(end).trimStart()}`.trim();
  const bare = around.replace(PUNCTUATION, " ").trim();
  if (bare === "" || LEAD_IN.test(bare)) return undefined;
  // Fewer than two letters or Han characters beyond the lead-in say nothing.
  if ([...bare.replace(/\s/g, "")].length < 2) return undefined;
  return around.replace(/^[\s,,。.;;::、]+|[\s,,;;::、]+$/g, "");
}

/**
 * The whole text as one number first ("yt 900000-000002"); a number of the right shape with a
 * wrong check digit is a typo (nothing read); else the first number in the sentence and the rest.
 */
export function typedSubject(text: string, policy: Pick<Policy, "trackingNumber">): TypedSubject | undefined {
  const whole = checkTrackingNo(text, policy);
  if (whole.ok) return { trackingNo: whole.trackingNo };
  if (whole.reason === "check_digit") return undefined;
  const found = findTrackingNumber(text, policy);
  if (!found) return undefined;
  const rest = restOf(text.normalize("NFKC"), found.start, found.end);
  return rest ? { trackingNo: found.trackingNo, rest } : { trackingNo: found.trackingNo };
}
