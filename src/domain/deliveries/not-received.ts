import type { Policy } from "../config/policy";
import { normaliseTyped } from "../intents/text";
import { addDuration } from "../kernel/duration";
import type { ParcelView } from "../ports/records";

/**
 * SOP-73: a parcel the scans say delivered that the customer says they did not receive ("不对,我没
 * 收到", "显示签收了但是没拿到", "I never got it"). The desk keeps its signed receipt for 180 days
 * and must answer about it: the question goes to an agent (a query, SOP-10), who looks up the
 * receipt (who signed, where) and answers the customer; a loss found that way is a claim (SOP-70).
 * Money not received (a claim's settlement) is no parcel: "没收到钱" is not read here.
 */
const NOT_RECEIVED_ZH =
  /没收到|没有收到|未收到|没拿到|没有拿到|没见到|没有见到|收不到|没到我手|没送到|没有送到/u;
const NOT_RECEIVED_EN =
  /\b(?:not received|never received|didnt receive|did not receive|havent received|have not received|didnt get|did not get|never got|not delivered|wasnt delivered|never arrived|not got it)\b/u;
const MONEY = /钱|款|赔|money|refund|payment/u;

export function saysNotReceived(text: string): boolean {
  const typed = normaliseTyped(text);
  const compact = typed.replace(/ /g, "");
  if (MONEY.test(typed)) return false;
  return NOT_RECEIVED_ZH.test(compact) || NOT_RECEIVED_EN.test(typed);
}

/**
 * SOP-73: whether a delivered parcel's signed receipt is still kept: receipts.keepFor (180 days)
 * from its arrival at the branch, read from the scans as receipts.ts deliveryOf reads them (the
 * last arrival before the delivery; none: the oldest scan). Past it there is no receipt to pull,
 * and the customer is not promised one.
 */
export function receiptStillKept(
  view: Pick<ParcelView, "latest" | "history">,
  policy: Policy,
  now: Date,
): boolean {
  const newestFirst = view.history.length > 0 ? view.history : [view.latest];
  const delivered = newestFirst.findIndex((s) => s.kind === "delivered");
  const before = newestFirst.slice(delivered + 1);
  const arrived =
    before.find((s) => s.kind === "arrived") ?? newestFirst[newestFirst.length - 1] ?? view.latest;
  return now.getTime() < addDuration(arrived.at, policy.receipts.keepFor, policy.timezone).getTime();
}
