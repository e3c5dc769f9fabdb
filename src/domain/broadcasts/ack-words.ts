/**
 * SOP-83: the short words a courier or driver types to acknowledge a broadcast instead of tapping
 * "收到" ("收到", "好的", "知道了", "ok", a thumbs-up). Kept narrow on purpose: only a whole
 * message of one of these words (with trailing punctuation) counts; anything longer is a question
 * or a tracking number and goes where it went before.
 */
const ACK_WORDS = new Set([
  "收到",
  "收到了",
  "已收到",
  "好的",
  "好",
  "好滴",
  "知道了",
  "知道",
  "明白",
  "明白了",
  "了解",
  "ok",
  "okay",
  "got it",
  "roger",
  "👌",
  "👍",
]);

/** Trailing punctuation, spaces and emphasis typed after the word ("收到!", "好的~", "ok."). */
const TRAILING = /[\s!!。.~~,,、]+$/u;

export function isAcknowledgementWord(text: string): boolean {
  if (text.length > 20) return false;
  const word = text.trim().replace(TRAILING, "").toLowerCase();
  return ACK_WORDS.has(word);
}
