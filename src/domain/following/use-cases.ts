import { auditEntry, customerActor, subjectOf, type UseCaseDeps } from "../desk/context";
import type { ChatRef, Language } from "../kernel/chat";
import type { ChatKey } from "../ports/following-records";
import type { ParcelView } from "../ports/records";
import { lastMovedFollowed } from "./last-moved";
import { isStaffChat } from "./push";

/**
 * Following a parcel (issue 17 §1): per chat, one tap to follow and one to stop; every scan on
 * request. Each change is one transaction with its audit row. Staff do not follow parcels as
 * customers (§5): their chats are refused.
 */
export interface FollowingDesk {
  /** The chat follows the parcel ("already": it did). Staff chats are refused. */
  follow(chat: ChatRef, language: Language, trackingNo: string): Promise<FollowOutcome>;
  /** The chat stops following the parcel; false when it did not follow it. */
  unfollow(chat: ChatRef, trackingNo: string): Promise<boolean>;
  /** Whether the chat follows the parcel, and whether it hears of every scan. */
  following(chat: ChatRef, trackingNo: string): Promise<{ everyScan: boolean } | undefined>;
  /** Every scan pushed, or only what matters; false when the chat does not follow the parcel. */
  setEveryScan(chat: ChatRef, trackingNo: string, everyScan: boolean): Promise<boolean>;
  /** The channel refused a message for good (the bot blocked, §5): the chat follows nothing more. */
  chatBlocked(chat: ChatKey, reason: string): Promise<number>;
  /** The parcels the chat follows, newest following first (a typed "stop following" names none). */
  followedBy(chat: ChatRef): Promise<string[]>;
  /** The followed parcel that moved last (last-moved.ts): what "什么时候能送到" under a push is about. */
  lastMovedFollowed(chat: ChatRef): Promise<ParcelView | undefined>;
}

type FollowOutcome = "followed" | "already" | "staff";

export async function follow(
  deps: UseCaseDeps,
  chat: ChatRef,
  language: Language,
  trackingNo: string,
): Promise<FollowOutcome> {
  if (isStaffChat(deps.directory, chat)) return "staff";
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const before = await tx.subscriptions.get(trackingNo, chat);
    await tx.subscriptions.subscribe({ trackingNo, chat, language, createdAt: now });
    if (before) return "already";
    await tx.audit.append(
      auditEntry(now, customerActor(chat), "parcel.subscribed", subjectOf.parcel(trackingNo), { language }),
    );
    return "followed";
  });
}

export async function unfollow(deps: UseCaseDeps, chat: ChatRef, trackingNo: string): Promise<boolean> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    if (!(await tx.subscriptions.get(trackingNo, chat))) return false;
    await tx.subscriptions.unsubscribe(trackingNo, chat);
    await tx.audit.append(
      auditEntry(now, customerActor(chat), "parcel.unsubscribed", subjectOf.parcel(trackingNo)),
    );
    return true;
  });
}

export async function setEveryScan(
  deps: UseCaseDeps,
  chat: ChatRef,
  trackingNo: string,
  everyScan: boolean,
): Promise<boolean> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    if (!(await tx.subscriptions.setEveryScan(trackingNo, chat, everyScan))) return false;
    await tx.audit.append(
      auditEntry(now, customerActor(chat), "parcel.following_changed", subjectOf.parcel(trackingNo), {
        everyScan,
      }),
    );
    return true;
  });
}

export async function chatBlocked(
  deps: Pick<UseCaseDeps, "store" | "clock">,
  chat: ChatKey,
  reason: string,
): Promise<number> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const dropped = await tx.subscriptions.unsubscribeChat(chat);
    if (dropped === 0) return 0;
    await tx.audit.append({
      at: now,
      actor: { kind: "system", name: "send" },
      action: "following.chat_blocked",
      subject: `chat/${chat.channel}/${chat.chatId}`,
      data: { followed: dropped, reason },
    });
    return dropped;
  });
}

export function followingDesk(deps: UseCaseDeps): FollowingDesk {
  return {
    follow: (chat, language, trackingNo) => follow(deps, chat, language, trackingNo),
    unfollow: (chat, trackingNo) => unfollow(deps, chat, trackingNo),
    async following(chat, trackingNo) {
      const found = await deps.store.subscriptions.get(trackingNo, chat);
      return found ? { everyScan: found.everyScan === true } : undefined;
    },
    setEveryScan: (chat, trackingNo, everyScan) => setEveryScan(deps, chat, trackingNo, everyScan),
    chatBlocked: (chat, reason) => chatBlocked(deps, chat, reason),
    followedBy: async (chat) => (await deps.store.subscriptions.followedBy(chat)).map((s) => s.trackingNo),
    lastMovedFollowed: (chat) => lastMovedFollowed(deps, chat),
  };
}
