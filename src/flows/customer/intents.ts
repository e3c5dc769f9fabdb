import { saysNotReceived } from "../../domain/deliveries/not-received";
import { type IntentMatch, matchIntent, type ServedAnswer, servedAnswer } from "../../domain/intents";
import { isAcknowledgement } from "../../domain/intents/text";
import { ask, choice, say } from "../common";
import { flowValue } from "../engine/payloads";
import type { ActiveFlow, FlowContext, Intercepted, Reply, RoutableInput, Routed } from "../types";
import { FOLLOWED_ARGS } from "./followed-parcel";
import { humanArgs } from "./human";
import { servedReply } from "./served";
import { notReceivedArgs } from "./track-replies";
import { followingArgs } from "./typed-following";

/**
 * Typed requests (issue 14 §2), a customer's only: staff type commands and have their own menus,
 * so a staff member's typed words do what they did before (a tracking number alone is tracked).
 *
 * Outside any flow, two places answer them. `typedIntent` (the engine's hook, before the route)
 * answers what needs no flow: a price question (SOP-21), whether a place is served (SOP-1, SOP-27),
 * help, thanks or goodbye, a bare "取消".
 * `intentRoute` (the customer's route) starts the flow a request names: a person (human), a
 * complaint (complain, SOP-82), a claim (claim, SOP-70, SOP-71), a pickup, tracking, cancelling a
 * pickup request (mypickups).
 *
 * Inside a customer's flow, only a whole-message request for a person, a complaint, a claim or to
 * cancel is taken ("人工", "我要投诉", "我要理赔", "取消"); any other text is the flow's, so the
 * answers already given stay where they are.
 */

/**
 * The human flow's args for a request for a person: its words when it says more than the request;
 * else (nothing but "人工", perhaps a parcel) the human flow asks what it is about first.
 */
function personArgs(match: IntentMatch, text: string): string {
  if (!match.whole || SAYS_WHAT.test(text)) return text;
  return humanArgs(match.trackingNo ? { trackingNo: match.trackingNo } : {});
}

/** A request for a person that is its own question ("还没收到钱" after a claim's settlement): not asked again. */
const SAYS_WHAT = /钱|到账|赔款|赔偿/u;

/** The flows a typed complaint or claim starts: each takes the parcel the words name, if any. */
export const AFTER_SALES = { complaint: "complain", claim: "claim" } as const;

/**
 * What the customer's text asks, with the answer to a question whether a place is served (SOP-1).
 * A coverage question that names no place and no area ("这个能寄吗") is read as if it were not one.
 */
function customerMatch(ctx: FlowContext, text: string): { match: IntentMatch; served?: ServedAnswer } {
  const match = matchIntent(text, ctx.deps.policy);
  if (match.intent !== "coverage") return { match };
  const served = match.trackingNo ? undefined : servedAnswer(text, ctx.deps);
  if (served) return { match, served };
  return { match: matchIntent(text, ctx.deps.policy, { skip: ["coverage"] }) };
}

/** Typed text outside any flow that names a flow: where it goes (undefined: the next route). */
export async function intentRoute(ctx: FlowContext, input: RoutableInput): Promise<Routed> {
  if (input.kind !== "text" || ctx.who.person || ctx.who.isGroup) return undefined;
  const { match } = customerMatch(ctx, input.text);
  switch (match.intent) {
    case "complaint":
      // The whole sentence: its waybill, and what happened when it says more than "投诉" (complain.ts).
      return { flow: AFTER_SALES.complaint, args: input.text };
    case "claim":
      // The whole sentence: its waybill, and the kind it says ("我要索赔,YT… 丢了", claim.ts).
      return { flow: AFTER_SALES.claim, args: input.text };
    case "person":
      return { flow: "human", args: personArgs(match, input.text) };
    case "cancelPickup":
      return { flow: "mypickups", args: "" };
    case "cancel":
      // "取消 YT…": a parcel already sent cannot be cancelled here; a person looks at it.
      return match.trackingNo ? { flow: "human", args: input.text } : undefined;
    case "track":
      // SOP-73: "YT… 显示签收了,没收到啊": the words go along (a delivered one is a person's).
      if (match.trackingNo && saysNotReceived(input.text))
        return { flow: "track", args: notReceivedArgs(match.trackingNo, input.text) };
      // No number: a reply to a push is about the followed parcel that moved last (followed-parcel.ts).
      return { flow: "track", args: match.trackingNo ?? FOLLOWED_ARGS };
    case "follow":
    case "unfollow":
      // Issue 17: typed following, answered by the track flow (typed-following.ts).
      return {
        flow: "track",
        args: followingArgs({ stop: match.intent === "unfollow", trackingNo: match.trackingNo }),
      };
    case "pickup":
      // "明天下午3点来文昌路 100 号取件": the pickup keeps what the words said (pickup-start.ts).
      return { flow: "pickup", args: input.text };
    default:
      // "谢谢 YT…", "help YT…": the number is what they came for.
      return match.whole && match.trackingNo ? { flow: "track", args: match.trackingNo } : undefined;
  }
}

/** SOP-21: the courier agrees the fee on collection; never a price. With the pickup offer, one message. */
function priceReply(ctx: FlowContext): Reply {
  return ask(ctx.t("intent.price"), [choice(ctx, "menu.pickup", flowValue("pickup"))]);
}

/** Outside a flow: the requests answered without one. */
function answerOutside(ctx: FlowContext, match: IntentMatch, served?: ServedAnswer): Intercepted {
  if (match.trackingNo && match.intent !== "price") return undefined; // the route looks at the number
  switch (match.intent) {
    case "price":
      return { reply: [priceReply(ctx)] };
    case "coverage":
      // SOP-1, SOP-27: from the zones and the coverage, one message.
      return served ? { reply: [servedReply(ctx, served)] } : undefined;
    case "help":
      return match.whole ? { command: "help" } : undefined;
    case "cancel":
      return match.whole ? { command: "cancel" } : undefined;
    case "thanks":
      // A short polite close (SOP-80), no menu.
      return { reply: [say(ctx.t("customer.done"))] };
    default:
      return undefined;
  }
}

/** Inside a customer's flow: a whole-message request to cancel, or for a person. */
function answerInside(active: ActiveFlow, match: IntentMatch, text: string): Intercepted {
  if (active.roles || match.trackingNo) return undefined;
  // Asked for a waybill number, the customer asks for a pickup instead: that is what they want.
  if (active.name === "track" && match.intent === "pickup") return { flow: "pickup", args: text };
  if (!match.whole) return undefined;
  switch (match.intent) {
    case "cancel":
    case "cancelPickup":
      return { command: "cancel" };
    case "person":
      // Already asking for the question: the words are its answer.
      if (active.name === "human") return undefined;
      return { flow: "human", args: personArgs(match, text) };
    case "unfollow":
      // "别再通知我了" mid-flow is no answer to its question (issue 17); the track flow reads it itself.
      return active.name === "track" ? undefined : { flow: "track", args: followingArgs({ stop: true }) };
    case "complaint":
    case "claim": {
      // Already in it: the words are its answer ("投诉" as what happened).
      const flow = AFTER_SALES[match.intent];
      return active.name === flow ? undefined : { flow, args: "" };
    }
    default:
      return undefined;
  }
}

/**
 * The engine's hook for typed text (before the running flow or the route sees it): what a
 * customer's typed request means, if it is one.
 */
export function typedIntent(
  ctx: FlowContext,
  text: string,
  active: ActiveFlow | undefined,
  replyTo?: string,
): Intercepted {
  if (ctx.who.person || ctx.who.isGroup) return undefined;
  const { match, served } = customerMatch(ctx, text);
  // "嗯", "收到", "👌" as a reply to a push or an answer: read, nothing asked; the short close, as
  // "好的" gets, not the menu (on their own, with nothing replied to, they still get the menu).
  if (match.intent === undefined && !active && replyTo !== undefined && ackOnly(text)) {
    return { reply: [say(ctx.t("customer.done"))] };
  }
  if (match.intent === undefined) return undefined;
  return active ? answerInside(active, match, text) : answerOutside(ctx, match, served);
}

/** A bare acknowledgement; a lone "?" (which normalises to nothing, as an emoji does) asks something. */
function ackOnly(text: string): boolean {
  return !/[?？]/u.test(text) && isAcknowledgement(text);
}
