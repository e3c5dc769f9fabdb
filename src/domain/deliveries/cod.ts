/**
 * SOP-74: a COD (代收货款) receipt also carries the amount collected. The courier types it as on the
 * receipt: 58, 58.5, ¥58.50, 58元. Kept in fen (分), never a float. Anything else is refused.
 */
type AmountProblem = "not_an_amount" | "zero" | "too_much" | "too_precise";
type AmountResult = { ok: true; fen: number } | { ok: false; problem: AmountProblem };

/** The largest amount a courier collects on one parcel, in yuan (a typo guard, not a rule). */
const COD_MAX_YUAN = 100_000;

const AMOUNT = /^[¥￥]?\s*(\d{1,9})(?:\.(\d+))?\s*(?:元|块|rmb|yuan)?$/iu;

/** Whether a text is written as an amount (a courier's "王小明 58" ends with one). */
export function looksLikeAmount(text: string): boolean {
  return AMOUNT.test(text.normalize("NFKC").trim());
}

export function parseCodAmount(typed: string): AmountResult {
  const m = AMOUNT.exec(typed.normalize("NFKC").trim());
  if (!m?.[1]) return { ok: false, problem: "not_an_amount" };
  const decimals = m[2] ?? "";
  if (decimals.length > 2) return { ok: false, problem: "too_precise" };
  const fen = Number(m[1]) * 100 + Number(decimals.padEnd(2, "0"));
  if (fen === 0) return { ok: false, problem: "zero" };
  if (fen > COD_MAX_YUAN * 100) return { ok: false, problem: "too_much" };
  return { ok: true, fen };
}

/** "58.50" */
export function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

/** A scan's words that mark the delivery as COD (the network writes 代收货款 on such waybills). */
const COD_MARK = /代收|货款|\bCOD\b/iu;

export function scanMarksCod(texts: readonly (string | undefined)[]): boolean {
  return texts.some((t) => t !== undefined && COD_MARK.test(t));
}
