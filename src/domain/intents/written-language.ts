import type { Policy } from "../config/policy";
import type { Language } from "../kernel/chat";
import { matchIntent } from "./match";
import { normaliseTyped } from "./text";

/**
 * The language a customer's typed request is written in, when it is clearly one: English for a
 * request the desk reads (a typed intent) in three words or more of Latin letters ("I want to send
 * a parcel", "pick up a package from my home"), a Chinese address inside it aside ("pick up from
 * 文昌路 100 号 please"). A tracking number, "ok", an address, or words typed at a question ("by
 * road then") say nothing. Chinese is never read from the words: it is the desk's default, and an
 * English speaker's address is written in Chinese too.
 */
const MIN_WORDS = 3;
const MIN_LETTERS = 8;

export function writtenLanguage(text: string, policy: Pick<Policy, "trackingNumber">): Language | undefined {
  const tokens = normaliseTyped(text).split(" ");
  const words = tokens.filter((t) => /^[a-z]+$/.test(t));
  const letters = words.reduce((n, w) => n + w.length, 0);
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  if (words.length < MIN_WORDS || letters < MIN_LETTERS || letters <= 2 * han) return undefined;
  // A polite close ("ok thank you", "bye") is typed in English by Chinese speakers too: no request.
  const { intent } = matchIntent(text, policy);
  return intent === undefined || intent === "thanks" ? undefined : "en";
}
