import { hasRole, type Person } from "../config/directory";
import {
  auditEntry,
  availableAgents,
  cancelTimers,
  customerActor,
  excerpt,
  newId,
  personActor,
  personLabel,
  queryRef,
  scheduleAll,
  sendAll,
  staffWithRole,
  subjectOf,
  toChat,
  toPerson,
  type UseCaseDeps,
  uniquePeople,
  whenText,
} from "../desk/context";
import type { Desk, RaiseQueryInput } from "../desk/desk";
import { takeQueryAction } from "../desk/notice-actions";
import type { Language } from "../kernel/chat";
import { t } from "../messages";
import { type Timer, timer, timerId } from "../ports";
import type { Query } from "../ports/records";
import { byUrgency, checkQueryText, isOverdue, newQuery, replyDeadline } from "./reply-deadline";

/**
 * Parcel queries (查件), SOP-10..SOP-14: opened by a customer (or by an agent for another
 * branch), announced to the seats that are available, taken, answered or passed on.
 */

/** The timers an open query has: the warning (never at night) and the deadline (SOP-10/11/12). */
export function queryTimers(deps: Pick<UseCaseDeps, "calendar">, query: Query): [warn: Timer, due: Timer] {
  return [
    timer("query-warn", query.id, deps.calendar.deliverableAt(query.warnAt)),
    timer("query-due", query.id, query.dueAt),
  ];
}

export const queryTimerIds = (queryId: string): string[] => [
  timerId("query-warn", queryId),
  timerId("query-due", queryId),
];

export function queryFromText(query: Query, language: Language): string {
  return query.kind === "branch" && query.fromBranch
    ? t(language, "notice.query.fromBranch", { branch: query.fromBranch })
    : t(language, "notice.query.fromCustomer");
}

/**
 * SOP-14: a new (or handed back) query goes to every agent whose seat is available; when no seat
 * is, to all agents and all supervisors. While the desk is closed (SOP-12) only a seat that chose
 * to stay available hears of it: nobody else is woken, the morning list and the warning carry it.
 */
export async function announceQuery(
  deps: UseCaseDeps,
  query: Query,
  now: Date,
  options: { exclude?: string } = {},
): Promise<Person[]> {
  const others = (people: Person[]) => people.filter((p) => p.id !== options.exclude);
  let people = others(await availableAgents(deps));
  if (people.length === 0 && deps.calendar.isDeskOpen(now)) {
    people = others(uniquePeople([...staffWithRole(deps, "agent"), ...staffWithRole(deps, "supervisor")]));
  }
  await sendAll(
    deps,
    people.map((person) =>
      toPerson(
        person,
        "notice.query.new",
        (lang) => ({
          ref: queryRef(query),
          from: queryFromText(query, lang),
          excerpt: excerpt(query.text),
          due: whenText(deps, query.dueAt, now),
        }),
        [takeQueryAction(query.id)],
      ),
    ),
  );
  return people;
}

/**
 * How recent an open query without a tracking number must be for a customer's next message to
 * be taken as a follow-up to it (not a new query): a conversation, not a new question.
 */
export const FOLLOW_UP_WINDOW_MS = 30 * 60_000;

/**
 * The asker's open query a new customer message belongs to: the one about the same tracking
 * number; without one, the newest without a number either, opened less than FOLLOW_UP_WINDOW_MS
 * ago. Branch queries are opened deliberately by an agent, one per question: never merged.
 */
async function followUpTarget(
  deps: UseCaseDeps,
  input: RaiseQueryInput,
  now: Date,
): Promise<Query | undefined> {
  if ((input.kind ?? "customer") !== "customer") return undefined;
  const open = (await deps.store.queries.listOpenByAsker(input.asker)).filter((q) => q.kind === "customer");
  if (input.trackingNo) return open.find((q) => q.trackingNo === input.trackingNo);
  // A question without a number never lands in a query about a parcel: only in a recent one
  // that has no number either.
  return open.find(
    (q) => q.trackingNo === null && now.getTime() - q.createdAt.getTime() < FOLLOW_UP_WINDOW_MS,
  );
}

/**
 * A follow-up message joins the open query: stored as a QueryMessage with its audit row, the
 * holder (if any) told; nobody else is pinged again. The same text as the query's last customer
 * message adds nothing and tells nobody (a flow re-asking about the same parcel does not ping
 * the holder each time). Undefined when the query closed meanwhile.
 */
async function appendToQuery(
  deps: UseCaseDeps,
  target: Query,
  input: RaiseQueryInput,
  text: string,
  now: Date,
): Promise<Query | undefined> {
  const actor = customerActor(input.asker);
  const outcome = await deps.store.transaction(async (tx) => {
    const current = await tx.queries.get(target.id);
    if (current?.status !== "open") return undefined;
    // Claim the row first: the UPDATE locks it and re-checks that it is still open, so an answer
    // committing meanwhile cannot leave this message on an answered query.
    const claimed = await tx.queries.updateOpen(
      current.id,
      { assignee: current.assignee },
      { assignee: current.assignee },
    );
    if (!claimed) return undefined;
    const last = (await tx.queries.messages(claimed.id)).filter((m) => m.author === "customer").at(-1);
    if (last?.text === text) return { query: claimed, added: false };
    const messageId = newId(deps);
    await tx.queries.addMessage({
      id: messageId,
      queryId: claimed.id,
      at: now,
      author: "customer",
      personId: null,
      text,
    });
    await tx.audit.append(
      auditEntry(now, actor, "query.message", subjectOf.query(claimed.id), {
        messageId,
        trackingNo: claimed.trackingNo,
      }),
    );
    return { query: claimed, added: true };
  });
  if (!outcome) return undefined;
  const { query, added } = outcome;
  if (!added) return query;
  const holder = query.assignee ? deps.directory.person(query.assignee) : undefined;
  if (holder) {
    await sendAll(deps, [
      toPerson(
        holder,
        "notice.query.followUp",
        () => ({ ref: queryRef(query), excerpt: excerpt(text), due: whenText(deps, query.dueAt, now) }),
        [takeQueryAction(query.id)],
      ),
    ]);
  }
  return query;
}

export async function raiseQuery(deps: UseCaseDeps, input: RaiseQueryInput): ReturnType<Desk["raiseQuery"]> {
  const now = deps.clock.now();
  const kind = input.kind ?? "customer";
  const target = await followUpTarget(deps, input, now);
  if (target) {
    const checked = checkQueryText(input.text);
    if (!checked.ok) return { ok: false, reason: checked.reason };
    const query = await appendToQuery(deps, target, input, checked.text, now);
    // SOP-10 counts from the first message: the deadline is the query's own.
    if (query) {
      return {
        ok: true,
        query,
        deadline: replyDeadline(deps.policy, deps.calendar, query.kind, query.createdAt),
        reused: true,
      };
    }
  }
  const opened = newQuery(
    {
      id: newId(deps),
      kind,
      text: input.text,
      askedBy: input.asker,
      language: input.language,
      receivedAt: now,
      trackingNo: input.trackingNo ?? null,
      fromBranch: kind === "branch" ? (input.fromBranch ?? null) : null,
    },
    deps,
  );
  if (!opened.ok) return { ok: false, reason: opened.reason };
  const { query, deadline } = opened;
  // SOP-11: a branch query is opened by an agent; the audit row and the first message name them.
  const openedBy = kind === "branch" ? (input.openedBy ?? null) : null;
  const actor = openedBy ? personActor(openedBy) : customerActor(input.asker);

  await deps.store.transaction(async (tx) => {
    await tx.queries.insert(query);
    await tx.queries.addMessage({
      id: newId(deps),
      queryId: query.id,
      at: now,
      author: kind === "branch" ? "agent" : "customer",
      personId: openedBy,
      text: query.text,
    });
    // The asker follows the parcel (answers, holds, problem notes reach the chat). A branch query's
    // chat is the agent's, who relays the answer; it does not follow the parcel as a customer.
    if (query.trackingNo && kind === "customer") {
      await tx.subscriptions.subscribe({
        trackingNo: query.trackingNo,
        chat: input.asker,
        language: input.language,
        createdAt: now,
      });
    }
    await tx.audit.append(
      auditEntry(now, actor, "query.opened", subjectOf.query(query.id), {
        kind,
        trackingNo: query.trackingNo,
        fromBranch: query.fromBranch,
        openedBy,
        dueAt: query.dueAt.toISOString(),
        afterHours: deadline.afterHours,
      }),
    );
  });

  await scheduleAll(deps, queryTimers(deps, query));
  await announceQuery(deps, query, now);
  return { ok: true, query, deadline };
}

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

/** SOP-81: staff give their work number, or their surname when they have none. */
function agentSignature(deps: UseCaseDeps, language: Language, personId: string): string {
  const person = deps.directory.person(personId);
  if (person?.workNo) return t(language, "notice.agent.workNo", { workNo: person.workNo });
  return t(language, "notice.agent.surname", { surname: [...(person?.name ?? "")][0] ?? "" });
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
      agent: agentSignature(deps, answered.language, personId),
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
          due: whenText(deps, outcome.dueAt, now),
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

/** The ids of the available seats, or undefined when presence cannot be read. */
async function availableIds(deps: UseCaseDeps): Promise<Set<string> | undefined> {
  try {
    return await deps.presence.availableIds();
  } catch (err) {
    deps.log?.warn({ err }, "staff presence unreadable");
    return undefined;
  }
}

/**
 * SOP-14: the seat is set available or busy (示忙). Presence is in flight (Redis), the audit row in
 * the store; going busy is told to the duty leads (supervisors). After oneSeatAfter (17:30) one
 * query seat stays open: an agent whose going busy leaves no agent available while the desk is
 * open closes the last seat (`lastSeat`), and the duty leads are told that instead.
 */
export async function setAvailability(
  deps: UseCaseDeps,
  personId: string,
  available: boolean,
): ReturnType<Desk["setAvailability"]> {
  const now = deps.clock.now();
  const person = deps.directory.person(personId);
  const oneSeatTime =
    !available &&
    person !== undefined &&
    hasRole(person, "agent") &&
    deps.calendar.isDeskOpen(now) &&
    deps.calendar.localMinutes(now) >= deps.policy.deskHours.oneSeatAfter.minutes;
  // Who held a seat before this change (read only when it can matter).
  const before = oneSeatTime ? await availableIds(deps) : undefined;

  await deps.presence.setAvailable(personId, available, now);
  await deps.store.audit.append(
    auditEntry(
      now,
      personActor(personId),
      available ? "staff.available" : "staff.busy",
      subjectOf.staff(personId),
    ),
  );
  if (available) return { lastSeat: false };

  const agents = staffWithRole(deps, "agent");
  // The last seat: this agent's was open, and no other agent's is.
  const lastSeat = before?.has(personId) ? !agents.some((a) => a.id !== personId && before.has(a.id)) : false;
  const leads = staffWithRole(deps, "supervisor").filter((p) => p.id !== personId);
  await sendAll(
    deps,
    leads.map((lead) =>
      toPerson(lead, lastSeat ? "notice.staff.lastSeat" : "notice.staff.busy", () => ({
        name: person?.name ?? personId,
        workNo: person?.workNo ?? "—",
        after: deps.policy.deskHours.oneSeatAfter.text,
      })),
    ),
  );
  return { lastSeat };
}

export async function isAvailable(deps: UseCaseDeps, personId: string): Promise<boolean> {
  return (await deps.presence.availableIds()).has(personId);
}
