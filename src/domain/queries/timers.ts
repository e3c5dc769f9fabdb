import {
  agentsOnDuty,
  ageText,
  auditEntry,
  closedUntil,
  excerpt,
  personLabel,
  queryRef,
  sendStrict,
  subjectOf,
  supervisorsOrAgents,
  timerActor,
  toChat,
  toPerson,
  type UseCaseDeps,
  whenText,
} from "../desk/context";
import { overdueQueryActions, takeQueryAction } from "../desk/notice-actions";
import type { TimerOutcome } from "../desk/timers";
import { formatLocalTime } from "../kernel/format";
import { type Notice, type Timer, timer, timerId } from "../ports";
import type { Query } from "../ports/records";
import { LATE_ACTION } from "./promise";
import { replyDeadline } from "./reply-deadline";

/** A query's two timers (SOP-10, SOP-11): the holder warned before the deadline, the leads at it. */

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

async function findOpenQuery(deps: UseCaseDeps, id: string): Promise<Query | undefined> {
  const query = await deps.store.queries.get(id);
  return query?.status === "open" ? query : undefined;
}

/** warnBefore the deadline: the holder, or (nobody holds it) the available agents, else all agents. */
export async function queryWarn(deps: UseCaseDeps, queryId: string): Promise<TimerOutcome> {
  const query = await findOpenQuery(deps, queryId);
  if (!query) return "skipped";
  const now = deps.clock.now();
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  const holder = query.assignee ? deps.directory.person(query.assignee) : undefined;
  const people = holder ? [holder] : await agentsOnDuty(deps);
  const actions = holder ? undefined : [takeQueryAction(query.id)];
  await sendStrict(
    deps,
    people.map((p) =>
      toPerson(
        p,
        "notice.query.warn",
        (lang) => ({
          ref: queryRef(query),
          due: whenText(deps, query.dueAt, now),
          holder: personLabel(deps, lang, query.assignee),
          excerpt: excerpt(query.text),
        }),
        actions,
      ),
    ),
  );
  return "done";
}

/** At the deadline: escalated to the duty leads, naming who holds it and how long it has waited. */
export async function queryDue(deps: UseCaseDeps, queryId: string): Promise<TimerOutcome> {
  const query = await findOpenQuery(deps, queryId);
  if (!query) return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < query.dueAt.getTime()) return { deferUntil: query.dueAt };
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  const leads = supervisorsOrAgents(deps).map((p) =>
    toPerson(
      p,
      "notice.query.overdue",
      (lang) => ({
        ref: queryRef(query),
        age: ageText(lang, now.getTime() - query.createdAt.getTime()),
        due: whenText(deps, query.dueAt, now),
        holder: personLabel(deps, lang, query.assignee),
        excerpt: excerpt(query.text),
      }),
      overdueQueryActions(query.id),
    ),
  );
  await sendStrict(deps, [...leads, ...(await lateNotice(deps, query, now))]);
  return "done";
}

/**
 * Issue 14 §6, no silences: the customer hears that the promised time has passed, and the new one:
 * the SOP-10 allowance again from now (the desk's hours respected, SOP-12). The query's own
 * deadline is not moved: SOP-10's record of lateness stays true. A branch query's asker is the
 * agent who opened it, told by the escalation already.
 */
async function lateNotice(deps: UseCaseDeps, query: Query, now: Date): Promise<Notice[]> {
  if (query.kind !== "customer") return [];
  const promised = replyDeadline(deps.policy, deps.calendar, query.kind, now).dueAt;
  // Recorded before the customer is told: a follow-up's answer and staff notices say this time
  // while it is ahead (promise.ts), never the deadline already past. One insert commits on its
  // own: no transaction around it (on Postgres, begin and commit were two more round trips per
  // timer, issue 15).
  await deps.store.audit.append(
    auditEntry(now, timerActor, LATE_ACTION, subjectOf.query(query.id), {
      promisedBy: promised.toISOString(),
    }),
  );
  return [
    toChat(query.askedBy, query.language, "thread.customer.late", {
      ref: queryRef(query),
      due: formatLocalTime(promised, { calendar: deps.calendar, language: query.language }),
    }),
  ];
}
