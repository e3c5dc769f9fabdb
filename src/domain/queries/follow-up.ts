import type { Person } from "../config/directory";
import {
  auditEntry,
  availableAgents,
  customerActor,
  excerpt,
  newId,
  queryRef,
  scheduleAll,
  sendAll,
  subjectOf,
  toPerson,
  type UseCaseDeps,
  whenText,
} from "../desk/context";
import type { RaiseQueryInput } from "../desk/desk";
import { takeQueryAction } from "../desk/notice-actions";
import type { Language } from "../kernel/chat";
import { type MessageKey, type Params, t } from "../messages";
import { trackParcel } from "../parcels/use-cases";
import type { AuditLog } from "../ports";
import type { Query } from "../ports/records";
import { dueLine, promisedBy, toldBy } from "./promise";
import { type ReplyDeadline, replyDeadline } from "./reply-deadline";
import { isThreadOpen, languageText, parcelStatusText, threadText, threadTrackingNo } from "./thread";
import { queryTimers } from "./timers";

/**
 * A customer's message joining their query's thread (issue 14 §1, queries/thread.ts): stored as a
 * QueryMessage (a photo as the channel's file reference) with its audit row; an answered query
 * reopens with a deadline of its own. After the commit the holder is told, with the whole thread,
 * the parcel's status and the customer's language; nobody holds it: the available agents.
 */

export interface ThreadMessage {
  text: string;
  photo?: string | undefined;
}

export type JoinedThread = { query: Query; deadline: ReplyDeadline; added: boolean; reopened: boolean };

/**
 * The params of a notice that shows the thread: ref, the whole thread, the parcel's current status
 * and the customer's language, each rendered in the reader's language.
 */
export async function threadParams(
  deps: UseCaseDeps,
  query: Query,
  now: Date,
): Promise<(language: Language) => Params> {
  const messages = await deps.store.queries.messages(query.id);
  const trackingNo = threadTrackingNo(query, messages, deps.policy);
  const view = trackingNo ? await trackParcel(deps, trackingNo) : undefined;
  const newest = messages.at(-1);
  const told = query.dueAt.getTime() > now.getTime() ? undefined : await toldBy(deps.store.audit, query, now);
  return (language) => ({
    ref: queryRef(query),
    thread: threadText(deps, language, messages, now),
    parcel: parcelStatusText(deps, language, trackingNo, view, now),
    language: languageText(language, query.language),
    // The newest message, for a notice that shows one line (a photo as "[照片]").
    excerpt: excerpt(newest?.text || (newest?.photo ? t(language, "thread.photo") : query.text)),
    due: whenText(deps, query.dueAt, now),
    // Issue 14 §6: past the deadline, "已超时" and the time the customer was told, never a past promise.
    dueLine: dueLine(deps, language, query, now, told),
  });
}

/** An open query's deadline as a follow-up is told it: never a time already past (issue 14 §6). */
async function keptDeadline(
  deps: UseCaseDeps,
  audit: Pick<AuditLog, "list">,
  query: Query,
  now: Date,
): Promise<ReplyDeadline> {
  const deadline = replyDeadline(deps.policy, deps.calendar, query.kind, query.createdAt);
  const promised = await promisedBy(audit, query, now);
  return promised ? { ...deadline, dueAt: promised } : { ...deadline, dueAt: query.dueAt, asap: true };
}

/** The holder, else the available agents (SOP-14), told with the thread and a take button. */
async function tellDesk(deps: UseCaseDeps, query: Query, key: MessageKey, now: Date): Promise<void> {
  const holder = query.assignee ? deps.directory.person(query.assignee) : undefined;
  const people: Person[] = holder ? [holder] : await availableAgents(deps);
  if (people.length === 0) return;
  const params = await threadParams(deps, query, now);
  await sendAll(
    deps,
    people.map((p) => toPerson(p, key, params, [takeQueryAction(query.id)])),
  );
}

/**
 * Adds the message to the thread, in one transaction that re-reads the query: still open, it is
 * claimed (the UPDATE locks the row, so an answer committing meanwhile cannot leave this message on
 * an answered query); answered within threadFor, it reopens. The same text as the last customer
 * message adds nothing and tells nobody (a flow re-asking about the same parcel). Undefined when
 * the thread closed meanwhile (answered longer ago than threadFor): the caller opens a new query.
 */
export async function joinThread(
  deps: UseCaseDeps,
  target: Query,
  input: Pick<RaiseQueryInput, "asker">,
  message: ThreadMessage,
  now: Date,
): Promise<JoinedThread | undefined> {
  const outcome = await deps.store.transaction(async (tx) => {
    const current = await tx.queries.get(target.id);
    if (!current || !isThreadOpen(current, deps.policy, now)) return undefined;
    // SOP-10 counts from when the customer first asked: an open query keeps its deadline; past
    // it, the customer hears the time the late notice gave, else "as soon as we can" (promise.ts).
    let deadline = await keptDeadline(deps, tx.audit, current, now);
    let query =
      current.status === "open"
        ? await tx.queries.updateOpen(
            current.id,
            { assignee: current.assignee },
            { assignee: current.assignee },
          )
        : undefined;
    // Answered (before, or just now while this message came in): a new question in the same
    // thread, with its own SOP-10 deadline counted from this message. reopen is a compare and set.
    const reopened = query === undefined;
    if (reopened) {
      deadline = replyDeadline(deps.policy, deps.calendar, current.kind, now);
      query = await tx.queries.reopen(current.id, { warnAt: deadline.warnAt, dueAt: deadline.dueAt });
    }
    if (!query) return undefined;
    if (!message.photo) {
      const last = (await tx.queries.messages(query.id)).filter((m) => m.author === "customer").at(-1);
      if (last?.text === message.text && !last.photo && !reopened) {
        return { query, deadline, added: false, reopened };
      }
    }
    const messageId = newId(deps);
    await tx.queries.addMessage({
      id: messageId,
      queryId: query.id,
      at: now,
      author: "customer",
      personId: null,
      text: message.text,
      ...(message.photo ? { photo: message.photo } : {}),
    });
    const actor = customerActor(input.asker);
    if (reopened) {
      await tx.audit.append(
        auditEntry(now, actor, "query.reopened", subjectOf.query(query.id), {
          messageId,
          dueAt: query.dueAt.toISOString(),
          holder: query.assignee,
        }),
      );
    }
    await tx.audit.append(
      auditEntry(now, actor, "query.message", subjectOf.query(query.id), {
        messageId,
        trackingNo: query.trackingNo,
        photo: Boolean(message.photo),
      }),
    );
    return { query, deadline, added: true, reopened };
  });
  if (!outcome?.added) return outcome;
  if (outcome.reopened) await scheduleAll(deps, queryTimers(deps, outcome.query));
  await tellDesk(
    deps,
    outcome.query,
    outcome.reopened ? "thread.notice.reopened" : "thread.notice.followUp",
    now,
  );
  return outcome;
}
