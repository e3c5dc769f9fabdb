import type { Desk, ParcelView } from "../../domain/desk/desk";
import type { ChatRef } from "../../domain/kernel/chat";

/**
 * A reply to a push about a followed parcel (issue 17): "您的快件 YT… 已到达…", then "什么时候能送
 * 到" with no number. The question is about the parcel the chat follows that moved last (the
 * one the last push was about), answered like the number typed, and from there on a reply to
 * that answer is about it too (track.ts). A chat that follows nothing is asked for the number.
 */

/** Behind a NUL, which nothing a user types can carry (the engine strips control characters). */
export const FOLLOWED_ARGS = "\u0000followed";

/** How many followed parcels are looked at, newest following first (a chat rarely follows more). */
const FOLLOWED_READ = 5;

/** The followed parcel whose latest scan is newest; none followed (or none with scans): undefined. */
export async function lastMovedFollowed(desk: Desk, chat: ChatRef): Promise<ParcelView | undefined> {
  const followed = (await desk.followedBy(chat)).slice(0, FOLLOWED_READ);
  if (followed.length === 0) return undefined;
  const views = await Promise.all(followed.map((trackingNo) => desk.trackParcel(trackingNo)));
  let latest: ParcelView | undefined;
  for (const view of views) {
    if (view && (!latest || view.latest.at.getTime() > latest.latest.at.getTime())) latest = view;
  }
  return latest;
}
