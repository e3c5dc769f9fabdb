import { normaliseTyped } from "../intents/text";
import { LANGUAGES } from "../kernel/chat";
import { t } from "../messages";
import { transportPhrases } from "../messages/pickup-updates";
import type { PaymentMethod } from "../ports/records";

/**
 * The pickup form's button questions answered in a sentence (issue 14 §2): "到付吧" is cash on
 * delivery (SOP-28), "要的,走航空快一点" is by air and "by road then" by road (SOP-26). A word
 * counts inside the message (Chinese) or as a word (English), not just after a no-word ("不要到付",
 * "not by air"); two answers at once ("寄付还是到付") are none, and the question is asked again.
 */

/** Longest message read: an answer to a button question is short. */
const MAX_TYPED = 200;

interface Words {
  zh: readonly string[];
  en: readonly string[];
}

interface Typed {
  /** Chinese and Latin tokens, one space apart, with spaces around ("走航空快一点 by air"). */
  words: string;
  /** The Chinese of the message without spaces ("要的走航空快一点"). */
  han: string;
}

function typed(text: string): Typed {
  const words = normaliseTyped(text.slice(0, MAX_TYPED));
  return { words: ` ${words} `, han: words.replace(/[^\p{Script=Han}]/gu, "") };
}

/** Where a Chinese word stands in the message, each time it appears. */
function* positions(han: string, word: string): Generator<number> {
  for (let at = han.indexOf(word); at >= 0; at = han.indexOf(word, at + 1)) yield at;
}

/** Whether the message names one of `words`, not right after one of `not` ("不要到付", "not by air"). */
function saysWord(text: Typed, words: Words, not: Words): "yes" | "negated" | undefined {
  let found: "yes" | "negated" | undefined;
  for (const word of words.zh) {
    for (const at of positions(text.han, word)) {
      const before = text.han.slice(Math.max(0, at - 2), at);
      if (not.zh.some((n) => before.includes(n))) found ??= "negated";
      else return "yes";
    }
  }
  for (const word of words.en) {
    const at = text.words.indexOf(` ${word} `);
    if (at < 0) continue;
    const before = text.words.slice(0, at).trim().split(" ").slice(-2);
    if (before.some((w) => not.en.includes(w))) found ??= "negated";
    else return "yes";
  }
  return found;
}

const list = (key: Parameters<typeof t>[1]): Words => {
  const all = LANGUAGES.flatMap((l) => t(l, key).split("|")).map((w) => normaliseTyped(w));
  return {
    zh: all.filter((w) => /\p{Script=Han}/u.test(w)).map((w) => w.replace(/\s+/g, "")),
    en: all.filter((w) => !/\p{Script=Han}/u.test(w) && w !== ""),
  };
};

const PAYMENT_WORDS: readonly (readonly [PaymentMethod, Words])[] = [
  ["sender_pays", list("typed.pay.sender")],
  ["cod", list("typed.pay.cod")],
  ["account", list("typed.pay.account")],
];
const NO_WORDS = list("typed.no");
const YES_WORDS = list("typed.yes");
const NOT: Words = transportPhrases.not;

/** SOP-28: the payment method a typed sentence names ("到付吧", "那就寄付", "月结的"); undefined: none, or two. */
export function readPayment(text: string): PaymentMethod | undefined {
  const said = typed(text);
  const named = PAYMENT_WORDS.filter(([, words]) => saysWord(said, words, NOT) === "yes").map(([m]) => m);
  return named.length === 1 ? named[0] : undefined;
}

/** "要的吧" → "要的": the particles a short answer ends with. */
const PARTICLES = /[吧啊呀哦呢啦嘛哈]+$/u;

/** The message opens with a yes or a no word ("要的,…", "不用了", "no thanks"). */
function yesOrNo(text: Typed): boolean | undefined {
  const first = text.words.trim().split(" ")[0] ?? "";
  const bare = first.replace(PARTICLES, "");
  const is = (words: Words) =>
    [first, bare].some((w) => words.zh.includes(w)) ||
    words.en.some((w) => `${text.words.trim()} `.startsWith(`${w} `));
  if (is(NO_WORDS)) return false;
  if (is(YES_WORDS)) return true;
  return undefined;
}

/**
 * SOP-26: the transport a typed answer to "by air?" names: "air" ("要的,走航空快一点", "by air"),
 * "road" ("by road then", "不走航空", "不用了"); undefined when it names none, or both.
 */
export function readTransport(text: string): "air" | "road" | undefined {
  const said = typed(text);
  const air = saysWord(said, transportPhrases.air, NOT);
  const road = saysWord(said, transportPhrases.road, NOT);
  const byAir = air === "yes" || road === "negated";
  const byRoad = road === "yes" || air === "negated";
  if (byAir !== byRoad) return byAir ? "air" : "road";
  if (byAir) return undefined; // both named: asked again
  const answer = yesOrNo(said);
  return answer === undefined ? undefined : answer ? "air" : "road";
}
