import type { NoticeAction } from "../ports";

/**
 * The buttons the desk puts on its notices: the one list of notice actions. Each button is
 * `<name>.<id>` (ports.NoticeAction.action); the channel renders it with the payload
 * `a.<name>.<id>` (noticePayload), and the flows register one ActionHandler per name here, which
 * calls the Desk method named beside it with the pressing person's id.
 */

/** Desk.takeQuery(queryId, personId) */
export const TAKE_QUERY = "qt";
/** Desk.reassignQuery(queryId, personId): a duty lead takes an overdue query back (issue 14 §6) */
export const REASSIGN_QUERY = "qr";
/** Desk.acceptPickup(personId, pickupId) */
export const ACCEPT_PICKUP = "pa";
/** Desk.assignFromCard(personId, option): a dispatcher picks a courier on the pickup's card (issue 10 §3) */
export const ASSIGN_PICKUP = "pz";
/** Desk.declinePickup(personId, pickupId) */
export const DECLINE_PICKUP = "pd";
/** Desk.recordOriginMessaged(personId, holdId): the origin branch was messaged */
export const ORIGIN_MESSAGED = "ho";
/** Desk.recordOriginReply(personId, holdId): the origin answered; the timer returns nothing */
export const ORIGIN_REPLIED = "hr";
/** Desk.acknowledgeBroadcast(personId, broadcastId): "Got it" on a duty lead's notice (SOP-83) */
export const ACK_BROADCAST = "bk";
/** Desk.recordOriginTaskSent(personId, taskId): the SOP-38 / SOP-45 message to the origin was sent */
export const ORIGIN_TASK_SENT = "os";
/** Desk.returnHeldNow(personId, holdId): a hold due to go back (holds/), once the SOP-43 delivery scan is done */
export const RETURN_NOW = "rt";
/** SOP-44: Desk.markUndeliveredHandled for one listed parcel (`<yyyymmdd>_<trackingNo>`), or all of a day's (deliveries/actions.ts) */
export const UNDELIVERED_HANDLED = "uh";
export const UNDELIVERED_ALL_HANDLED = "ua";
/** SOP-74: enter the signer of a delivery (the receipt-entry flow on that waybill) */
export const ENTER_SIGNER = "rs";
/** Opens the claim's card in /claims (SOP-70..SOP-72, issue 12) */
export const CLAIM_VIEW = "cv";
/** Opens the complaint's card in /complaints (SOP-82, issue 12) */
export const COMPLAINT_VIEW = "cx";
/** Desk.approveBusy(leadId, agentId): SOP-14, a duty lead lets the last open seat go busy */
export const APPROVE_BUSY = "sb";
/** Opens the branch ask to record the other branch's answer (SOP-13): the branch-asks flow */
export const RECORD_BRANCH_ANSWER = "ba";

// Customers' buttons on parcel pushes (issue 17) use "uf", "fh" and "fk": following/actions.ts.

export const NOTICE_ACTIONS = {
  takeQuery: TAKE_QUERY,
  reassignQuery: REASSIGN_QUERY,
  acceptPickup: ACCEPT_PICKUP,
  declinePickup: DECLINE_PICKUP,
  assignPickup: ASSIGN_PICKUP,
  originMessaged: ORIGIN_MESSAGED,
  originReplied: ORIGIN_REPLIED,
  acknowledgeBroadcast: ACK_BROADCAST,
  originTaskSent: ORIGIN_TASK_SENT,
  returnNow: RETURN_NOW,
  undeliveredHandled: UNDELIVERED_HANDLED,
  undeliveredAllHandled: UNDELIVERED_ALL_HANDLED,
  enterSigner: ENTER_SIGNER,
  claimView: CLAIM_VIEW,
  complaintView: COMPLAINT_VIEW,
  approveBusy: APPROVE_BUSY,
  recordBranchAnswer: RECORD_BRANCH_ANSWER,
} as const;

export type NoticeActionName = (typeof NOTICE_ACTIONS)[keyof typeof NOTICE_ACTIONS];
export const NOTICE_ACTION_NAMES: readonly NoticeActionName[] = Object.values(NOTICE_ACTIONS);

/** The prefix of a notice button's payload, as the flow engine reads it (`a.<name>.<arg>`). */
export const NOTICE_PAYLOAD_PREFIX = "a.";

/** The payload a channel puts on a notice's button (NoticeAction.action `<name>.<arg>`): `a.<name>.<arg>`. */
export function noticePayload(action: string): string {
  return `${NOTICE_PAYLOAD_PREFIX}${action}`;
}

function action(name: NoticeActionName, labelKey: NoticeAction["labelKey"], id: string): NoticeAction {
  return { labelKey, action: `${name}.${id}` };
}

export function takeQueryAction(queryId: string): NoticeAction {
  return action(TAKE_QUERY, "notice.action.take", queryId);
}

export function reassignQueryAction(queryId: string): NoticeAction {
  return action(REASSIGN_QUERY, "thread.action.reassign", queryId);
}

/** The overdue escalation's buttons (issue 14 §6): take it yourself, or take it back and reassign. */
export function overdueQueryActions(queryId: string): NoticeAction[] {
  return [takeQueryAction(queryId), reassignQueryAction(queryId)];
}

export function acceptPickupAction(pickupId: string): NoticeAction {
  return action(ACCEPT_PICKUP, "notice.action.accept", pickupId);
}

export function declinePickupAction(pickupId: string): NoticeAction {
  return action(DECLINE_PICKUP, "notice.action.decline", pickupId);
}

export function pickupActions(pickupId: string): NoticeAction[] {
  return [acceptPickupAction(pickupId), declinePickupAction(pickupId)];
}

/**
 * One option of a card's courier select: `pz.<pickupId>_<n>_<tag>`, the n-th courier the card
 * offers (pickups/card.ts assignableCouriers) and the first characters of their id, so that the
 * whole payload keeps to the 64 bytes a Telegram button carries. Undefined when the pickup's id is
 * too long for that.
 */
export function assignPickupAction(
  pickupId: string,
  index: number,
  courierId: string,
): NoticeAction | undefined {
  const arg = `${pickupId}_${index}_${courierId.slice(0, ASSIGN_TAG_LENGTH)}`;
  return index < 100 && ASSIGN_ARG.test(arg) ? action(ASSIGN_PICKUP, "card.select.assign", arg) : undefined;
}

const ASSIGN_TAG_LENGTH = 8;
const ASSIGN_ARG = /^([\w-]{1,36}?)_(\d{1,2})_([a-z0-9_-]{1,8})$/;

/** The pickup, the courier's place in the card's list, and their id's first characters; undefined if forged. */
export function parseAssignArg(arg: string): { pickupId: string; index: number; tag: string } | undefined {
  if (arg.length > 48) return undefined;
  const m = ASSIGN_ARG.exec(arg);
  if (!m?.[1] || m[2] === undefined || !m[3]) return undefined;
  return { pickupId: m[1], index: Number(m[2]), tag: m[3] };
}

/** Whether a courier id is the one an option's tag names. */
export function assignTagFits(courierId: string, tag: string): boolean {
  return courierId.slice(0, ASSIGN_TAG_LENGTH) === tag;
}

export function originMessagedAction(holdId: string): NoticeAction {
  return action(ORIGIN_MESSAGED, "notice.action.originMessaged", holdId);
}

export function originRepliedAction(holdId: string): NoticeAction {
  return action(ORIGIN_REPLIED, "notice.action.originReplied", holdId);
}

export function approveBusyAction(agentId: string): NoticeAction {
  return action(APPROVE_BUSY, "seat.action.approveBusy", agentId);
}

export function recordBranchAnswerAction(askId: string): NoticeAction {
  return action(RECORD_BRANCH_ANSWER, "branchAsk.button.record", askId);
}

export function claimViewAction(claimId: string): NoticeAction {
  return action(CLAIM_VIEW, "notice.action.claimView", claimId);
}

export function complaintViewAction(complaintId: string): NoticeAction {
  return action(COMPLAINT_VIEW, "notice.action.complaintView", complaintId);
}

export function originTaskSentAction(taskId: string): NoticeAction {
  return action(ORIGIN_TASK_SENT, "notice.action.originTaskSent", taskId);
}

export function returnNowAction(holdId: string): NoticeAction {
  return action(RETURN_NOW, "notice.action.returnNow", holdId);
}

export function acknowledgeBroadcastAction(broadcastId: string): NoticeAction {
  return action(ACK_BROADCAST, "broadcast.action.ack", broadcastId);
}
