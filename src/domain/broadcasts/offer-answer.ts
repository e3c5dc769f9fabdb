import { normaliseTyped } from "../intents/text";

/**
 * A courier's typed answer to "要把这句话转给值班组长吗?" (staff-words.ts): "是的", "转吧", "好的",
 * "yes" pass the words on as the button does; "不用", "no" pass nothing. Anything else is new words.
 */
const YES =
  /^(?:好|好的|好吧|嗯|行|可以|是|是的|对|对的|要|要的|需要|转|转吧|转一下|转过去|转给他|转给她|转给(?:值班)?组长|发吧|发给他|帮我转|麻烦转一下|可以转|ok|okay|yes|yep|yeah|sure|please|pass it on|pass it|send it)$/u;
const NO = /^(?:不|不用|不用了|不要|不要了|不需要|不转|别转|没事|没事了|no|nope|no thanks|dont)$/u;

export function answerToOffer(text: string): "yes" | "no" | undefined {
  const typed = normaliseTyped(text);
  // Not "收到": that acknowledges a notice (ack-words.ts), whatever was offered before it.
  if (YES.test(typed)) return "yes";
  return NO.test(typed) ? "no" : undefined;
}
