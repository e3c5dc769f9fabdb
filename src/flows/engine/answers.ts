import { LANGUAGES } from "../../domain/kernel/chat";
import { t } from "../../domain/messages";
import { TYPED_ANSWER_BUTTONS } from "../../domain/messages/typed-answers";
import { labelKey } from "./payloads";

/**
 * Typed text that means a button of the last turn (issue 14 §2), among the buttons offered then
 * and only when exactly one fits, in this order:
 * - a label typed ("否", "✅ 是" as "是", "确认提交。"): case, width and punctuation aside;
 * - else the start of one label or its part before or inside a bracket ("现付" for
 *   "现付(寄件人付)", "确认" for "确认提交", "月结" for "Monthly account (月结)"), or a word the
 *   catalogue lists for a yes, no or confirmation button ("好的", "不用", "ok": typed-answers.ts).
 * Two buttons alike, or none: no button, and the flow gets the text as text.
 */

/** A label's start is taken from this many letters on: one letter is too easily meant otherwise. */
const MIN_START = 2;

/** Each list's words and the labels of the buttons it answers, both languages', as label keys. */
const SYNONYMS = Object.entries(TYPED_ANSWER_BUTTONS).map(([list, buttons]) => ({
  words: new Set(
    LANGUAGES.flatMap((l) => t(l, list as keyof typeof TYPED_ANSWER_BUTTONS).split("|")).map(labelKey),
  ),
  labels: new Set(LANGUAGES.flatMap((l) => buttons.map((key) => labelKey(t(l, key))))),
}));

/** A label's parts around a bracket ("现付(寄件人付)": 现付, 寄件人付), as label keys. */
function bracketParts(label: string): string[] {
  const normal = label.normalize("NFKC");
  const bracket = /^(.*?)[([【〔](.+?)[)\]】〕]/.exec(normal);
  return bracket ? [labelKey(bracket[1] ?? ""), labelKey(bracket[2] ?? "")].filter(Boolean) : [];
}

function fits(label: string, typed: string): boolean {
  const key = labelKey(label);
  if ([...typed].length >= MIN_START && key.startsWith(typed)) return true;
  if (bracketParts(label).includes(typed)) return true;
  return SYNONYMS.some((s) => s.labels.has(key) && s.words.has(typed));
}

/**
 * The value of the one offered button this typed text means; undefined when none, or when two
 * fit alike. `labels` are the buttons' labels, in the order of `offered`.
 */
export function typedChoice(
  offered: readonly string[],
  labels: readonly string[],
  text: string,
): string | undefined {
  const typed = labelKey(text);
  if (typed === "") return undefined;
  const one = (found: readonly string[]) => (found.length === 1 ? found[0] : undefined);
  const exact = offered.filter((_, i) => labelKey(labels[i] ?? "") === typed);
  if (exact.length > 0) return one(exact);
  return one(offered.filter((_, i) => fits(labels[i] ?? "", typed)));
}
