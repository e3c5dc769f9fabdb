import { z } from "zod";
import { saysNotReceived } from "../../domain/deliveries/not-received";
import type { Desk, ParcelView } from "../../domain/desk/desk";
import { countBotAnswer } from "../../domain/following/figures";
import { matchIntent } from "../../domain/intents";
import { pickedByPlace } from "../../domain/intents/position";
import { findTrackingNumbers } from "../../domain/kernel/tracking-number-in-text";
import { ask, handOver, say } from "../common";
import type { FlowContext, FlowInput, Routed, Step } from "../types";
import { findTrackingNo } from "./format";

/**
 * Several tracking numbers in one message ("YT… YT…", "YT… 和 YT… 到哪了"): each parcel's status,
 * all in ONE message (issue 14 §7, one answer one message), never the first alone. More than
 * SEVERAL_MAX: the first SEVERAL_MAX, and how many were left out and how to ask for them. A
 * number with no scans is said so; a person looks into it when it is sent on its own (the single
 * answer's "ask a person?", SOP-10).
 */

/** The most parcels one answer shows (more would no longer read as one message). */
export const SEVERAL_MAX = 4;
/**
 * After the answer about several parcels: the numbers it answered, so that "什么时候到" typed next
 * is about them (not a number asked from scratch): which one, with a button each.
 */
export const severalState = z.object({
  step: z.literal("several"),
  trackingNos: z.array(z.string().max(64)).min(2).max(SEVERAL_MAX),
});
type SeveralState = z.infer<typeof severalState>;

/** A number's button under "which one?". */
const PICK = "pick:";

/** Behind a NUL, which nothing a user types can carry (the engine strips control characters). */
const SEVERAL_ARGS = "\u0000several";

/**
 * Text outside any flow naming two numbers or more, asking nothing else of them (a complaint, a
 * claim, a pickup, a person keep their own way): the track flow, to answer them all.
 */
export function severalRoute(ctx: FlowContext, text: string): Routed {
  const numbers = findTrackingNumbers(text, ctx.deps.policy);
  if (numbers.length < 2) return undefined;
  const { intent } = matchIntent(text, ctx.deps.policy);
  if (intent !== undefined && intent !== "track") return undefined;
  return { flow: "track", args: `${SEVERAL_ARGS}${numbers.join(" ")}` };
}

/** The numbers in the track flow's args, when the route gave it several (none: undefined). */
export function readSeveralArgs(args: string): string[] | undefined {
  if (!args.startsWith(SEVERAL_ARGS)) return undefined;
  const numbers = args.slice(SEVERAL_ARGS.length).split(" ").filter(Boolean);
  return numbers.length > 0 ? numbers : undefined;
}

/** Each parcel's status (its latest scan, what the desk knows), in one message. */
export async function answerSeveral(
  desk: Desk,
  ctx: FlowContext,
  numbers: readonly string[],
  /** The one-parcel status text (track.ts's, passed in: track.ts imports this file). */
  statusOf: (ctx: FlowContext, view: ParcelView) => string,
): Promise<Step<SeveralState>> {
  const shown = numbers.slice(0, SEVERAL_MAX);
  const views = await Promise.all(shown.map((no) => desk.trackParcel(no)));
  const parts = shown.map((trackingNo, i) => {
    const view = views[i];
    return view ? statusOf(ctx, view) : ctx.t("track.several.unknown", { trackingNo });
  });
  if (views.some(Boolean) && !ctx.who.person) countBotAnswer(); // issue 17 §6: answered without a person
  const left = numbers.slice(SEVERAL_MAX);
  const lines = [ctx.t("track.several.title", { count: numbers.length }), parts.join("\n\n")];
  if (left.length > 0) {
    const params = { count: left.length, trackingNos: left.join(", "), max: SEVERAL_MAX };
    lines.push("", ctx.t("track.several.left", params));
  }
  const replies = [say(lines.join("\n"))];
  return shown.length < 2 ? { replies } : { replies, next: { step: "several", trackingNos: shown } };
}

/**
 * What is typed or pressed after the answer about several parcels: a number's button, or its place
 * typed ("第二个", "后面那个", "2", "the second one"), is the number, answered on its own by the
 * track flow; "第一个我没收到" of a delivered one is a query about its signed receipt (SOP-73); a
 * question about them naming no number ("什么时候到", "关注一下") asks which, a button each;
 * anything else is a new request (pass).
 */
export async function afterSeveral(
  ctx: FlowContext,
  state: SeveralState,
  input: FlowInput,
  /** Whether a parcel is delivered: read only when the words say "not received". */
  delivered: (trackingNo: string) => Promise<boolean>,
): Promise<string | Step<SeveralState>> {
  if (input.kind === "choice") {
    const picked = input.value.slice(PICK.length);
    if (input.value.startsWith(PICK) && state.trackingNos.includes(picked)) return picked;
    return { replies: [], pass: true };
  }
  if (input.kind !== "text" || findTrackingNo(ctx, input.text)) return { replies: [], pass: true };
  const place = pickedByPlace(input.text, state.trackingNos.length);
  const placed = place ? state.trackingNos[place.index] : undefined;
  if (place && placed) {
    if (saysNotReceived(place.rest) && (await delivered(placed))) {
      return handOver([], "human", `${placed} ${input.text}`);
    }
    const asks = place.rest === "" ? undefined : matchIntent(place.rest, ctx.deps.policy).intent;
    if (asks === undefined || asks === "track") return placed;
  }
  const { intent } = matchIntent(input.text, ctx.deps.policy);
  if (intent !== "track" && intent !== "follow") return { replies: [], pass: true };
  const choices = state.trackingNos.map((no) => ({ label: no, value: `${PICK}${no}` }));
  return { replies: [ask(ctx.t("track.several.which"), choices)], next: state };
}
