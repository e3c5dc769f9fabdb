import type { UseCaseDeps } from "../desk/context";
import type { ChatRef } from "../kernel/chat";
import { trackParcel } from "../parcels/use-cases";
import type { ParcelView } from "../ports/records";

/**
 * A reply to a push about a followed parcel (issue 17): "您的快件 YT… 已到达…", then "什么时候能送
 * 到" with no number. The question is about the parcel the chat follows that moved last (the one
 * the last push was about): the followed parcel whose latest scan is newest. None followed (or
 * none with scans): undefined, and the customer is asked for the number.
 */

/** How many followed parcels are looked at, newest following first (a chat rarely follows more). */
const FOLLOWED_READ = 5;

export async function lastMovedFollowed(deps: UseCaseDeps, chat: ChatRef): Promise<ParcelView | undefined> {
  const followed = (await deps.store.subscriptions.followedBy(chat)).slice(0, FOLLOWED_READ);
  const views = await Promise.all(followed.map((s) => trackParcel(deps, s.trackingNo)));
  let latest: ParcelView | undefined;
  for (const view of views) {
    if (view && (!latest || view.latest.at.getTime() > latest.latest.at.getTime())) latest = view;
  }
  return latest;
}
