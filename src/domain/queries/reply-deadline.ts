import type { Policy } from "../config/policy";
import type { BusinessCalendar } from "../kernel/calendar";
import type { ChatRef, Language } from "../kernel/chat";
import { addDuration, subtractDuration } from "../kernel/duration";
import type { Query, QueryKind } from "../ports/records";

/** When a parcel query (查件) must be answered, and when to warn the desk before that. */
export interface ReplyDeadline {
  dueAt: Date;
  warnAt: Date;
  /** SOP-12: received while the desk was closed, so due by queryReply.afterHoursBy on the next desk day. */
  afterHours: boolean;
  /** Received while open, but the reply clock paused at closing and runs on at the next opening. */
  carriedOver: boolean;
  /**
   * A follow-up to a query past its deadline (issue 14 §6): no time can be promised (the late
   * notice has not gone out yet, or its new time has passed too); the customer hears "as soon as
   * we can", never a time already past. Absent otherwise.
   */
  asap?: boolean;
}

const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
const earlier = (a: Date, b: Date): Date => (a.getTime() <= b.getTime() ? a : b);

/**
 * SOP-10 (customer, 30 min), SOP-11 (another branch, 2 h), SOP-12 (lines staffed until 18:30; later
 * queries answered before 09:00 the next day).
 *
 * - Received while the desk is closed: due at afterHoursBy on the desk day of the next opening
 *   (07:00 on a desk day → 09:00 that day; 18:45 Friday with weekends closed → 09:00 Monday).
 * - Received while open, deadline after closing: the clock pauses at closing and the remainder runs
 *   from the next opening, capped at that day's afterHoursBy (18:20 customer → 08:20; 18:00 branch → 09:00).
 * A due time is never before the desk opens (a branch whose afterHoursBy is earlier than its opening).
 */
export function replyDeadline(
  policy: Policy,
  calendar: BusinessCalendar,
  kind: QueryKind,
  receivedAt: Date,
): ReplyDeadline {
  const tz = policy.timezone;
  const { afterHoursBy, warnBefore } = policy.queryReply;
  const allowance = kind === "customer" ? policy.queryReply.customer : policy.queryReply.branch;

  // SOP-12: "before 09:00 the next day", on the day the desk next opens.
  const morningBy = (opening: Date): Date =>
    later(calendar.atLocalTime(calendar.localDate(opening), afterHoursBy), opening);

  let dueAt: Date;
  let afterHours = false;
  let carriedOver = false;
  if (!calendar.isDeskOpen(receivedAt)) {
    afterHours = true;
    dueAt = morningBy(calendar.nextOpening(receivedAt));
  } else {
    const full = addDuration(receivedAt, allowance, tz);
    const closing = calendar.closesAt(calendar.localDate(receivedAt));
    const opening = calendar.nextOpening(closing);
    // No gap at closing (a 24:00 close followed by a 00:00 opening): the clock never stopped.
    if (full.getTime() <= closing.getTime() || opening.getTime() === closing.getTime()) {
      dueAt = full;
    } else {
      carriedOver = true;
      const remaining = full.getTime() - closing.getTime();
      dueAt = earlier(new Date(opening.getTime() + remaining), morningBy(opening));
    }
  }
  // The warning goes out warnBefore ahead, but never before the query existed.
  const warnAt = later(subtractDuration(dueAt, warnBefore, tz), receivedAt);
  return { dueAt, warnAt, afterHours, carriedOver };
}

/** Open and past its due time; a query due at 10:00 is overdue at 10:00 (the due job fires then). */
export function isOverdue(query: Pick<Query, "status" | "dueAt">, now: Date): boolean {
  return query.status === "open" && now.getTime() >= query.dueAt.getTime();
}

/** A comparator for the desk's list: overdue first, then the earliest due, then the oldest. */
export function byUrgency(now: Date): (a: Query, b: Query) => number {
  return (a, b) =>
    Number(isOverdue(b, now)) - Number(isOverdue(a, now)) ||
    a.dueAt.getTime() - b.dueAt.getTime() ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export const QUERY_TEXT_MAX_LENGTH = 2000;

export type QueryTextCheck = { ok: true; text: string } | { ok: false; reason: "empty" | "too_long" };

/** What the customer typed, trimmed; counted in characters (code points), not UTF-16 units. */
export function checkQueryText(raw: string): QueryTextCheck {
  const text = raw.trim();
  if (text === "") return { ok: false, reason: "empty" };
  if ([...text].length > QUERY_TEXT_MAX_LENGTH) return { ok: false, reason: "too_long" };
  return { ok: true, text };
}

export interface NewQueryInput {
  id: string;
  kind: QueryKind;
  text: string;
  askedBy: ChatRef;
  language: Language;
  receivedAt: Date;
  trackingNo?: string | null;
  /** SOP-11: the branch that asked, for a branch query. */
  fromBranch?: string | null;
}

export type NewQueryResult =
  | { ok: true; query: Query; deadline: ReplyDeadline }
  | { ok: false; reason: "empty" | "too_long" };

/** A new open query with its SOP-10/11/12 deadline; bad text is a value, never an exception. */
export function newQuery(
  input: NewQueryInput,
  deps: { policy: Policy; calendar: BusinessCalendar },
): NewQueryResult {
  const checked = checkQueryText(input.text);
  if (!checked.ok) return checked;
  const deadline = replyDeadline(deps.policy, deps.calendar, input.kind, input.receivedAt);
  const fromBranch = input.fromBranch?.trim() || null;
  const query: Query = {
    id: input.id,
    kind: input.kind,
    trackingNo: input.trackingNo ?? null,
    askedBy: input.askedBy,
    fromBranch,
    language: input.language,
    text: checked.text,
    createdAt: input.receivedAt,
    warnAt: deadline.warnAt,
    dueAt: deadline.dueAt,
    status: "open",
    assignee: null,
    answeredAt: null,
    answeredBy: null,
  };
  return { ok: true, query, deadline };
}
