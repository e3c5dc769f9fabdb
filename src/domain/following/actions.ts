import type { NoticeAction } from "../ports";

/**
 * The buttons on a follower's pushes (issue 17), `<name>.<trackingNo>` like every notice button
 * (desk/notice-actions.ts), answered without a session by the customer's action handlers
 * (flows/customer/following.ts). Unlike staff notice buttons, these are pressed by customers.
 */

/** Desk.unfollow: stop following the parcel. */
export const STOP_FOLLOWING = "uf";
/** Talk to a person about the parcel (the human flow, with its number). */
export const FOLLOW_HUMAN = "fh";
/** Desk.setEveryScan(false): only the statuses that matter. */
export const KEY_ONLY = "fk";

/** A tracking number as a button's argument (the engine's `[\w-]{1,48}`); undefined when it cannot be one. */
function arg(trackingNo: string): string | undefined {
  return /^[\w-]{1,48}$/.test(trackingNo) ? trackingNo : undefined;
}

export function followActions(trackingNo: string, extra: "human" | "keyOnly" | undefined): NoticeAction[] {
  const a = arg(trackingNo);
  if (!a) return [];
  const actions: NoticeAction[] = [];
  if (extra === "human") actions.push({ labelKey: "follow.button.human", action: `${FOLLOW_HUMAN}.${a}` });
  if (extra === "keyOnly") actions.push({ labelKey: "follow.button.keyOnly", action: `${KEY_ONLY}.${a}` });
  actions.push({ labelKey: "follow.button.stop", action: `${STOP_FOLLOWING}.${a}` });
  return actions;
}
