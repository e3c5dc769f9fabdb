import type { Person } from "../config/directory";
import { hasRole } from "../config/directory";
import {
  auditEntry,
  personActor,
  personLabel,
  sendAll,
  subjectOf,
  supervisorsOrAgents,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import { BROADCAST_MAX } from "./use-cases";

/**
 * A courier's or driver's own words when no broadcast waits for an answer ("这个件地址不对怎么办",
 * "今天几点收班"): the duty lead (值班组长) is who receives the field's escalations (the SOP's people)
 * and hears couriers' and drivers' answers to notices (SOP-83); asked to, the desk passes the
 * words to the duty leads (the agents when the directory names none), recorded first (an audit
 * row), then sent. Nothing else is stored: a duty lead answers by phone or in chat.
 */
/** Who a courier's or driver's words go to: the duty leads (the agents when there are none), never themselves. */
export function dutyLeadsFor(deps: Pick<UseCaseDeps, "directory">, personId: string): Person[] {
  return supervisorsOrAgents(deps).filter((lead) => lead.id !== personId);
}

export async function passToDutyLeads(
  deps: UseCaseDeps,
  personId: string,
  text: string,
): Promise<Done<{ leads: Person[] }> | Refused<"not_allowed" | "empty" | "too_long" | "no_leads">> {
  const person = deps.directory.person(personId);
  if (!hasRole(person, "courier", "driver")) return { ok: false, reason: "not_allowed" };
  const words = text.trim();
  if (words === "") return { ok: false, reason: "empty" };
  if ([...words].length > BROADCAST_MAX) return { ok: false, reason: "too_long" };
  const leads = dutyLeadsFor(deps, personId);
  if (leads.length === 0) return { ok: false, reason: "no_leads" };
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    await tx.audit.append(
      auditEntry(now, personActor(personId), "staff.words_passed", subjectOf.staff(personId), {
        text: words,
        to: leads.map((lead) => lead.id),
      }),
    );
  });
  const notices = leads.map((lead) => ({
    ...toPerson(lead, "staff.wordsNotice", (language) => ({
      from: personLabel(deps, language, personId),
      text: words,
    })),
    dedupeKey: `staff-words-${personId}-${now.toISOString()}-${lead.id}`,
  }));
  await sendAll(deps, notices);
  return { ok: true, leads };
}
