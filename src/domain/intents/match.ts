import type { Policy } from "../config/policy";
import { findTrackingNumber } from "../kernel/tracking-number-in-text";
import { intentPhrases } from "../messages/intents";
import { INTENTS, type Intent, type PhraseBook } from "./intent";
import { isChinese, normaliseTyped, sameWord } from "./text";

/** What a typed message asks for. */
export interface IntentMatch {
  /** The most specific intent said (INTENTS' order); undefined: none. */
  intent: Intent | undefined;
  /** The message says only that (polite filler and a tracking number aside): "转人工吧", "cancel". */
  whole: boolean;
  /** A tracking number found anywhere in it, normalised. */
  trackingNo: string | undefined;
}

/** Phrases ready to match: Chinese ones as substrings, Latin ones as word sequences. */
interface Compiled {
  chinese: string[];
  latin: string[][];
}

function compile(phrases: readonly string[]): Compiled {
  const chinese: string[] = [];
  const latin: string[][] = [];
  for (const phrase of phrases) {
    const normal = normaliseTyped(phrase);
    if (normal === "") continue;
    if (isChinese(normal)) chinese.push(normal.replace(/ /g, ""));
    else latin.push(normal.split(" "));
  }
  // Longest first, so that removing "转人工" is not left with "转".
  chinese.sort((a, b) => b.length - a.length);
  latin.sort((a, b) => b.length - a.length);
  return { chinese, latin };
}

interface IntentPhrasesCompiled {
  anywhere: Compiled;
  all: Compiled;
  /** `anywhere` and the words that say it beside a tracking number. */
  besideNumber: Compiled;
}

function compileBooks(books: readonly PhraseBook[]) {
  const byIntent = {} as Record<Intent, IntentPhrasesCompiled>;
  for (const intent of INTENTS) {
    const anywhere = books.flatMap((b) => b.intents[intent].anywhere);
    const whole = books.flatMap((b) => b.intents[intent].whole);
    const withNumber = books.flatMap((b) => b.intents[intent].withNumber ?? []);
    byIntent[intent] = {
      anywhere: compile(anywhere),
      all: compile([...anywhere, ...whole]),
      besideNumber: compile([...anywhere, ...withNumber]),
    };
  }
  return { byIntent, filler: compile(books.flatMap((b) => b.filler)) };
}

const PHRASES = compileBooks([intentPhrases.zh, intentPhrases.en]);

function latinAt(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((word, k) => {
    const typed = tokens[at + k];
    return typed !== undefined && !isChinese(typed) && sameWord(typed, word);
  });
}

function present(tokens: readonly string[], phrases: Compiled): boolean {
  return (
    tokens.some((t) => isChinese(t) && phrases.chinese.some((p) => t.includes(p))) ||
    phrases.latin.some((p) => tokens.some((_, at) => latinAt(tokens, at, p)))
  );
}

/** Whether the tokens are these phrases and filler, nothing else. */
function onlyThese(tokens: readonly string[], phrases: Compiled): boolean {
  const { filler } = PHRASES;
  const used = tokens.map(() => false);
  for (const phrase of [...phrases.latin, ...filler.latin]) {
    tokens.forEach((_, at) => {
      if (latinAt(tokens, at, phrase)) for (let k = 0; k < phrase.length; k++) used[at + k] = true;
    });
  }
  return tokens.every((token, i) =>
    isChinese(token) ? covered(token, [...phrases.chinese, ...filler.chinese]) : used[i],
  );
}

/** Whether every character of a Chinese token is inside some occurrence of these phrases (overlaps too). */
function covered(token: string, phrases: readonly string[]): boolean {
  const inside = [...token].map(() => false);
  for (const phrase of phrases) {
    for (let at = token.indexOf(phrase); at >= 0; at = token.indexOf(phrase, at + 1)) {
      for (let k = 0; k < phrase.length; k++) inside[at + k] = true;
    }
  }
  return inside.every(Boolean);
}

function merged(a: Compiled, b: Compiled): Compiled {
  return { chinese: [...a.chinese, ...b.chinese], latin: [...a.latin, ...b.latin] };
}

/**
 * What a customer's typed text asks for, in zh-CN or English or both, whatever its width, case,
 * punctuation or emoji: the most specific intent (a complaint naming a parcel is a complaint with
 * that number), whether the message is nothing but that, and the tracking number in it.
 */
export function matchIntent(text: string, policy: Pick<Policy, "trackingNumber">): IntentMatch {
  const found = findTrackingNumber(text, policy);
  const normalized = text.normalize("NFKC");
  const rest = found ? `${normalized.slice(0, found.start)} ${normalized.slice(found.end)}` : normalized;
  const tokens = normaliseTyped(rest).split(" ").filter(Boolean);
  const trackingNo = found?.trackingNo;
  const { byIntent } = PHRASES;
  for (const intent of INTENTS) {
    let { anywhere, all } = byIntent[intent];
    // "帮我查一下 1234 5678 9012 这个件": beside a number, 查一下 says tracking.
    if (trackingNo) anywhere = byIntent[intent].besideNumber;
    // "取消明天的上门取件": a cancel word with a pickup phrase cancels a pickup request.
    if (
      intent === "cancelPickup" &&
      present(tokens, byIntent.cancel.all) &&
      present(tokens, byIntent.pickup.anywhere)
    ) {
      anywhere = merged(anywhere, merged(byIntent.cancel.all, byIntent.pickup.all));
      all = anywhere;
    }
    const said = present(tokens, anywhere);
    if (!said && !present(tokens, all)) continue;
    const whole = onlyThese(tokens, all);
    if (said || whole) return { intent, whole, trackingNo };
  }
  return { intent: undefined, whole: false, trackingNo };
}
