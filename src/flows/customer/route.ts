import { pickedByPlace } from "../../domain/intents/position";
import { isAcknowledgement } from "../../domain/intents/text";
import { normalizePhone } from "../../domain/kernel/phone";
import { normalizeTrackingNo } from "../../domain/kernel/tracking-number";
import { findTrackingNumbers } from "../../domain/kernel/tracking-number-in-text";
import type { FlowContext, RoutableInput, Routed } from "../types";
import { findTrackingNo } from "./format";
import { threadArgs } from "./human";
import { intentRoute } from "./intents";
import { trackingRoute } from "./menu";
import { threadRoute } from "./thread";
import { severalRoute } from "./track-several";

/**
 * What a customer sends outside any flow, in this order: a tracking number alone is tracked, and
 * several numbers asking nothing else are all answered in one message (track-several.ts); a
 * typed request (a person, a complaint, a pickup, …) starts its flow (intents.ts); anything else
 * while the customer has a query open or lately answered joins that query's thread (thread.ts: the
 * agent may have asked for a number); one that looks like a waybill number but fails its check
 * digit or pattern gets the track flow's "please check" (issue 14 §4); a sentence naming a
 * tracking number is a question about that parcel for a person (SOP-13); a photo is a question of
 * its own for a person (issue 14 §1). Nothing placed: the menu (an address alone too: "文昌路100号
 * 有我的包裹吗" is no pickup request).
 */
export async function customerRoute(ctx: FlowContext, input: RoutableInput): Promise<Routed> {
  const replied = aboutRepliedParcel(ctx, input);
  if (replied) return customerRoute(ctx, replied);
  if (input.kind === "text") {
    const tracked = trackingRoute(ctx, input.text) ?? severalRoute(ctx, input.text);
    if (tracked) return tracked;
  }
  const intended = await intentRoute(ctx, input);
  if (intended) return intended;
  const threaded = await threadRoute(ctx, input);
  if (threaded) return threaded;
  if (input.kind === "text") {
    const mistyped = mistypedNumber(input.text);
    if (mistyped) return mistyped;
    if (findTrackingNo(ctx, input.text)) return { flow: "human", args: input.text };
  }
  if (input.kind === "photo" && !ctx.who.isGroup) return { flow: "human", args: threadArgs(input) };
  return undefined;
}

/**
 * A Telegram reply to one of the desk's messages naming a parcel (a push "您的快件 YT… 已到达…", a
 * tracking answer, a claim's settlement), itself naming none ("什么时候能送到", "还没收到钱"): read
 * as if it named that parcel, through the same route a sentence with its number takes.
 */
function aboutRepliedParcel(ctx: FlowContext, input: RoutableInput): RoutableInput | undefined {
  if (input.kind !== "text" || input.replyTo === undefined || ctx.who.person) return undefined;
  // "好的" under a push asks nothing about its parcel: read as if typed on its own (no query opened).
  if (isAcknowledgement(input.text)) return undefined;
  // A message about one parcel; under the several-numbers answer, only words that say which by its
  // place ("第一个我没收到", "后面那个呢"): "什么时候到" alone does not say which.
  const named = findTrackingNumbers(input.replyTo, ctx.deps.policy);
  const place = named.length > 1 ? pickedByPlace(input.text, named.length) : undefined;
  const trackingNo = named.length === 1 ? named[0] : place ? named[place.index] : undefined;
  if (!trackingNo || findTrackingNo(ctx, input.text)) return undefined;
  return { kind: "text", text: `${trackingNo} ${input.text}` };
}

/** Typed in groups of letters and digits only: "EA123456784CN", "1234 5678 901", "yt-1234567". */
const NUMBER_SHAPED = /^[A-Za-z0-9]+(?:[\s\-_.·—–]+[A-Za-z0-9]+)*$/;
/** A waybill typo, not a word, a count or a room: a few letters at most around six digits or more. */
const TRACKING_SHAPED = /^[A-Z]{0,4}[0-9]{6,}[A-Z]{0,4}$/;
const MAX_NUMBER_LENGTH = 30;

/**
 * One tracking-number-shaped token that is no tracking number (a wrong check digit, a digit too
 * many or too few): the track flow with it, which says "please check" with the formats. A phone
 * number is not a waybill typo (13800000003 alone is someone's mobile).
 */
function mistypedNumber(text: string): Routed {
  const typed = text.normalize("NFKC").trim();
  if (!NUMBER_SHAPED.test(typed) || normalizePhone(typed)) return undefined;
  const number = normalizeTrackingNo(typed);
  if (number.length > MAX_NUMBER_LENGTH || !TRACKING_SHAPED.test(number)) return undefined;
  return { flow: "track", args: typed };
}
