import { saysNotReceived } from "../../domain/deliveries/not-received";
import type { Desk } from "../../domain/desk/desk";
import { type Intent, matchIntent } from "../../domain/intents";
import { isAcknowledgement } from "../../domain/intents/text";
import { checkTrackingNo, trackingFormats } from "../../domain/kernel/tracking-number";
import { handOver, say } from "../common";
import type { FlowContext, Reply, Step } from "../types";
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
 * A reply naming no parcel, about the one just answered: track it again, or follow it; "不对,我没收
 * 到" under an answer that says delivered is for a person (SOP-73, deliveries/not-received.ts). A
 * typed stop ("取消关注") is left to the general route: it means whatever the chat follows
 * (typed-following.ts).
 */
export async function replyAbout(
  ctx: FlowContext,
  trackingNo: string,
  text: string,
  /** Whether the parcel is delivered: read only when the words say "not received". */
  delivered: () => Promise<boolean>,
): Promise<"track" | "follow" | "person" | undefined> {
  if (findTrackingNo(ctx, text)) return undefined; // another number: a new request
  if (saysNotReceived(text) && (await delivered())) return "person";
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

/** "Please check" with the formats the policy's pattern accepts (the one rule, kernel/tracking-number.ts). */
export function pleaseCheck(ctx: FlowContext, raw: string): string {
  const checked = checkTrackingNo(raw, ctx.deps.policy);
  if (!checked.ok && checked.reason === "check_digit") {
    return ctx.t("track.check.checkDigit", { trackingNo: checked.trackingNo });
  }
  const formats = trackingFormats(ctx.deps.policy.trackingNumber.pattern);
  const count = (min: number, max: number) =>
    min === max ? String(min) : ctx.t("track.format.range", { min, max });
  const described = formats
    ? formats
        .map((parts) =>
          ctx.t("track.format.item", {
            format: parts
              .map((p) =>
                ctx.t(p.kind === "letters" ? "track.format.letters" : "track.format.digits", {
                  count: count(p.min, p.max),
                }),
              )
              .join(ctx.t("track.format.join")),
          }),
        )
        .join("\n")
    : ctx.t("track.check.formatsUnknown");
  return ctx.t("track.check.malformed", { text: raw.trim().slice(0, 40), formats: described });
}

/** Behind a NUL, which nothing a user types can carry (the engine strips control characters). */
const NOT_RECEIVED_ARGS = "\u0000unreceived";

/**
 * A sentence naming a parcel and saying it was not received ("YT… 显示已签收,没收到啊", "YT… says
 * delivered but I never got it"), routed as tracking: the track flow gets the words too.
 */
export function notReceivedArgs(trackingNo: string, text: string): string {
  return `${NOT_RECEIVED_ARGS}${trackingNo}\u0000${text}`;
}

/**
 * SOP-73: the track flow started with notReceivedArgs: a delivered parcel goes to a person with the
 * words (human.ts opens the receipt query); one still on its way is tracked (its number returned).
 */
export async function startNotReceived(desk: Desk, args: string): Promise<Step<never> | string | undefined> {
  if (!args.startsWith(NOT_RECEIVED_ARGS)) return undefined;
  const [trackingNo = "", text = ""] = args.slice(NOT_RECEIVED_ARGS.length).split("\u0000");
  const delivered = (await desk.trackParcel(trackingNo))?.status === "delivered";
  return delivered ? handOver([], "human", text) : trackingNo;
}
