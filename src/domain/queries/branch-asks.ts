import type { Person } from "../config/directory";
import {
  auditEntry,
  cancelTimers,
  closedUntil,
  excerpt,
  newId,
  personActor,
  personLabel,
  queryRef,
  requirePerson,
  scheduleAll,
  sendAll,
  sendStrict,
  supervisorsOrAgents,
  toChat,
  toPerson,
  type UseCaseDeps,
  uniquePeople,
  whenText,
} from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import { recordBranchAnswerAction } from "../desk/notice-actions";
import type { TimerOutcome } from "../desk/timers";
import { checkTrackingNo } from "../kernel/tracking-number";
import { type Timer, timer, timerId } from "../ports";
import type { BranchAsk } from "../ports/branch-ask-records";
import type { Query } from "../ports/records";
import { staffClosing, staffGreeting } from "./greeting";
import { checkQueryText, replyDeadline } from "./reply-deadline";

/**
 * SOP-13: a query must be raised branch-to-branch with a trace left in the system (交互信息), and
 * the customer is not pushed to another channel (推诿). An agent raises it from the desk (the
 * waybill, the question, the branch asked); it stays open until an agent records that branch's
 * answer. The other branch owes feedback within queryReply.branch (SOP-11, 2 hours on the desk's
 * clock): at that time, unanswered, the agent who asked is reminded (`branch-ask-due`).
 * Raised from a customer's query, the query's thread carries the question and later the answer,
 * the agent's view of the query shows it waits on the branch, and the customer is told (signed,
 * SOP-80/81) that the branch has been asked.
 */

export const BRANCH_NAME_MAX = 50;
const SUBJECT_BRANCH_ASK = (id: string) => `branch-ask/${id}`;
/** How many open asks the list shows at most (a branch has a handful at a time). */
export const OPEN_BRANCH_ASKS_LIMIT = 200;

interface RaiseBranchAskInput {
  trackingNo: string;
  branch: string;
  question: string;
  /** The customer's query it is raised from. */
  queryId?: string | undefined;
}

type RaiseBranchAskResult =
  | Done<{ ask: BranchAsk; query?: Query | undefined }>
  | Refused<"bad_tracking_no" | "bad_branch" | "empty" | "too_long" | "query_not_open">;

type RecordBranchAnswerResult =
  | Done<{ ask: BranchAsk; query?: Query | undefined }>
  | Refused<"not_found" | "answered" | "empty" | "too_long">;

/** SOP-13's use cases on the Desk (desk.ts extends this). */
export interface BranchAsksDesk {
  raiseBranchAsk(personId: string, input: RaiseBranchAskInput): Promise<RaiseBranchAskResult>;
  recordBranchAnswer(personId: string, askId: string, answer: string): Promise<RecordBranchAnswerResult>;
  openBranchAsks(): Promise<BranchAsk[]>;
  /** SOP-13: the parcel's origin branch as its scans name it (not this branch); undefined when none. */
  branchAskOrigin(trackingNo: string): Promise<string | undefined>;
  branchAsk(id: string): Promise<BranchAsk | undefined>;
  /** The asks raised from a customer's query, the earliest first. */
  branchAsksForQuery(queryId: string): Promise<BranchAsk[]>;
}

/**
 * SOP-13: a question typed where the branch's name is asked ("请问这个件到哪了?") is no name:
 * a question mark, 吗/呢 at the end, 请问 / 怎么 / 为什么, or a sentence longer than a name.
 */
export function looksLikeQuestion(text: string): boolean {
  const typed = text.trim();
  if (/[??]/.test(typed) || /[吗呢]\s*$/.test(typed)) return true;
  if (/请|麻烦|怎么|为什么|什么时候|能不能|是否|有没有|核实|电话|地址|收件人|寄件人|打不通/.test(typed))
    return true;
  // A Chinese name is one word: a comma, a full stop or a space in Chinese text makes it a sentence
  // ("地址不全,麻烦提供详细地址", "南京分公司 收件人电话打不通").
  if (/\p{Script=Han}/u.test(typed) && /[\s,,。.!!;;、]/.test(typed)) return true;
  return [...typed].length > 20 && /[,,。.!!]/.test(typed);
}

/** A branch's name as typed: spaces folded; undefined when it is no name (2..BRANCH_NAME_MAX characters). */
export function readBranchName(text: string): string | undefined {
  const branch = text.replace(/\s+/g, " ").trim();
  const length = [...branch].length;
  return length < 2 || length > BRANCH_NAME_MAX ? undefined : branch;
}

const branchAskTimerId = (askId: string): string => timerId("branch-ask-due", askId);

export function branchAskTimer(ask: Pick<BranchAsk, "id" | "dueAt">): Timer {
  return timer("branch-ask-due", ask.id, ask.dueAt);
}

/** The thread's line for the question and for the answer (staff read it; arrows need no language). */
const askedLine = (ask: BranchAsk) => `→ ${ask.branch}: ${ask.question}`;
const answeredLine = (ask: BranchAsk, answer: string) => `← ${ask.branch}: ${answer}`;

async function openCustomerQuery(deps: UseCaseDeps, queryId: string): Promise<Query | undefined> {
  const query = await deps.store.queries.get(queryId);
  return query?.status === "open" && query.kind === "customer" ? query : undefined;
}

export async function raiseBranchAsk(
  deps: UseCaseDeps,
  personId: string,
  input: RaiseBranchAskInput,
): Promise<RaiseBranchAskResult> {
  requirePerson(deps, personId, "agent", "supervisor");
  const tracking = checkTrackingNo(String(input.trackingNo ?? ""), deps.policy);
  if (!tracking.ok) return { ok: false, reason: "bad_tracking_no" };
  const branch = readBranchName(String(input.branch ?? ""));
  if (!branch) return { ok: false, reason: "bad_branch" };
  const question = checkQueryText(String(input.question ?? ""));
  if (!question.ok) return { ok: false, reason: question.reason };
  const query = input.queryId ? await openCustomerQuery(deps, input.queryId) : undefined;
  if (input.queryId && !query) return { ok: false, reason: "query_not_open", rule: "SOP-13" };

  const now = deps.clock.now();
  const ask: BranchAsk = {
    id: newId(deps),
    trackingNo: tracking.trackingNo,
    branch,
    question: question.text,
    queryId: query?.id ?? null,
    askedBy: personId,
    askedAt: now,
    // SOP-11: the other branch owes feedback within queryReply.branch, on the desk's clock.
    dueAt: replyDeadline(deps.policy, deps.calendar, "branch", now).dueAt,
    status: "open",
    answer: null,
    answeredAt: null,
    answeredBy: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.branchAsks.insert(ask);
    if (query) {
      await tx.queries.addMessage({
        id: newId(deps),
        queryId: query.id,
        at: now,
        author: "agent",
        personId,
        text: askedLine(ask),
      });
    }
    await tx.audit.append(
      auditEntry(now, personActor(personId), "branch_ask.raised", SUBJECT_BRANCH_ASK(ask.id), {
        trackingNo: ask.trackingNo,
        branch,
        queryId: ask.queryId,
        dueAt: ask.dueAt.toISOString(),
      }),
    );
  });
  await scheduleAll(deps, [branchAskTimer(ask)]);
  if (query) {
    // SOP-13: the customer is not pushed elsewhere; they hear the desk asked, in one signed message.
    await sendAll(deps, [
      toChat(query.askedBy, query.language, "branchAsk.customer.waiting", {
        greeting: staffGreeting(deps.directory, query.language, personId),
        ref: queryRef(query),
        branch,
        closing: staffClosing(deps.directory, query.language, personId),
      }),
    ]);
  }
  return { ok: true, ask, query };
}

export async function recordBranchAnswer(
  deps: UseCaseDeps,
  personId: string,
  askId: string,
  text: string,
): Promise<RecordBranchAnswerResult> {
  requirePerson(deps, personId, "agent", "supervisor");
  const ask = await deps.store.branchAsks.get(askId);
  if (!ask) return { ok: false, reason: "not_found" };
  if (ask.status !== "open") return { ok: false, reason: "answered" };
  const checked = checkQueryText(String(text ?? ""));
  if (!checked.ok) return { ok: false, reason: checked.reason };

  const now = deps.clock.now();
  const recorded = await deps.store.transaction(async (tx) => {
    const updated = await tx.branchAsks.recordAnswer(askId, {
      answer: checked.text,
      answeredAt: now,
      answeredBy: personId,
    });
    if (!updated) return undefined; // recorded meanwhile by someone else
    const query = updated.queryId ? await tx.queries.get(updated.queryId) : undefined;
    if (query) {
      await tx.queries.addMessage({
        id: newId(deps),
        queryId: query.id,
        at: now,
        author: "agent",
        personId,
        text: answeredLine(updated, checked.text),
      });
    }
    await tx.audit.append(
      auditEntry(now, personActor(personId), "branch_ask.answered", SUBJECT_BRANCH_ASK(askId), {
        queryId: updated.queryId,
        late: now.getTime() > updated.dueAt.getTime(),
      }),
    );
    return { ask: updated, query };
  });
  if (!recorded) return { ok: false, reason: "answered" };

  await cancelTimers(deps, [branchAskTimerId(askId)]);
  await tellAnswered(deps, personId, recorded.ask, recorded.query);
  return { ok: true, ask: recorded.ask, query: recorded.query };
}

/** The agent who asked, and the holder of the customer's query, hear the answer (not the recorder). */
async function tellAnswered(deps: UseCaseDeps, recorder: string, ask: BranchAsk, query?: Query) {
  const ids = [ask.askedBy, query?.status === "open" ? query.assignee : null];
  const people = uniquePeople(
    ids.flatMap((id) => {
      const person = id && id !== recorder ? deps.directory.person(id) : undefined;
      return person ? [person] : [];
    }),
  );
  await sendAll(
    deps,
    people.map((p) =>
      toPerson(p, "branchAsk.notice.answered", (lang) => ({
        by: personLabel(deps, lang, recorder),
        branch: ask.branch,
        trackingNo: ask.trackingNo,
        answer: excerpt(ask.answer ?? ""),
      })),
    ),
  );
}

export async function openBranchAsks(deps: UseCaseDeps): Promise<BranchAsk[]> {
  return deps.store.branchAsks.listOpen(OPEN_BRANCH_ASKS_LIMIT);
}

/**
 * The `branch-ask-due` timer (SOP-11, SOP-13): the other branch has not answered by its time. The
 * agent who asked is reminded, with the button to record the answer (nobody known: the duty
 * leads). Answered meanwhile: nothing; the desk closed: at its next opening.
 */
export async function branchAskDue(deps: UseCaseDeps, askId: string): Promise<TimerOutcome> {
  const ask = await deps.store.branchAsks.get(askId);
  if (ask?.status !== "open") return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < ask.dueAt.getTime()) return { deferUntil: ask.dueAt };
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  const asker = deps.directory.person(ask.askedBy);
  const people: Person[] = asker ? [asker] : supervisorsOrAgents(deps);
  await sendStrict(
    deps,
    people.map((p) =>
      toPerson(
        p,
        "branchAsk.notice.due",
        () => ({
          branch: ask.branch,
          trackingNo: ask.trackingNo,
          due: whenText(deps, ask.dueAt, now),
          question: excerpt(ask.question),
        }),
        [recordBranchAnswerAction(ask.id)],
      ),
    ),
  );
  return "done";
}

async function branchAskOrigin(deps: UseCaseDeps, trackingNo: string): Promise<string | undefined> {
  if (!checkTrackingNo(trackingNo, deps.policy).ok) return undefined;
  const parcel = await deps.store.parcels.get(trackingNo);
  const origin = parcel?.scans.find((s) => s.originBranch)?.originBranch ?? undefined;
  const name = origin ? readBranchName(origin) : undefined;
  return name && name !== deps.directory.branch.name ? name : undefined;
}

export function branchAsksDesk(deps: UseCaseDeps): BranchAsksDesk {
  return {
    raiseBranchAsk: (personId, input) => raiseBranchAsk(deps, personId, input),
    recordBranchAnswer: (personId, askId, answer) => recordBranchAnswer(deps, personId, askId, answer),
    openBranchAsks: () => openBranchAsks(deps),
    branchAskOrigin: (trackingNo) => branchAskOrigin(deps, trackingNo),
    branchAsk: (id) => deps.store.branchAsks.get(id),
    branchAsksForQuery: (queryId) => deps.store.branchAsks.listByQuery(queryId),
  };
}
