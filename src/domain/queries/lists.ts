import type { Query } from "../ports/records";
import { byUrgency, isOverdue } from "./reply-deadline";

/**
 * Which open queries staff see on a list, and in which order: the rules of `/queries`, `/overdue`
 * and the Slack App Home, in one place.
 *
 * An agent (or the duty lead) sees every open query, whoever holds it: an untaken one to take, their
 * own to answer, a colleague's with its holder (it can be passed on, SOP-14). Most urgent first
 * (SOP-10, SOP-11): overdue first, then the earliest due (byUrgency).
 */
export function agentQueryList(open: readonly Query[], now: Date): Query[] {
  return [...open].sort(byUrgency(now));
}

/** The duty lead's list (SOP-10, SOP-11, SOP-82): those past their deadline, in the same order. */
export function overdueQueryList(open: readonly Query[], now: Date): Query[] {
  return agentQueryList(open, now).filter((q) => isOverdue(q, now));
}

/**
 * An agent's own list (the Slack App Home, issue 10 §4): the untaken queries, to take, and their
 * own, to answer; a colleague's stays on /queries. The same order.
 */
export function ownQueryList(open: readonly Query[], personId: string, now: Date): Query[] {
  return agentQueryList(open, now).filter((q) => q.assignee === null || q.assignee === personId);
}
