import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import { ask, choice, say } from "../common";
import type { FlowContext, Step } from "../types";

/**
 * Following typed (issue 17): "关注 YT…", "不再关注 YT…", "取消关注", "别再通知我了", "unfollow",
 * "stop notifications". The route (intents.ts) hands them to the track flow with `followingArgs`;
 * the track flow answers them here with the same use cases as its buttons (FollowingDesk), one
 * message each. "Stop" without a number: the one parcel the chat follows, else which one (buttons).
 */

/** What a typed request about following asks. */
interface FollowingRequest {
  stop: boolean;
  trackingNo?: string | undefined;
}

const followingRequest = z.object({ stop: z.boolean(), trackingNo: z.string().max(64).optional() });

/** Behind a NUL, which nothing a user types can carry (the engine strips control characters). */
const FOLLOWING_ARGS = "\u0000following";

export function followingArgs(request: FollowingRequest): string {
  return `${FOLLOWING_ARGS}${JSON.stringify(request)}`;
}

/** The request in the track flow's args, if they carry one (anything malformed: none). */
export function readFollowingArgs(args: string): FollowingRequest | undefined {
  if (!args.startsWith(FOLLOWING_ARGS)) return undefined;
  try {
    const parsed = followingRequest.safeParse(JSON.parse(args.slice(FOLLOWING_ARGS.length)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The most parcels offered as buttons to stop following (a chat rarely follows more). */
const STOP_CHOICES_MAX = 8;
/** The button that stops following every parcel offered. */
const STOP_ALL = "stop-all";

type WhichState = { step: "which"; trackingNos: string[] };
export const whichState = z.object({
  step: z.literal("which"),
  trackingNos: z.array(z.string().max(64)).max(STOP_CHOICES_MAX),
});

/** How the track flow answers a follow or stop for one parcel (its buttons' answer). */
type FollowChoice<S> = (trackingNo: string, value: "follow" | "unfollow") => Promise<Step<S>>;

export async function typedFollowing<S>(
  desk: Desk,
  ctx: FlowContext,
  request: FollowingRequest,
  followChoice: FollowChoice<S>,
  askNumber: S,
): Promise<Step<S | WhichState>> {
  const checked = request.trackingNo ? checkTrackingNo(request.trackingNo, ctx.deps.policy) : undefined;
  if (checked?.ok) return followChoice(checked.trackingNo, request.stop ? "unfollow" : "follow");
  // "关注" alone: the number first; tracked, the answer has the follow button.
  if (!request.stop) return { replies: [say(ctx.t("follow.typed.askNumber"))], next: askNumber };
  const followed = await desk.followedBy(ctx.who.chat);
  const [only] = followed;
  if (only === undefined) return { replies: [say(ctx.t("follow.typed.none"))] };
  if (followed.length === 1) return followChoice(only, "unfollow");
  const offered = followed.slice(0, STOP_CHOICES_MAX);
  return {
    replies: [
      ask(ctx.t("follow.typed.which"), [
        ...offered.map((trackingNo) => ({ label: trackingNo, value: trackingNo })),
        choice(ctx, "follow.typed.all", STOP_ALL),
      ]),
    ],
    next: { step: "which", trackingNos: offered },
  };
}

/** The answer to "which one?": one parcel (its buttons' answer), or all of those offered. */
export async function stopWhich<S>(
  desk: Desk,
  ctx: FlowContext,
  state: WhichState,
  value: string,
  followChoice: FollowChoice<S>,
): Promise<Step<S | WhichState> | undefined> {
  if (state.trackingNos.includes(value)) return followChoice(value, "unfollow");
  if (value !== STOP_ALL) return undefined;
  let count = 0;
  for (const trackingNo of state.trackingNos) if (await desk.unfollow(ctx.who.chat, trackingNo)) count += 1;
  return { replies: [say(ctx.t(count > 0 ? "follow.typed.allStopped" : "follow.typed.none", { count }))] };
}
