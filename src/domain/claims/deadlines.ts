import type { Policy } from "../config/policy";
import { addDuration, subtractDuration } from "../kernel/duration";
import type { Claim, ClaimKind } from "../ports/claims-records";

/**
 * Compensation claims (赔偿), SOP-70..SOP-72. The deadline is set once, when the claim is
 * opened; SOP-72 says it may not slip while head office decides, so this module offers
 * no way to move it.
 */

/** SOP-70: loss, 30 calendar days; SOP-71: delay or damage, 15, on the branch's clock. */
export function claimDeadline(
  kind: ClaimKind,
  openedAt: Date,
  policy: Pick<Policy, "claims" | "timezone">,
): Date {
  const within = kind === "loss" ? policy.claims.loss : policy.claims.delayOrDamage;
  return addDuration(openedAt, within, policy.timezone);
}

/**
 * When the holder is warned: the policy's lead before the deadline (default 5 days for a loss,
 * 3 for a delay or damage), never before the claim was opened.
 */
export function claimWarnAt(
  claim: Pick<Claim, "kind" | "openedAt" | "dueAt">,
  policy: Pick<Policy, "claims" | "timezone">,
): Date {
  const lead = claim.kind === "loss" ? policy.claims.warnBeforeLoss : policy.claims.warnBeforeDelayOrDamage;
  const at = subtractDuration(claim.dueAt, lead, policy.timezone);
  return at.getTime() < claim.openedAt.getTime() ? claim.openedAt : at;
}

/** Whole days left before the deadline, rounded up (0 once it has passed). */
export function claimDaysLeft(claim: Pick<Claim, "dueAt">, now: Date): number {
  const ms = claim.dueAt.getTime() - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / 86_400_000);
}

/** The largest settlement the desk records (yuan): anything above is a typing mistake. */
export const CLAIM_AMOUNT_MAX_YUAN = 100_000;

/**
 * An amount in yuan as staff type it ("200", "199.50", "¥200", "200 元"), in fen; undefined when
 * it is no amount, zero, more than two decimals or above CLAIM_AMOUNT_MAX_YUAN.
 */
export function parseYuan(text: string): number | undefined {
  const cleaned = text
    .normalize("NFKC")
    .replace(/[¥￥,\s]|元|块|rmb|cny|yuan/gi, "")
    .trim();
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m?.[1]) return undefined;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return fen > 0 && fen <= CLAIM_AMOUNT_MAX_YUAN * 100 ? fen : undefined;
}

/** Fen as yuan for people: "200", "199.50". */
export function yuanText(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}
