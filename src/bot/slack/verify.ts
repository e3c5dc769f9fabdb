import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Slack's request signature (v0), as Slack documents it: `v0=` + HMAC-SHA256 of
 * `v0:<timestamp>:<raw body>` with the app's signing secret. The timestamp must be within five
 * minutes of now either way (a replayed request is refused), and the comparison takes the same
 * time whatever the signature (no timing oracle). Pure: the clock is the caller's.
 */
export const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export interface SignedRequest {
  rawBody: string;
  /** X-Slack-Request-Timestamp: seconds since the epoch. */
  timestamp: string | undefined;
  /** X-Slack-Signature: `v0=<hex>`. */
  signature: string | undefined;
}

export function signRequest(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export function checkSignature(
  signingSecret: string,
  request: SignedRequest,
  nowMs: number = Date.now(),
): SignatureCheck {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) return { ok: false, reason: "missing signature or timestamp header" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed timestamp" };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
    return { ok: false, reason: "stale timestamp (more than five minutes from now)" };
  }
  if (!signature.startsWith("v0=")) return { ok: false, reason: "unknown signature version" };
  const expected = Buffer.from(signRequest(signingSecret, timestamp, request.rawBody));
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; a wrong length is a wrong signature (its length is public).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "signature mismatch" };
  }
  return { ok: true };
}
