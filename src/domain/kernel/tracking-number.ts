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

export type TrackingNoCheck = { ok: true; trackingNo: string } | { ok: false; reason: "empty" | "malformed" };

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

/** Normalises and validates against the policy's pattern (trackingNumber.pattern). */
export function checkTrackingNo(raw: string, policy: Pick<Policy, "trackingNumber">): TrackingNoCheck {
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, reason: "malformed" };
  const trackingNo = normalizeTrackingNo(raw);
  if (trackingNo === "") return { ok: false, reason: "empty" };
  return compiled(policy.trackingNumber.pattern).test(trackingNo)
    ? { ok: true, trackingNo }
    : { ok: false, reason: "malformed" };
}
