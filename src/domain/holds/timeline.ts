import type { Policy } from "../config/policy";
import { addDuration } from "../kernel/duration";
import type { SelfPickupHold } from "../ports/records";

/**
 * Self-pickup holds (自提 / 自取), SOP-50..SOP-52: a parcel waits for its customer; after
 * messageOriginAfter (3 days) the origin branch is messaged; after returnAfterNoReply
 * (5 days) without an answer the parcel goes back. Durations are calendar days on the
 * branch's clock (addDuration in policy.timezone).
 */

type HoldPolicy = Pick<Policy, "selfPickup" | "timezone">;

export type HoldStep =
  | { step: "message_origin"; at: Date; rule: "SOP-50" }
  | { step: "return"; at: Date; rule: "SOP-51" };

/**
 * SOP-50: the customer collects before this instant (heldAt + messageOriginAfter); from then on
 * the origin branch is messaged. The one place this deadline is computed.
 */
export function collectBy(hold: Pick<SelfPickupHold, "heldAt">, policy: HoldPolicy): Date {
  return addDuration(hold.heldAt, policy.selfPickup.messageOriginAfter, policy.timezone);
}

/**
 * SOP-51: with no answer from the origin, the parcel goes back at this instant (the message +
 * returnAfterNoReply); undefined while the origin has not been messaged. The one place this
 * deadline is computed.
 */
export function returnDue(
  hold: Pick<SelfPickupHold, "originMessagedAt">,
  policy: HoldPolicy,
): Date | undefined {
  if (!hold.originMessagedAt) return undefined;
  return addDuration(hold.originMessagedAt, policy.selfPickup.returnAfterNoReply, policy.timezone);
}

/** The next thing the desk owes this hold, and when; null when nothing more is due. */
export function holdTimeline(hold: SelfPickupHold, policy: HoldPolicy): HoldStep | null {
  if (hold.closedAt || hold.originRepliedAt || hold.markedForReturnAt) return null;
  const due = returnDue(hold, policy);
  if (!due) return { step: "message_origin", at: collectBy(hold, policy), rule: "SOP-50" };
  return { step: "return", at: due, rule: "SOP-51" };
}

export type HoldState =
  | "waiting"
  | "message_origin_due"
  | "awaiting_origin_reply"
  | "return_due"
  | "origin_replied"
  | "marked_for_return"
  | "closed";

export function holdState(hold: SelfPickupHold, policy: HoldPolicy, now: Date): HoldState {
  if (hold.closedAt) return "closed";
  if (hold.markedForReturnAt) return "marked_for_return";
  if (hold.originRepliedAt) return "origin_replied";
  const next = holdTimeline(hold, policy);
  const due = next !== null && now.getTime() >= next.at.getTime();
  if (!hold.originMessagedAt) return due ? "message_origin_due" : "waiting";
  return due ? "return_due" : "awaiting_origin_reply";
}

/**
 * When an open hold goes back: the time it was marked for return, else SOP-51's return time
 * (returnDue); undefined while the origin has not been messaged, or once it answered (its answer
 * decides, SOP-52).
 */
export function goesBackAt(hold: SelfPickupHold, policy: HoldPolicy): Date | undefined {
  if (hold.markedForReturnAt) return hold.markedForReturnAt;
  if (hold.originRepliedAt) return undefined;
  return returnDue(hold, policy);
}

/** The hold is to go back now: marked for return, or past SOP-51's return time without an answer. */
export function isDueBack(state: HoldState): boolean {
  return state === "marked_for_return" || state === "return_due";
}

export type HoldRefusal =
  | "closed"
  | "invalid_time"
  | "before_previous_step" // a step dated before the one it follows
  | "already_messaged"
  | "origin_not_messaged" // SOP-51 counts from the SOP-50 message
  | "already_replied"
  | "marked_for_return"
  | "return_not_due"; // SOP-51: not before returnAfterNoReply, unless the origin answered (SOP-52)

export type HoldTransition = { ok: true; hold: SelfPickupHold } | { ok: false; reason: HoldRefusal };

function refuse(reason: HoldRefusal): HoldTransition {
  return { ok: false, reason };
}

/** Refuses what no step may do: act on a closed hold, or at a bad or earlier time. */
function precheck(hold: SelfPickupHold, at: Date, after: Date | null): HoldRefusal | undefined {
  if (hold.closedAt) return "closed";
  if (Number.isNaN(at.getTime())) return "invalid_time";
  if (at.getTime() < (after ?? hold.heldAt).getTime()) return "before_previous_step";
  return undefined;
}

/** SOP-50: the origin branch was messaged (留言对方公司). */
export function originMessagedTransition(hold: SelfPickupHold, at: Date): HoldTransition {
  const bad = precheck(hold, at, hold.heldAt);
  if (bad) return refuse(bad);
  if (hold.originMessagedAt) return refuse("already_messaged");
  if (hold.markedForReturnAt) return refuse("marked_for_return");
  return { ok: true, hold: { ...hold, originMessagedAt: at } };
}

/** The origin answered: SOP-51's return is off; what happens next is the origin's answer. */
export function originReplyTransition(hold: SelfPickupHold, at: Date): HoldTransition {
  const bad = precheck(hold, at, hold.originMessagedAt);
  if (bad) return refuse(bad);
  if (!hold.originMessagedAt) return refuse("origin_not_messaged");
  if (hold.originRepliedAt) return refuse("already_replied");
  if (hold.markedForReturnAt) return refuse("marked_for_return");
  return { ok: true, hold: { ...hold, originRepliedAt: at } };
}

/** The customer collected the parcel: the hold closes. */
export function collectedTransition(hold: SelfPickupHold, at: Date): HoldTransition {
  const bad = precheck(hold, at, hold.heldAt);
  if (bad) return refuse(bad);
  // Once marked for return (SOP-51/52) the parcel is scanned out the same day.
  if (hold.markedForReturnAt) return refuse("marked_for_return");
  return { ok: true, hold: { ...hold, closedAt: at, closeReason: "collected" } };
}

/**
 * SOP-51: no answer from the origin within returnAfterNoReply of the message, the parcel goes
 * back; SOP-52: the origin answered asking for it back. Either way the origin was messaged
 * first. With the policy given, a return before SOP-51's time and without a reply is refused.
 */
export function markedForReturnTransition(
  hold: SelfPickupHold,
  at: Date,
  policy?: HoldPolicy,
): HoldTransition {
  const bad = precheck(hold, at, hold.originRepliedAt ?? hold.originMessagedAt);
  if (bad) return refuse(bad);
  if (hold.markedForReturnAt) return refuse("marked_for_return");
  if (!hold.originMessagedAt) return refuse("origin_not_messaged");
  if (policy && !hold.originRepliedAt) {
    const due = returnDue(hold, policy);
    if (due && at.getTime() < due.getTime()) return refuse("return_not_due");
  }
  return { ok: true, hold: { ...hold, markedForReturnAt: at } };
}

/**
 * SOP-52: the marking written on a returned parcel's waybill when the origin branch is unknown.
 * It is a physical marking read by the network's sorting staff, so it is always Chinese and not
 * in the message catalogue.
 */
export const RETURN_MARKING_UNKNOWN_ORIGIN = "退回 发件公司";

/** SOP-52: the marking on a returned parcel, "退回 XX公司"; null when the origin is unknown. */
export function returnMarking(originBranch: string | null): string | null {
  const name = (originBranch ?? "").normalize("NFKC").replace(/\s+/g, " ").trim().slice(0, 100);
  return name === "" ? null : `退回 ${name}`;
}

/** SOP-52: the marking to write on the waybill: "退回 XX公司", or "退回 发件公司" when the origin is unknown. */
export function waybillReturnMarking(originBranch: string | null): string {
  return returnMarking(originBranch) ?? RETURN_MARKING_UNKNOWN_ORIGIN;
}

/**
 * Head office (总公司) as a hold's place. Holds store the name customers read in their notice
 * (branch points are named in Chinese too), not the problem taxonomy's value "head_office".
 */
export const HEAD_OFFICE_PLACE = "总公司";
/** The problem taxonomy's choice value for 总公司 (SOP-37 place, problems/taxonomy.ts). */
export const HEAD_OFFICE_VALUE = "head_office";

/** The place a hold stores for a problem note's SOP-37 place (a branch point, or head office). */
export function holdPlace(place: string): string {
  return place === HEAD_OFFICE_VALUE ? HEAD_OFFICE_PLACE : place;
}
