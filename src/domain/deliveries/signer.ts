/**
 * SOP-74: the signer of a delivery is entered as written on the receipt, in one of six forms, and
 * never guessed: a text that fits none of them is refused with the reason, so the courier types it
 * again. The forms:
 * - a full name (王小明, 欧阳娜娜, 买买提·艾力, John Smith);
 * - the surname with one "," for each unreadable character of the given name (王,, ; 欧阳,);
 * - "," for an unreadable surname, then the given name (,小明);
 * - 草签 when nothing is legible;
 * - 已收 when the receipt is unsigned;
 * - a company stamp, entered as the stamp (章:扬州某某有限公司).
 * Full-width commas and spaces (typed on a Chinese keyboard) count as their ASCII forms.
 */
export const SIGNER_KINDS = [
  "full_name",
  "surname_only",
  "given_only",
  "scribble",
  "unsigned",
  "stamp",
] as const;
export type SignerKind = (typeof SIGNER_KINDS)[number];

export interface Signer {
  kind: SignerKind;
  /** As entered (normalised): the name, "王,,", ",小明", "草签", "已收", or the stamp's words. */
  text: string;
}

export type SignerProblem =
  | "empty" // nothing typed
  | "too_long" // longer than a name or a stamp can be
  | "mixed_commas" // commas among readable characters of the given name (王,明)
  | "too_many_commas" // more commas than a given name has characters, or more than one for a surname
  | "commas_only" // only commas: nothing legible is 草签
  | "not_a_name" // digits, symbols or a sentence: not a name as written
  | "looks_like_stamp" // a company's name typed as a person's: enter it as the stamp
  | "empty_stamp" // "章:" with nothing after it
  | "stamp_without_name" // only "盖章" / "公章": the stamp's words are the company's name
  | "refusal"; // SOP-45: "拒收" after the name is a refusal, not a signature

export type SignerResult = { ok: true; signer: Signer } | { ok: false; problem: SignerProblem };

export const SCRIBBLE = "草签";
export const UNSIGNED = "已收";
const STAMP_MAX = 40;
const NAME_MAX = 20;

const HAN = "\\p{Script=Han}";
/** A Chinese name: two to six characters (compound surnames, minority names with a middle dot). */
const FULL_CHINESE = new RegExp(`^${HAN}{2,6}$|^${HAN}{1,10}(?:·${HAN}{1,10}){1,2}$`, "u");
/** A name in Latin letters: words of letters, with spaces, hyphens, apostrophes or dots between. */
const FULL_LATIN = /^\p{Script=Latin}+(?:[ .'-]\p{Script=Latin}+)*\.?$/u;
/** Surname, then one comma per unreadable character of the given name. */
const SURNAME_ONLY = new RegExp(`^(${HAN}{1,2})(,{1,3})$`, "u");
/**
 * The compound surnames (复姓) a two-character surname can be: "欧阳," is a surname with one
 * unreadable character, "王小," is not (a readable given-name character is not written with commas).
 */
const COMPOUND_SURNAMES = new Set(
  "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 百里 呼延 万俟 闻人 申屠 澹台 太史 钟离 单于 赫连 淳于 公冶 濮阳 东郭 拓跋 完颜 司空 第五".split(
    " ",
  ),
);
const REFUSAL = /拒收|拒签/u;
/** One comma for the surname, then the given name (one to three characters). */
const GIVEN_ONLY = new RegExp(`^,(${HAN}{1,3})$`, "u");
const STAMP_PREFIX = /^(?:章|印章|盖章|公章|stamp)\s*[:：]\s*/iu;
/** Words that only an organisation's name has: a hint to enter it as the stamp, never taken as one. */
const ORGANISATION = /公司|有限|集团|银行|学校|大学|医院|商行|超市|专用章|收发章|公章|ltd|inc|co\./iu;

function normalise(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** Words that say "a stamp" without saying whose: no stamp's words (SOP-74 enters the stamp as it reads). */
const STAMP_WORDS_ONLY =
  /^(?:盖章|盖了章|有章|章|印章|公章|公司章|公司盖章|单位章|单位盖章|收发章|签收章|stamp|company stamp|stamped)$/iu;

/** A Chinese name typed with spaces inside ("王 小明"): only Han characters and spaces. */
const HAN_SPACED = new RegExp(`^${HAN}+(?: ${HAN}+)+$`, "u");

/** A stamp entered through the stamp button, or typed as "章:…". */
export function parseStamp(text: string): SignerResult {
  const words = normalise(text).replace(STAMP_PREFIX, "").trim();
  if (words === "") return { ok: false, problem: "empty_stamp" };
  if (STAMP_WORDS_ONLY.test(words.replace(/[。.!!]+$/u, "")))
    return { ok: false, problem: "stamp_without_name" };
  if ([...words].length > STAMP_MAX) return { ok: false, problem: "too_long" };
  return { ok: true, signer: { kind: "stamp", text: words } };
}

/** SOP-74: the signer as typed by the courier, validated against the six forms. */
export function parseSigner(typed: string): SignerResult {
  // "王 小明": a space typed inside a Chinese name is no part of it (the receipt has none).
  const spaced = normalise(typed);
  const text = HAN_SPACED.test(spaced) ? spaced.replaceAll(" ", "") : spaced;
  if (text === "") return { ok: false, problem: "empty" };
  if (STAMP_PREFIX.test(text)) return parseStamp(text);
  // "盖章" typed at the name: a stamp without its words, never a person called 盖章 (SOP-74).
  if (STAMP_WORDS_ONLY.test(text.replace(/[。.!!]+$/u, "")))
    return { ok: false, problem: "stamp_without_name" };
  if ([...text].length > STAMP_MAX) return { ok: false, problem: "too_long" };
  if (text === SCRIBBLE) return { ok: true, signer: { kind: "scribble", text } };
  if (text === UNSIGNED) return { ok: true, signer: { kind: "unsigned", text } };
  if (/^,+$/u.test(text)) return { ok: false, problem: "commas_only" };
  if (REFUSAL.test(text)) return { ok: false, problem: "refusal" };
  if (text.includes(",")) return commaForm(text);
  if (ORGANISATION.test(text)) return { ok: false, problem: "looks_like_stamp" };
  if ([...text].length > NAME_MAX) return { ok: false, problem: "too_long" };
  if (FULL_CHINESE.test(text) || FULL_LATIN.test(text)) {
    return { ok: true, signer: { kind: "full_name", text } };
  }
  return { ok: false, problem: "not_a_name" };
}

function commaForm(text: string): SignerResult {
  const compact = text.replaceAll(" ", "");
  const surname = SURNAME_ONLY.exec(compact)?.[1];
  if (surname && ([...surname].length === 1 || COMPOUND_SURNAMES.has(surname))) {
    return { ok: true, signer: { kind: "surname_only", text: compact } };
  }
  if (GIVEN_ONLY.test(compact)) return { ok: true, signer: { kind: "given_only", text: compact } };
  if (/^,{2,}\p{Script=Han}/u.test(compact)) return { ok: false, problem: "too_many_commas" };
  if (/^\p{Script=Han}{1,2},{4,}$/u.test(compact)) return { ok: false, problem: "too_many_commas" };
  if (/^\p{Script=Han}+,*[\p{Script=Han},]*$/u.test(compact)) {
    return { ok: false, problem: "mixed_commas" };
  }
  return { ok: false, problem: "not_a_name" };
}

/** How a signer reads on a receipt (the stamp marked as one): the one rule of every reply that shows it. */
export function signerText(kind: SignerKind, text: string, stampLabel: string): string {
  return kind === "stamp" ? `${stampLabel}:${text}` : text;
}
