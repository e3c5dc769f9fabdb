import type { Person } from "../config/directory";
import {
  auditEntry,
  availableAgents,
  customerActor,
  newId,
  personActor,
  scheduleAll,
  sendAll,
  staffWithRole,
  subjectOf,
  toPerson,
  type UseCaseDeps,
  uniquePeople,
} from "../desk/context";
import type { Desk, RaiseQueryInput } from "../desk/desk";
import { takeQueryAction } from "../desk/notice-actions";
import type { Language } from "../kernel/chat";
import { t } from "../messages";
import { trackParcel } from "../parcels/use-cases";
import type { ParcelView, Query } from "../ports/records";
import { joinThread, threadParams } from "./follow-up";
import { checkQueryText, newQuery } from "./reply-deadline";
import { findThread } from "./thread";
import { queryTimers } from "./timers";

/**
 * Parcel queries (查件), SOP-10..SOP-14: raised by a customer (or by an agent for another branch)
 * and announced to the seats that are available; a customer's next message joins their query's
 * thread (thread.ts, follow-up.ts).
 * Taking, answering and passing on are handling.ts; the seats themselves seats.ts.
 */

/** A parcel delivered or back with its sender: nothing left to follow. */
const DONE_STATUSES: readonly ParcelView["status"][] = ["delivered", "returned"];

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
  const thread = await threadParams(deps, query, now);
  await sendAll(
    deps,
    people.map((person) =>
      toPerson(
        person,
        "thread.notice.new",
        (lang) => ({ ...thread(lang), from: queryFromText(query, lang) }),
        [takeQueryAction(query.id)],
      ),
    ),
  );
  return people;
}

export async function raiseQuery(deps: UseCaseDeps, input: RaiseQueryInput): ReturnType<Desk["raiseQuery"]> {
  const now = deps.clock.now();
  const kind = input.kind ?? "customer";
  // Issue 14 §1: a customer's message joins their open (or lately answered) query's thread.
  const target =
    kind === "customer"
      ? await findThread(
          { queries: deps.store.queries, policy: deps.policy },
          input.asker,
          now,
          input.trackingNo,
        )
      : undefined;
  if (target) {
    const checked = input.photo ? { ok: true as const, text: input.text.trim() } : checkQueryText(input.text);
    if (!checked.ok) return { ok: false, reason: checked.reason };
    const joined = await joinThread(deps, target, input, { text: checked.text, photo: input.photo }, now);
    if (joined) {
      return {
        ok: true,
        query: joined.query,
        deadline: joined.deadline,
        reused: true,
        reopened: joined.reopened,
      };
    }
  }
  // Issue 14 §1: a photo with no words is a question of its own; the query reads "[照片]".
  const words = input.text.trim();
  const opened = newQuery(
    {
      id: newId(deps),
      kind,
      text: input.photo && words === "" ? t(input.language, "thread.photo") : input.text,
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

  const view =
    query.trackingNo && kind === "customer" ? await trackParcel(deps, query.trackingNo) : undefined;
  let followed = false;
  await deps.store.transaction(async (tx) => {
    await tx.queries.insert(query);
    await tx.queries.addMessage({
      id: newId(deps),
      queryId: query.id,
      at: now,
      author: kind === "branch" ? "agent" : "customer",
      personId: openedBy,
      ...(input.photo ? { text: words, photo: input.photo } : { text: query.text }),
    });
    // The asker follows the parcel (answers, holds, problem notes reach the chat). A branch query's
    // chat is the agent's, who relays the answer; it does not follow the parcel as a customer.
    if (query.trackingNo && kind === "customer") {
      const before = await tx.subscriptions.get(query.trackingNo, input.asker);
      // Issue 17: "now following" is said only of a new following of a parcel still on its way.
      followed = !before && !(view && DONE_STATUSES.includes(view.status));
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
  return { ok: true, query, deadline, followed };
}
