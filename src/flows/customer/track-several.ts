import type { Desk, ParcelView } from "../../domain/desk/desk";
import { countBotAnswer } from "../../domain/following/figures";
import { matchIntent } from "../../domain/intents";
import { findTrackingNumber } from "../../domain/kernel/tracking-number-in-text";
import { say } from "../common";
import type { FlowContext, Routed, Step } from "../types";

/**
 * Several tracking numbers in one message ("YT… YT…", "YT… 和 YT… 到哪了"): each parcel's status,
 * all in ONE message (issue 14 §7, one answer one message), never the first alone. More than
 * SEVERAL_MAX: the first SEVERAL_MAX, and how many were left out and how to ask for them. A
 * number with no scans is said so; a person looks into it when it is sent on its own (the single
 * answer's "ask a person?", SOP-10).
 */

/** The most parcels one answer shows (more would no longer read as one message). */
export const SEVERAL_MAX = 4;
/** The most numbers read from one message (anything longer is not a list someone typed). */
const READ_MAX = 50;

/** Behind a NUL, which nothing a user types can carry (the engine strips control characters). */
const SEVERAL_ARGS = "\u0000several";

/** Every distinct tracking number in the text, in the order typed. */
export function trackingNumbersIn(ctx: FlowContext, text: string): string[] {
  let rest = text.normalize("NFKC");
  const found: string[] = [];
  for (let i = 0; i < READ_MAX; i++) {
    const next = findTrackingNumber(rest, ctx.deps.policy);
    if (!next) break;
    if (!found.includes(next.trackingNo)) found.push(next.trackingNo);
    // Blanked out, so that the next search finds the one after it (positions stay the same).
    rest = `${rest.slice(0, next.start)}${" ".repeat(next.end - next.start)}${rest.slice(next.end)}`;
  }
  return found;
}

/**
 * Text outside any flow naming two numbers or more, asking nothing else of them (a complaint, a
 * claim, a pickup, a person keep their own way): the track flow, to answer them all.
 */
export function severalRoute(ctx: FlowContext, text: string): Routed {
  const numbers = trackingNumbersIn(ctx, text);
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
): Promise<Step<never>> {
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
  return { replies: [say(lines.join("\n"))] };
}
