import { hasRole, type Person } from "../config/directory";
import {
  agentsOnDuty,
  availableAgents,
  staffWithRole,
  type UseCaseDeps,
  uniquePeople,
  whenText,
} from "../desk/context";
import type { Language } from "../kernel/chat";
import { excerpt } from "../kernel/format";
import { cleanText } from "../kernel/text";
import { t } from "../messages";
import type { Claim, ClaimKind } from "../ports/claims-records";
import type { AuditEntry } from "../ports/records";
import { staffClosing, staffGreeting } from "../queries/greeting";
import { claimDaysLeft } from "./deadlines";

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

/** The rule a claim's deadline comes from: SOP-70 for a loss, SOP-71 for a delay or damage. */
export function claimRule(kind: ClaimKind): "SOP-70" | "SOP-71" {
  return kind === "loss" ? "SOP-70" : "SOP-71";
}

/** What staff read of the time a claim has left: "overdue" once past its deadline, else whole days. */
export function claimLeftText(language: Language, claim: Pick<Claim, "dueAt">, now: Date): string {
  return now.getTime() >= claim.dueAt.getTime()
    ? t(language, "claim.digest.overdue")
    : t(language, "claim.daysLeft", { n: claimDaysLeft(claim, now) });
}

/**
 * SOP-14 with SOP-12: who hears of a new claim or complaint. The agents whose seat is available;
 * while the desk is open and no seat is, every agent, and the duty leads when `withLeads`. While it
 * is closed nobody else is woken: the morning list carries the item (the claims' and complaints'
 * digest sections), as for a new query (queries/raise.ts).
 */
export async function newItemAudience(deps: UseCaseDeps, now: Date, withLeads: boolean): Promise<Person[]> {
  if (!deps.calendar.isDeskOpen(now)) return availableAgents(deps);
  const leads = withLeads ? staffWithRole(deps, "supervisor") : [];
  return uniquePeople([...(await agentsOnDuty(deps)), ...leads]);
}

/** What the staff notices about a claim say (in the reader's language). */
export function claimParams(deps: UseCaseDeps, language: Language, claim: Claim, now: Date) {
  return {
    trackingNo: claim.trackingNo,
    kind: t(language, `claim.kind.${claim.kind}`),
    due: whenText(deps, claim.dueAt, now),
    rule: claimRule(claim.kind),
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

/** How much of an item's history its staff card shows (the newest entries, shown oldest first). */
const VIEW_HISTORY = 50;

/**
 * A claim or complaint as its staff card shows it, with what was recorded on it (`subject` in the
 * audit log), oldest first: agents and duty leads only; undefined for anyone else or no such item.
 */
export async function afterSalesView<T>(
  deps: Pick<UseCaseDeps, "directory" | "store">,
  personId: string,
  read: () => Promise<T | undefined>,
  subject: string,
): Promise<{ item: T; history: AuditEntry[] } | undefined> {
  const person = deps.directory.person(personId);
  if (!person || !hasRole(person, "agent", "supervisor")) return undefined;
  const item = await read();
  if (item === undefined) return undefined;
  const history = (await deps.store.audit.list({ subject, limit: VIEW_HISTORY })).reverse();
  return { item, history };
}
