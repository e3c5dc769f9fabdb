import { normaliseTyped } from "../intents/text";

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
