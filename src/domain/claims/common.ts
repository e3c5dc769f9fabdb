import type { UseCaseDeps } from "../desk/context";
import { whenText } from "../desk/context";
import type { Language } from "../kernel/chat";
import { excerpt } from "../kernel/format";
import { cleanText } from "../kernel/text";
import { t } from "../messages";
import type { Claim } from "../ports/claims-records";
import { staffClosing, staffGreeting } from "../queries/greeting";

/** What the claims' use cases, timers and views share, and the complaints' too (after-sales, issue 12). */

export const claimSubject = (id: string) => `claim/${id}`;

/** A customer's or agent's typed text: cleaned; a refusal when empty or longer than `max` characters. */
export function checkClaimText(
  text: string,
  max: number,
): { ok: true; text: string } | { ok: false; reason: "empty" | "too_long" } {
  const cleaned = cleanText(text);
  if (cleaned === "") return { ok: false, reason: "empty" };
  return [...cleaned].length > max ? { ok: false, reason: "too_long" } : { ok: true, text: cleaned };
}

/** What the staff notices about a claim say (in the reader's language). */
export function claimParams(deps: UseCaseDeps, language: Language, claim: Claim, now: Date) {
  return {
    trackingNo: claim.trackingNo,
    kind: t(language, `claim.kind.${claim.kind}`),
    due: whenText(deps, claim.dueAt, now),
    rule: claim.kind === "loss" ? "SOP-70" : "SOP-71",
    excerpt: excerpt(claim.description),
  };
}

/**
 * SOP-80, SOP-81: a staff member's step told to a customer opens with the greeting and their work
 * number and closes with it and "再见" (queries/greeting.ts, the one greeting): the params of a
 * customer text written `{greeting}\n…\n{closing}`.
 */
export function signedBy(
  deps: Pick<UseCaseDeps, "directory">,
  language: Language,
  personId: string,
): { greeting: string; closing: string } {
  return {
    greeting: staffGreeting(deps.directory, language, personId),
    closing: staffClosing(deps.directory, language, personId),
  };
}
