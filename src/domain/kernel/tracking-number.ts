import type { Policy } from "../config/policy";

/**
 * Waybill numbers as people type them: full-width digits (１２３), spaces, dashes, lower case.
 * Normalised: NFKC, upper case, separators removed.
 */
export function normalizeTrackingNo(raw: string): string {
  return raw
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.·—–]+/g, "");
}

export type TrackingNoCheck =
  | { ok: true; trackingNo: string }
  | { ok: false; reason: "empty" | "malformed" }
  /** The pattern fits but the check digit does not (a typo): the number as read. */
  | { ok: false; reason: "check_digit"; trackingNo: string };

const MAX_RAW_LENGTH = 64;
const patternCache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    patternCache.set(pattern, re);
  }
  return re;
}

/** Normalises and validates against the policy's pattern (trackingNumber.pattern) and its check digit. */
export function checkTrackingNo(raw: string, policy: Pick<Policy, "trackingNumber">): TrackingNoCheck {
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, reason: "malformed" };
  const trackingNo = normalizeTrackingNo(raw);
  if (trackingNo === "") return { ok: false, reason: "empty" };
  if (!compiled(policy.trackingNumber.pattern).test(trackingNo)) return { ok: false, reason: "malformed" };
  return checkDigitOk(trackingNo)
    ? { ok: true, trackingNo }
    : { ok: false, reason: "check_digit", trackingNo };
}

/** One part of an accepted format: so many letters or digits ("2 letters", "9 digits"). */
export interface FormatPart {
  kind: "letters" | "digits";
  min: number;
  max: number;
}

const PART = /^\[(A-Z|0-9)\](?:\{(\d+)(?:,(\d+))?\})?|^\\d(?:\{(\d+)(?:,(\d+))?\})?/;

/**
 * The accepted formats read from the policy's pattern (trackingNumber.pattern), so that what the
 * customer is told and what is accepted are one rule: each alternative as its parts, or undefined
 * when the pattern says more than letters and digits in runs (then no format is described).
 */
export function trackingFormats(pattern: string): FormatPart[][] | undefined {
  const body = pattern.replace(/^\^?(?:\(\?:)?/, "").replace(/\)?\$?$/, "");
  const formats: FormatPart[][] = [];
  for (const alternative of body.split("|")) {
    const parts: FormatPart[] = [];
    let rest = alternative;
    while (rest !== "") {
      const m = PART.exec(rest);
      if (!m) return undefined;
      const digits = m[1] !== "A-Z";
      const min = Number(m[2] ?? m[4] ?? 1);
      const max = Number(m[3] ?? m[5] ?? min);
      parts.push({ kind: digits ? "digits" : "letters", min, max });
      rest = rest.slice(m[0].length);
    }
    if (parts.length === 0) return undefined;
    formats.push(parts);
  }
  return formats;
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/**
 * UPU S10 (EA123456785CN): the ninth digit checks the first eight (weights 8 6 4 2 3 5 9 7,
 * 11 − sum mod 11; 10 → 0, 11 → 5). Other numbers carry no check digit we know: true.
 */
export function checkDigitOk(trackingNo: string): boolean {
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(trackingNo);
  if (!m?.[1] || !m[2]) return true;
  const sum = [...m[1]].reduce((acc, d, i) => acc + Number(d) * (S10_WEIGHTS[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  const expected = check === 10 ? 0 : check === 11 ? 5 : check;
  return Number(m[2]) === expected;
}
