import type { NoticeAction } from "../ports";

/**
 * The buttons the desk puts on its notices. Each is `<name>.<id>`; the flows register one
 * ActionHandler per name, which calls the Desk method given here with the pressing person's id.
 */
export const NOTICE_ACTIONS = {
  /** Desk.takeQuery(queryId, personId) */
  takeQuery: "qt",
  /** Desk.acceptPickup(personId, pickupId) */
  acceptPickup: "pa",
  /** Desk.declinePickup(personId, pickupId) */
  declinePickup: "pd",
  /** Desk.recordOriginMessaged(personId, holdId): SOP-50 done */
  originMessaged: "ho",
} as const;

export function takeQueryAction(queryId: string): NoticeAction {
  return { labelKey: "notice.action.take", action: `${NOTICE_ACTIONS.takeQuery}.${queryId}` };
}

export function pickupActions(pickupId: string): NoticeAction[] {
  return [
    { labelKey: "notice.action.accept", action: `${NOTICE_ACTIONS.acceptPickup}.${pickupId}` },
    { labelKey: "notice.action.decline", action: `${NOTICE_ACTIONS.declinePickup}.${pickupId}` },
  ];
}

export function originMessagedAction(holdId: string): NoticeAction {
  return { labelKey: "notice.action.originMessaged", action: `${NOTICE_ACTIONS.originMessaged}.${holdId}` };
}
