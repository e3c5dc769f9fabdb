import type { DirectoryIndex } from "../config/directory";
import type { Policy } from "../config/policy";
import type { BusinessCalendar } from "../kernel/calendar";
import type { ChatRef, Language } from "../kernel/chat";
import { subtractDuration } from "../kernel/duration";
import { formatLocalTime, personLabel } from "../kernel/format";
import { findTrackingNumber } from "../kernel/tracking-number-in-text";
import { type MessageKey, t } from "../messages";
import type { QueryRepository } from "../ports";
import type { ParcelView, Query, QueryMessage } from "../ports/records";

/**
 * A customer's thread with the desk (issue 14 §1): while a customer's query is open, and for
 * queryReply.threadFor (24 h) after its answer, what the customer sends joins that query. This is
 * the one rule for follow-ups: the desk's raiseQuery and the customer's route (flows) both use it.
 *
 * SOP-10 and a thread: a follow-up to an OPEN query keeps the query's deadline (SOP-10 counts from
 * when the customer first asked); a follow-up to an ANSWERED query is a new question in the same
 * thread: the query reopens for its holder with a deadline of its own, counted from that message.
 */

/** The earliest answer that still keeps a thread open: now − queryReply.threadFor. */
export function threadSince(policy: Pick<Policy, "queryReply" | "timezone">, now: Date): Date {
  return subtractDuration(now, policy.queryReply.threadFor, policy.timezone);
}

/** Open, or answered within threadFor: a customer's message joins it. */
export function isThreadOpen(
  query: Pick<Query, "status" | "answeredAt">,
  policy: Pick<Policy, "queryReply" | "timezone">,
  now: Date,
): boolean {
  if (query.status === "open") return true;
  return query.answeredAt !== null && query.answeredAt.getTime() >= threadSince(policy, now).getTime();
}

/** When a thread last moved: its newest message, else its answer or its opening, whichever is later. */
export function lastActivity(query: Pick<Query, "createdAt" | "answeredAt">, newestMessageAt?: Date): number {
  return Math.max(
    query.createdAt.getTime(),
    query.answeredAt?.getTime() ?? 0,
    newestMessageAt?.getTime() ?? 0,
  );
}

/**
 * Of an asker's open threads, the one a message joins: with a tracking number, the thread about
 * that number, else the liveliest without a number (the agent may have asked for it); without a
 * number, the liveliest thread: the conversation the customer is answering is the one where the
 * desk (or they) spoke last (an agent's answer to YT…01 after a question about YT…02 was opened),
 * not merely the newest or the one still open. `activity`: when each thread last moved (by id;
 * lastActivity), else its opening or answer. Branch queries (SOP-11) are opened one per question
 * by an agent: never joined.
 */
export function pickThread(
  threads: readonly Query[],
  trackingNo?: string,
  activity?: ReadonlyMap<string, number>,
): Query | undefined {
  const at = (q: Query) => activity?.get(q.id) ?? lastActivity(q);
  // Stable: among equals, the order given (newest first) decides.
  const customers = threads
    .filter((q) => q.kind === "customer")
    .map((q, i) => ({ q, i }))
    .sort((a, b) => at(b.q) - at(a.q) || a.i - b.i)
    .map(({ q }) => q);
  if (!trackingNo) return customers[0];
  return customers.find((q) => q.trackingNo === trackingNo) ?? customers.find((q) => q.trackingNo === null);
}

/**
 * The thread a customer's next message joins, if any (one indexed read, and with `messages` one
 * read per open thread to know where the conversation last moved).
 */
export async function findThread(
  deps: {
    queries: Pick<QueryRepository, "listThreadsByAsker"> & Partial<Pick<QueryRepository, "messages">>;
    policy: Policy;
  },
  asker: ChatRef,
  now: Date,
  trackingNo?: string,
): Promise<Query | undefined> {
  const threads = await deps.queries.listThreadsByAsker(asker, threadSince(deps.policy, now));
  const open = threads.filter((q) => isThreadOpen(q, deps.policy, now));
  const activity = new Map<string, number>();
  const { queries } = deps;
  if (queries.messages && open.filter((q) => q.kind === "customer").length > 1) {
    for (const q of open) activity.set(q.id, lastActivity(q, (await queries.messages(q.id)).at(-1)?.at));
  }
  return pickThread(open, trackingNo, activity);
}

/**
 * The parcel a thread is about: the query's own number, else the first one the customer named in
 * a follow-up ("人工" first, the number after): the agent sees that parcel, not "no number given".
 */
export function threadTrackingNo(
  query: Pick<Query, "trackingNo">,
  messages: readonly QueryMessage[],
  policy: Pick<Policy, "trackingNumber">,
): string | null {
  if (query.trackingNo) return query.trackingNo;
  for (const m of messages) {
    if (m.author !== "customer") continue;
    const found = findTrackingNumber(m.text, policy);
    if (found) return found.trackingNo;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The thread as staff read it

/** The most a thread shows at once: a Telegram message holds 4096 characters; the rest is the card's. */
export const THREAD_TEXT_MAX = 3000;

export interface ThreadTextDeps {
  calendar: BusinessCalendar;
  directory: DirectoryIndex;
}

function lineOf(deps: ThreadTextDeps, language: Language, m: QueryMessage, now: Date): string {
  const time = formatLocalTime(m.at, { calendar: deps.calendar, now });
  const words = [m.photo ? t(language, "thread.photo") : "", m.text].filter((s) => s !== "").join(" ");
  const key: MessageKey =
    m.author === "customer"
      ? "thread.line.customer"
      : m.author === "agent"
        ? "thread.line.agent"
        : "thread.line.system";
  return t(language, key, {
    time,
    text: words,
    name: personLabel(deps, language, m.personId),
  });
}

/**
 * Every message of the thread, oldest first, a photo as "[照片]"; when the whole would not fit in
 * THREAD_TEXT_MAX, the oldest give way to a line saying how many are not shown.
 */
export function threadText(
  deps: ThreadTextDeps,
  language: Language,
  messages: readonly QueryMessage[],
  now: Date,
): string {
  const lines = messages.map((m) => lineOf(deps, language, m, now));
  let total = 0;
  let first = lines.length;
  while (first > 0) {
    const next = (lines[first - 1] ?? "").length + 1;
    if (total + next > THREAD_TEXT_MAX && first < lines.length) break;
    total += next;
    first -= 1;
  }
  const shown = lines
    .slice(first)
    .map((line) => (line.length > THREAD_TEXT_MAX ? `${line.slice(0, THREAD_TEXT_MAX)}…` : line));
  return first > 0
    ? [t(language, "thread.earlier", { count: first }), ...shown].join("\n")
    : shown.join("\n");
}

const STATUS_KEYS: Record<ParcelView["status"], MessageKey> = {
  in_transit: "thread.status.in_transit",
  out_for_delivery: "thread.status.out_for_delivery",
  delivered: "thread.status.delivered",
  held_for_pickup: "thread.status.held_for_pickup",
  problem: "thread.status.problem",
  marked_for_return: "thread.status.marked_for_return",
  returned: "thread.status.returned",
};

/** The parcel's current status for staff: "YT… 派送中(最新:14:05 城东)", or why there is none. */
export function parcelStatusText(
  deps: Pick<ThreadTextDeps, "calendar">,
  language: Language,
  trackingNo: string | null,
  view: ParcelView | undefined,
  now: Date,
): string {
  if (!trackingNo) return t(language, "thread.parcel.none");
  if (!view) return t(language, "thread.parcel.unknown", { trackingNo });
  return t(language, "thread.parcel.status", {
    trackingNo,
    status: t(language, STATUS_KEYS[view.status]),
    time: formatLocalTime(view.latest.at, { calendar: deps.calendar, now }),
    location: view.latest.location,
  });
}

/** The customer's language as staff read it ("中文" / "English"). */
export function languageText(staffLanguage: Language, customerLanguage: Language): string {
  return t(staffLanguage, customerLanguage === "en" ? "thread.language.en" : "thread.language.zh");
}
