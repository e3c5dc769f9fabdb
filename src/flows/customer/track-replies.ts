import { type Intent, matchIntent } from "../../domain/intents";
import { isAcknowledgement } from "../../domain/intents/text";
import { say } from "../common";
import type { FlowContext, Reply } from "../types";
import { findTrackingNo } from "./format";

/** What a customer types at the tracking flow's questions, read (track.ts). */

/** Requests that leave the number question for their own flow. */
const PASSED_ON: ReadonlySet<string> = new Set([
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

/**
 * Words typed where the tracking flow asks for a number that are not one: another request ("我要索赔
 * YT… 丢了") is passed on to its own flow; "好的", "谢谢", "ok thanks" close politely.
 */
export function insteadOfNumber(
  ctx: FlowContext,
  intent: Intent | undefined,
  text: string,
): { replies: Reply[]; pass?: true } | undefined {
  if (intent && PASSED_ON.has(intent)) return { replies: [], pass: true };
  if (intent === "thanks" || isAcknowledgement(text)) return { replies: [say(ctx.t("customer.done"))] };
  return undefined;
}
