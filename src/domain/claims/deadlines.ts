import type { Policy } from "../config/policy";
import { addDuration } from "../kernel/duration";
import type { Claim, ClaimKind } from "../ports/records";

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

export type ClaimStatus = "open" | "due_soon" | "overdue" | "settled";

/** A claim is "due soon" within this long of its deadline. */
export const CLAIM_DUE_SOON_MS = 3 * 24 * 60 * 60 * 1000;

/** SOP-72: judged against the claim's own fixed dueAt, whatever head office is doing. */
export function claimStatus(claim: Pick<Claim, "dueAt" | "settledAt">, now: Date): ClaimStatus {
  if (claim.settledAt) return "settled";
  const left = claim.dueAt.getTime() - now.getTime();
  if (left < 0) return "overdue";
  return left <= CLAIM_DUE_SOON_MS ? "due_soon" : "open";
}
