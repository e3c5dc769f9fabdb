import type { Person } from "../config/directory";
import {
  auditEntry,
  availableAgents,
  customerActor,
  excerpt,
  newId,
  personActor,
  queryRef,
  scheduleAll,
  sendAll,
  staffWithRole,
  subjectOf,
  toPerson,
  type UseCaseDeps,
  uniquePeople,
  whenText,
} from "../desk/context";
import type { Desk, RaiseQueryInput } from "../desk/desk";
import { takeQueryAction } from "../desk/notice-actions";
import type { Language } from "../kernel/chat";
import { t } from "../messages";
import type { Query } from "../ports/records";
import { checkQueryText, newQuery, replyDeadline } from "./reply-deadline";
import { queryTimers } from "./timers";

/**
 * Parcel queries (查件), SOP-10..SOP-14: raised by a customer (or by an agent for another branch)
 * and announced to the seats that are available; a customer's next message joins the open query.
 * Taking, answering and passing on are handling.ts; the seats themselves seats.ts.
 */

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
