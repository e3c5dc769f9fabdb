import { normaliseTyped } from "./text";

/**
 * "第二个", "后面那个", "2", "the second one", "第一个我没收到": which of `count` things just listed
 * (the several parcels one answer showed) a message picks by its place in the list, and the words
 * left once the place is taken out ("" when the place was all it said: "第二个呢"). "前面/后面" only
 * where there are two; a place past the list, or none: undefined.
 */
const ZH_NUMERAL: Record<string, number> = {
  一: 0,
  头: 0,
  二: 1,
  两: 1,
  三: 2,
  四: 3,
  "1": 0,
  "2": 1,
  "3": 2,
  "4": 3,
};
const EN_ORDINAL: Record<string, number> = {
  first: 0,
  "1st": 0,
  second: 1,
  "2nd": 1,
  third: 2,
  "3rd": 2,
  fourth: 3,
  "4th": 3,
};
// A place word needs its measure word ("第二个", "后面那个", "最后一单"): "第二天能到吗" and "最后
// 什么时候到" say no place; "第二" alone at the end does.
const ZH_PLACE =
  /(?:第 ?([一二两三四1-4]) ?(?:个|单|件|票)|(头)一 ?(?:个|单|件)|(前面|上面|前一|后面|下面|后一|最后|最下面) ?(?:那|这|一)? ?(?:个|单|件|的))(?:单号|运单|单|件|快递|包裹)?|第 ?([一二两三四1-4])$/u;
const EN_PLACE =
  /\b(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|last|top|bottom)(?: (?:one|parcel|number))?\b/u;
const FILLER = /^(?:呢|吧|啊|呀|吗|嘛|那个|这个|的|one|please|pls|thanks|then|and| )*$/u;

export interface PickedPlace {
  index: number;
  /** The words besides the place, normalised; "" when only fillers ("呢", "please") were left. */
  rest: string;
}

export function pickedByPlace(text: string, count: number): PickedPlace | undefined {
  const typed = normaliseTyped(text);
  const bare = /^([1-4])$/u.exec(typed);
  const zh = ZH_PLACE.exec(typed);
  const en = EN_PLACE.exec(typed);
  const found = bare ?? zh ?? en;
  if (!found) return undefined;
  const index = bare ? ZH_NUMERAL[bare[1] ?? ""] : zh ? zhIndex(zh, count) : enIndex(en?.[1] ?? "", count);
  if (index === undefined || index >= count) return undefined;
  const rest = `${typed.slice(0, found.index)} ${typed.slice(found.index + found[0].length)}`.trim();
  return { index, rest: FILLER.test(rest) ? "" : rest };
}

function zhIndex(match: RegExpExecArray, count: number): number | undefined {
  const numeral = match[1] ?? match[4];
  if (numeral !== undefined) return ZH_NUMERAL[numeral];
  if (match[2] !== undefined) return 0;
  const word = match[3] ?? "";
  if (word.startsWith("最")) return count - 1;
  if (count !== 2) return undefined;
  return /^(?:前|上)/u.test(word) ? 0 : 1;
}

function enIndex(word: string, count: number): number | undefined {
  if (word === "last" || word === "bottom") return count - 1;
  if (word === "top") return 0;
  return EN_ORDINAL[word];
}
