/**
 * Typed text as the intent matcher reads it: full-width folded (NFKC: "ＹＴ１２" → "yt12",
 * "？" → "?"), lower case, apostrophes dropped ("where's" → "wheres"), punctuation and emoji
 * as spaces, and Chinese apart from Latin words and digits ("我要send" → "我要 send"), so that
 * each token is either Chinese or a Latin word.
 */
export function normaliseTyped(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1")
    .replace(/(\p{Script=Han})(?=[^\s\p{Script=Han}])/gu, "$1 ")
    .replace(/([^\s\p{Script=Han}])(?=\p{Script=Han})/gu, "$1 ")
    .trim();
}

/**
 * A bare acknowledgement, normalised (an emoji alone normalises to nothing). The one list: a
 * customer's "好的" and a courier's "收到" to a broadcast (broadcasts/ack-words.ts, SOP-83) read it.
 */
const ACKNOWLEDGED =
  /^(?:|好|好的|好滴|好吧|嗯+|哦+|噢|行|可以|收到了?|已收到|知道了?|明白了?|了解|ok|okay|k|yes|sure|got it|noted|alright|roger)$/u;

/**
 * "好的", "嗯", "ok", "👍": the customer (or courier) read what the desk sent; nothing to look up,
 * add or ask a person about.
 */
export function isAcknowledgement(text: string): boolean {
  return ACKNOWLEDGED.test(normaliseTyped(text));
}

/** "你好", "在吗", "hello": a greeting alone, nothing asked yet (a courier greeting the desk gets the menu). */
const GREETING =
  /^(?:你好|您好|你好呀|哈喽|嗨|在吗|在不在|在么|喂|早|早上好|上午好|下午好|晚上好|hi|hello|hey|morning)$/u;

export function isGreeting(text: string): boolean {
  return GREETING.test(normaliseTyped(text));
}

export function isChinese(token: string): boolean {
  return /\p{Script=Han}/u.test(token);
}

/**
 * A typed word is the word, or (7 letters or more) one typo away: compliant, traking, pakage.
 * Shorter words are too close to others (status/statue, charge/charger): their typos are listed.
 */
export function sameWord(typed: string, word: string): boolean {
  if (typed === word) return true;
  return word.length >= 7 && typed.length >= 6 && /^\p{L}+$/u.test(typed) && withinOneEdit(typed, word);
}

/** One letter changed, added, dropped, or two neighbours swapped (optimal string alignment ≤ 1). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
