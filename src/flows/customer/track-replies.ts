import { matchIntent } from "../../domain/intents";
import type { FlowContext } from "../types";
import { findTrackingNo } from "./format";

/** What a customer types at the tracking flow's questions, read (track.ts). */

/** Requests that leave the number question for their own flow. */
export const PASSED_ON: ReadonlySet<string> = new Set([
  "complaint",
  "person",
  "claim",
  "cancelPickup",
  "pickup",
  "price",
]);

/**
 * A reply naming no parcel, about the one just answered: track it again, or follow it. A typed stop
 * ("取消关注") is left to the general route: it means whatever the chat follows (typed-following.ts).
 */
export function replyAbout(
  ctx: FlowContext,
  trackingNo: string,
  text: string,
): "track" | "follow" | undefined {
  if (findTrackingNo(ctx, text)) return undefined; // another number: a new request
  const { intent } = matchIntent(`${trackingNo} ${text}`, ctx.deps.policy);
  return intent === "track" || intent === "follow" ? intent : undefined;
}
