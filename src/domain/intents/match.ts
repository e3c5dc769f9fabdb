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

/**
 * Phrases ready to match: Chinese ones as substrings, Latin ones as word sequences, sentence
 * shapes on clauses.
 */
interface Compiled {
  chinese: string[];
  latin: string[][];
  patterns: RegExp[];
}

/** What a typed text is matched on: its tokens (normaliseTyped) and its clauses (no spaces). */
interface Typed {
  tokens: string[];
  clauses: string[];
}

function typedOf(text: string): Typed {
  const tokens = normaliseTyped(text).split(" ").filter(Boolean);
  const clauses = text
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}\s]+/u)
    .map((c) => c.replace(/\s+/g, ""))
    .filter(Boolean);
  return { tokens, clauses };
}

function compile(phrases: readonly string[], patterns: readonly RegExp[] = []): Compiled {
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
  return { chinese, latin, patterns: [...patterns] };
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
    const patterns = books.flatMap((b) => b.intents[intent].patterns ?? []);
    byIntent[intent] = {
      anywhere: compile(anywhere, patterns),
      all: compile([...anywhere, ...whole], patterns),
      besideNumber: compile([...anywhere, ...withNumber], patterns),
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

function present({ tokens, clauses }: Typed, phrases: Compiled): boolean {
  return (
    tokens.some((t) => isChinese(t) && phrases.chinese.some((p) => t.includes(p))) ||
    phrases.latin.some((p) => tokens.some((_, at) => latinAt(tokens, at, p))) ||
    phrases.patterns.some((p) => clauses.some((c) => p.test(c)))
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
  return {
    chinese: [...a.chinese, ...b.chinese],
    latin: [...a.latin, ...b.latin],
    patterns: [...a.patterns, ...b.patterns],
  };
}

/** The text without the tracking number found in it. */
function withoutNumber(text: string, policy: Pick<Policy, "trackingNumber">) {
  const found = findTrackingNumber(text, policy);
  const normalized = text.normalize("NFKC");
  const rest = found ? `${normalized.slice(0, found.start)} ${normalized.slice(found.end)}` : normalized;
  return { rest, trackingNo: found?.trackingNo };
}

/**
 * What a customer's typed text asks for, in zh-CN or English or both, whatever its width, case,
 * punctuation or emoji: the most specific intent (a complaint naming a parcel is a complaint with
 * that number), whether the message is nothing but that, and the tracking number in it. `skip`:
 * intents not to read (the next one said wins).
 */
export function matchIntent(
  text: string,
  policy: Pick<Policy, "trackingNumber">,
  options: { skip?: readonly Intent[] } = {},
): IntentMatch {
  const { rest, trackingNo } = withoutNumber(text, policy);
  const typed = typedOf(rest);
  const { tokens } = typed;
  const { byIntent } = PHRASES;
  for (const intent of INTENTS) {
    // "这个能寄吗" says no place: read as if the coverage question were not there (served.ts).
    if (options.skip?.includes(intent)) continue;
    let { anywhere, all } = byIntent[intent];
    // "帮我查一下 1234 5678 9012 这个件": beside a number, 查一下 says tracking.
    if (trackingNo) anywhere = byIntent[intent].besideNumber;
    // "取消明天的上门取件": a cancel word with a pickup phrase cancels a pickup request.
    if (
      intent === "cancelPickup" &&
      present(typed, byIntent.cancel.all) &&
      present(typed, byIntent.pickup.anywhere)
    ) {
      anywhere = merged(anywhere, merged(byIntent.cancel.all, byIntent.pickup.all));
      all = anywhere;
    }
    const said = present(typed, anywhere);
    if (!said && !present(typed, all)) continue;
    const whole = onlyThese(tokens, all);
    if (said || whole) return { intent, whole, trackingNo };
  }
  return { intent: undefined, whole: false, trackingNo };
}

/**
 * Where a sentence asking for an intent says it happens: the `place` of its sentence shape
 * ("明天下午3点来文昌路 100 号取件": "文昌路100号"), as typed (NFKC, no spaces); undefined when none.
 */
export function saidPlace(
  intent: Intent,
  text: string,
  policy: Pick<Policy, "trackingNumber">,
): string | undefined {
  const { clauses } = typedOf(withoutNumber(text, policy).rest);
  for (const pattern of PHRASES.byIntent[intent].anywhere.patterns) {
    for (const clause of clauses) {
      const place = pattern.exec(clause)?.groups?.place;
      if (place) return place;
    }
  }
  return undefined;
}
