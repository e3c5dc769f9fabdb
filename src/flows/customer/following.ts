import type { Desk } from "../../domain/desk/desk";
import { FOLLOW_HUMAN, KEY_ONLY, STOP_FOLLOWING } from "../../domain/following/actions";
import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import { handOver, say } from "../common";
import type { ActionHandler, FlowContext, Step } from "../types";

/**
 * The buttons on a follower's pushes (issue 17, domain/following/actions.ts), answered without a
 * session, so that a push of last week still works: stop following, only what matters, talk to a
 * person about the parcel. Customers' only (the engine refuses staff). The argument is untrusted:
 * anything but a tracking number of the network gets "this button has expired", never a throw.
 */
export function followingActions(desk: Desk): ActionHandler[] {
  const parcel = (ctx: FlowContext, arg: string): string | undefined => {
    const checked = checkTrackingNo(arg, ctx.deps.policy);
    return checked.ok ? checked.trackingNo : undefined;
  };
  const stale = (ctx: FlowContext): Step<unknown> => ({ replies: [say(ctx.t("follow.stale"))] });
  return [
    {
      name: STOP_FOLLOWING,
      customers: true,
      async run(ctx, arg) {
        const trackingNo = parcel(ctx, arg);
        if (!trackingNo) return stale(ctx);
        // Pressed twice (or after stopping from the tracking answer): says so, changes nothing.
        const stopped = await desk.unfollow(ctx.who.chat, trackingNo);
        return { replies: [say(ctx.t(stopped ? "follow.stopped" : "follow.notFollowing", { trackingNo }))] };
      },
    },
    {
      name: KEY_ONLY,
      customers: true,
      async run(ctx, arg) {
        const trackingNo = parcel(ctx, arg);
        if (!trackingNo) return stale(ctx);
        const changed = await desk.setEveryScan(ctx.who.chat, trackingNo, false);
        return {
          replies: [say(ctx.t(changed ? "follow.everyScan.off" : "follow.notFollowing", { trackingNo }))],
        };
      },
    },
    {
      name: FOLLOW_HUMAN,
      customers: true,
      async run(ctx, arg) {
        const trackingNo = parcel(ctx, arg);
        if (!trackingNo) return stale(ctx);
        return handOver([], "human", trackingNo);
      },
    },
  ];
}
