import { isAcknowledgement } from "../intents/text";

/**
 * SOP-83: the short words a courier or driver types to acknowledge a broadcast instead of tapping
 * "收到" ("收到", "好的", "知道了", "ok", a thumbs-up): the desk's one list of acknowledgements
 * (intents/text.ts). Kept narrow on purpose: a short message that starts with one of these words
 * counts ("好的,收到", "收到,明天准时到"); a question, a number or anything longer goes where it
 * went before.
 */

/** What separates the words of a short reply ("好的,收到", "收到!明天准时到", "ok."). */
const SEPARATORS = /[\s!!。.~~,,、;;]+/u;

/**
 * A short reply that starts with one of the words: "收到", "好的,收到", "收到,明天准时到". Not a
 * question (a question mark) and no number (a waybill, a phone): those go where they went before.
 */
export function isAcknowledgementWord(text: string): boolean {
  if ([...text].length > 20 || /[??]|\d{5,}/u.test(text)) return false;
  // "收到,但是我的车坏了怎么办": a but, a question word or a no is more than an acknowledgement.
  if (/但|可是|不过|怎么|什么|为什么|吗|呢|不|没|\bbut\b|\bnot?\b/iu.test(text)) return false;
  const [first] = text.trim().split(SEPARATORS).filter(Boolean);
  return first !== undefined && (isAcknowledgement(first) || isAcknowledgement(text));
}

/** SOP-83: a courier's own words typed in answer to a broadcast, and the desk message they reply to. */
export interface BroadcastReply {
  text: string;
  replyTo?: string;
}

/**
 * The staff route hands the words to the broadcast-ack flow as its one string of args: "" stands
 * for an acknowledgement word, anything else is a reply, encoded here and read back by decode.
 */
export function encodeBroadcastReply(text: string, replyTo: string | undefined): string {
  const reply: BroadcastReply = { text: text.trim() };
  if (replyTo !== undefined) reply.replyTo = replyTo;
  return JSON.stringify(reply);
}

/** The reply the args stand for; undefined for "" (a word) or args that are no reply. */
export function decodeBroadcastReply(args: string): BroadcastReply | undefined {
  if (args === "") return undefined;
  try {
    const value: unknown = JSON.parse(args);
    if (typeof value !== "object" || value === null) return undefined;
    const { text, replyTo } = value as Record<string, unknown>;
    if (typeof text !== "string" || text === "") return undefined;
    return typeof replyTo === "string" ? { text, replyTo } : { text };
  } catch {
    return undefined;
  }
}
