import { hasRole, type Person } from "../config/directory";
import {
  auditEntry,
  cancelTimers,
  excerpt,
  newId,
  personActor,
  personLabel,
  queryRef,
  requirePerson,
  sendAll,
  subjectOf,
  toChat,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Desk } from "../desk/desk";
import { takeQueryAction } from "../desk/notice-actions";
import { t } from "../messages";
import type { Query } from "../ports/records";
import { staffGreeting, staffSignature } from "./greeting";
import { dueShort } from "./promise";
import { announceQuery } from "./raise";
import { byUrgency, checkQueryText, isOverdue } from "./reply-deadline";
import { queryTimerIds } from "./timers";

/**
 * An open query at the desk (SOP-10..SOP-14): taken by one agent, answered to the asker (signed,
 * SOP-80/81), or passed on to a colleague or back to everyone; and the list of what is open.
 */

export async function takeQuery(
  deps: UseCaseDeps,
  queryId: string,
  personId: string,
): ReturnType<Desk["takeQuery"]> {
  const query = await deps.store.queries.get(queryId);
  if (!query) return { ok: false, reason: "not_found" };
  if (query.status !== "open") return { ok: false, reason: "answered" };
  if (query.assignee === personId) return { ok: true, query };
  // Only an unassigned query can be taken; a holder passes it on (passQuery).
  if (query.assignee !== null) return { ok: false, reason: "taken" };

  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (tx) => {
    const current = await tx.queries.get(queryId);
    if (current?.status !== "open") return "answered" as const;
    if (current.assignee !== null && current.assignee !== personId) return "taken" as const;
    // Compare and set on the holder: of two agents pressing "take" at once, one gets it.
    const updated = await tx.queries.updateOpen(
      queryId,
      { assignee: personId },
      { assignee: current.assignee },
    );
    if (!updated) {
      // Lost the race: answered meanwhile, or someone else took it.
      const after = await tx.queries.get(queryId);
      return after?.status === "open" ? ("taken" as const) : ("answered" as const);
    }
    await tx.audit.append(auditEntry(now, personActor(personId), "query.taken", subjectOf.query(queryId)));
    return updated;
  });
  return typeof outcome === "string" ? { ok: false, reason: outcome } : { ok: true, query: outcome };
}

function mayNotAnswer(deps: UseCaseDeps, query: Query, personId: string): boolean {
  if (query.assignee === null || query.assignee === personId) return false;
  return !hasRole(deps.directory.person(personId), "supervisor");
}

export async function answerQuery(
  deps: UseCaseDeps,
  queryId: string,
  personId: string,
  text: string,
): ReturnType<Desk["answerQuery"]> {
  const query = await deps.store.queries.get(queryId);
  if (!query) return { ok: false, reason: "not_found" };
  if (query.status !== "open") return { ok: false, reason: "answered" };
  // SOP-10: the holder answers what they took; the duty lead (SOP roles: receives escalations) may
  // answer any. A stale screen (an old Home tab, an old card) never answers someone else's query.
  if (mayNotAnswer(deps, query, personId)) return { ok: false, reason: "not_yours" };
  const checked = checkQueryText(text);
  if (!checked.ok) return { ok: false, reason: checked.reason };

  const now = deps.clock.now();
  const answered = await deps.store.transaction(async (tx) => {
    const updated = await tx.queries.updateOpen(queryId, {
      status: "answered",
      answeredAt: now,
      answeredBy: personId,
      assignee: query.assignee ?? personId,
    });
    if (!updated) return undefined;
    await tx.queries.addMessage({
      id: newId(deps),
      queryId,
      at: now,
      author: "agent",
      personId,
      text: checked.text,
    });
    await tx.audit.append(
      auditEntry(now, personActor(personId), "query.answered", subjectOf.query(queryId), {
        overdue: isOverdue(query, now), // SOP-10/11: answered after its deadline
        heldBy: query.assignee,
      }),
    );
    return updated;
  });
  if (!answered) return { ok: false, reason: "answered" };

  await cancelTimers(deps, queryTimerIds(queryId));
  // The asker hears the answer in the query's language, signed with the work number (SOP-80/81).
  await sendAll(deps, [
    toChat(answered.askedBy, answered.language, "notice.query.answer", {
      ref: queryRef(answered),
      answer: checked.text,
      // SOP-80: the greeting opens the answer, in the same message (one answer, one message).
      greeting: staffGreeting(deps.directory, answered.language, personId),
      // SOP-81: signed with the work number (greeting.ts, the one signature of the desk).
      agent: staffSignature(deps.directory, answered.language, personId),
      // SOP-80: every conversation closes with the one closing of the catalogue ("再见").
      closing: t(answered.language, "closing.staff"),
    }),
  ]);
  return { ok: true, query: answered };
}

export async function passQuery(
  deps: UseCaseDeps,
  queryId: string,
  personId: string,
  toPersonId?: string,
): ReturnType<Desk["passQuery"]> {
  const query = await deps.store.queries.get(queryId);
  if (!query) return { ok: false, reason: "not_found" };
  if (query.status !== "open") return { ok: false, reason: "answered" };
  if (query.assignee !== personId) return { ok: false, reason: "not_holder" };
  let target: Person | undefined;
  if (toPersonId !== undefined) {
    target = deps.directory.person(toPersonId);
    if (!target || !hasRole(target, "agent", "supervisor")) return { ok: false, reason: "unknown_agent" };
  }

  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (tx) => {
    const current = await tx.queries.get(queryId);
    if (current?.status !== "open") return "answered" as const;
    if (current.assignee !== personId) return "not_holder" as const;
    const updated = await tx.queries.updateOpen(
      queryId,
      { assignee: target?.id ?? null },
      { assignee: personId },
    );
    if (!updated) return "not_holder" as const;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "query.passed", subjectOf.query(queryId), {
        from: personId,
        to: target?.id ?? null,
      }),
    );
    return updated;
  });
  if (typeof outcome === "string") return { ok: false, reason: outcome };

  if (target) {
    await sendAll(deps, [
      toPerson(
        target,
        "notice.query.passed",
        (lang) => ({
          by: personLabel(deps, lang, personId),
          ref: queryRef(outcome),
          excerpt: excerpt(outcome.text),
          // Past the deadline: "10:04(已超时)", never a time already past as a promise (issue 14 §6).
          due: dueShort(deps, lang, outcome, now),
        }),
        [takeQueryAction(outcome.id)],
      ),
    ]);
  } else {
    await announceQuery(deps, outcome, now, { exclude: personId });
  }
  return { ok: true, query: outcome };
}

/**
 * The overdue escalation's "take back" (issue 14 §6): a duty lead clears the holder, whoever it is
 * (compare and set on the holder read), and the query is announced again, the former holder
 * excepted (SOP-14: to the available seats, else to all agents and leads).
 */
export async function reassignQuery(
  deps: UseCaseDeps,
  queryId: string,
  personId: string,
): ReturnType<Desk["reassignQuery"]> {
  requirePerson(deps, personId, "supervisor"); // the duty lead's, as its button is (SOP-14)
  const query = await deps.store.queries.get(queryId);
  if (!query) return { ok: false, reason: "not_found" };
  if (query.status !== "open") return { ok: false, reason: "answered" };
  const now = deps.clock.now();
  const updated = await deps.store.transaction(async (tx) => {
    const taken = await tx.queries.updateOpen(queryId, { assignee: null }, { assignee: query.assignee });
    if (!taken) return undefined;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "query.reassigned", subjectOf.query(queryId), {
        from: query.assignee,
      }),
    );
    return taken;
  });
  // Answered meanwhile, or someone took it meanwhile (then it is in hand again: left as it is).
  if (!updated) {
    const after = await deps.store.queries.get(queryId);
    return after?.status === "open" ? { ok: true, query: after } : { ok: false, reason: "answered" };
  }
  await announceQuery(deps, updated, now, query.assignee ? { exclude: query.assignee } : {});
  return { ok: true, query: updated };
}

/**
 * How many open queries openQueries lists: far more than a branch ever has open at once (SOP-90:
 * about 1,150 calls per agent a month), so the list is complete in practice; when it is not,
 * openQueryCount says how many there are. The most urgent (earliest due) come first.
 */
export const OPEN_QUERIES_LIMIT = 500;

export async function openQueries(deps: UseCaseDeps): Promise<Query[]> {
  const open = await deps.store.queries.listOpen(OPEN_QUERIES_LIMIT);
  return open.sort(byUrgency(deps.clock.now()));
}

export async function openQueryCount(deps: UseCaseDeps): Promise<number> {
  return deps.store.queries.countOpen();
}
