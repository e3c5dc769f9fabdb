import type { SubscriptionRepository } from "../../../src/domain/ports";
import type { FollowingRepository, ParcelPush } from "../../../src/domain/ports/following-records";
import type { Subscription } from "../../../src/domain/ports/records";
import { subscriptionRepository } from "./claims-subscriptions-audit";
import type { MemoryDb } from "./parcel-repositories";
import { chatColumns, copy, limited, sorted } from "./tables";

/**
 * Issue 17 in memory: the subscriptions' following (every scan, a whole batch's followers, a chat
 * that blocked the bot) on top of claims-subscriptions-audit.ts's subscriptions, and the pushes
 * (parcel_pushes), as the SQL store keeps them (src/store/subscription-repository.ts,
 * following-repository.ts).
 */

function subscriptionKey(trackingNo: string, chat: { channel: string; chatId: string }): string {
  return `${trackingNo}\u0000${chat.channel}\u0000${chat.chatId}`;
}

/** As the SQL store reads it back: the flag only on a chat that asked for every scan. */
function withEveryScan(s: Subscription): Subscription {
  const { everyScan, ...rest } = s;
  return copy(everyScan === true ? { ...rest, everyScan: true } : rest);
}

export function followingSubscriptionRepository(db: MemoryDb): SubscriptionRepository {
  const base = subscriptionRepository(db);
  const byOrder = (rows: Subscription[]) =>
    sorted(
      rows,
      { by: (s) => s.createdAt.getTime() },
      { by: (s) => s.chat.channel },
      { by: (s) => s.chat.chatId },
    ).map(withEveryScan);
  return {
    ...base,
    async subscribe(subscription) {
      const key = subscriptionKey(subscription.trackingNo, subscription.chat);
      const before = db.draft.read("subscriptions").get(key);
      // Following again takes the new language and user, keeps createdAt and the every-scan choice.
      db.draft.write("subscriptions").set(
        key,
        copy({
          trackingNo: subscription.trackingNo,
          chat: chatColumns(subscription.chat),
          language: subscription.language,
          createdAt: before ? before.createdAt : subscription.createdAt,
          ...((before ? before.everyScan : subscription.everyScan) === true ? { everyScan: true } : {}),
        }),
      );
    },
    async subscribers(trackingNo) {
      return byOrder([...db.draft.read("subscriptions").values()].filter((s) => s.trackingNo === trackingNo));
    },
    async get(trackingNo, chat) {
      const found = db.draft.read("subscriptions").get(subscriptionKey(trackingNo, chat));
      return found && withEveryScan(found);
    },
    async setEveryScan(trackingNo, chat, everyScan) {
      const key = subscriptionKey(trackingNo, chat);
      const found = db.draft.read("subscriptions").get(key);
      if (!found) return false;
      db.draft.write("subscriptions").set(key, withEveryScan({ ...found, everyScan }));
      return true;
    },
    async subscribersOf(trackingNos) {
      const wanted = new Set(trackingNos);
      const rows = [...db.draft.read("subscriptions").values()].filter((s) => wanted.has(s.trackingNo));
      return sorted(
        rows,
        { by: (s) => s.trackingNo },
        { by: (s) => s.createdAt.getTime() },
        { by: (s) => s.chat.channel },
        { by: (s) => s.chat.chatId },
      ).map(withEveryScan);
    },
    async followedBy(chat) {
      const mine = [...db.draft.read("subscriptions").values()].filter(
        (s) => s.chat.channel === chat.channel && s.chat.chatId === chat.chatId,
      );
      return sorted(mine, { by: (s) => s.createdAt.getTime(), desc: true }, { by: (s) => s.trackingNo }).map(
        withEveryScan,
      );
    },
    async unsubscribeChat(chat) {
      const mine = [...db.draft.read("subscriptions").entries()].filter(
        ([, s]) => s.chat.channel === chat.channel && s.chat.chatId === chat.chatId,
      );
      if (mine.length === 0) return 0;
      const table = db.draft.write("subscriptions");
      for (const [key] of mine) table.delete(key);
      return mine.length;
    },
  };
}

const pushKey = (p: Pick<ParcelPush, "trackingNo" | "status">) => `${p.trackingNo}\u0000${p.status}`;

export function followingRepository(db: MemoryDb): FollowingRepository {
  const record = async (pushes: readonly ParcelPush[]): Promise<ParcelPush[]> => {
    const out: ParcelPush[] = [];
    for (const push of pushes) {
      const key = pushKey(push);
      if (db.draft.read("parcelPushes").has(key)) continue;
      db.draft.write("parcelPushes").set(key, copy(push));
      out.push(copy(push));
    }
    return out;
  };
  return {
    record,

    async recordFollowed(pushes) {
      const subscriptions = [...db.draft.read("subscriptions").values()];
      const recorded = [...db.draft.read("parcelPushes").values()];
      const followed = pushes.filter(
        (p) =>
          subscriptions.some(
            (s) => s.trackingNo === p.trackingNo && (!p.everyScanOnly || s.everyScan === true),
          ) &&
          // A scan that reaches us late (older than a status already recorded) is stale.
          !recorded.some((r) => r.trackingNo === p.trackingNo && r.at.getTime() > p.at.getTime()),
      );
      return record(followed.map(({ everyScanOnly: _, ...push }) => push));
    },

    async takeDue(now, limit) {
      const due = [...db.draft.read("parcelPushes").values()].filter(
        (p) => p.sentAt === null && p.dueAt.getTime() <= now.getTime(),
      );
      const taken = limited(
        sorted(due, { by: (p) => p.dueAt.getTime() }, { by: (p) => p.trackingNo }, { by: (p) => p.status }),
        limit,
      );
      if (taken.length === 0) return [];
      const table = db.draft.write("parcelPushes");
      const out = taken.map((p) => ({ ...p, sentAt: new Date(now) }));
      for (const p of out) table.set(pushKey(p), copy(p));
      return sorted(out, { by: (p) => p.dueAt.getTime() }, { by: (p) => p.at.getTime() }).map(copy);
    },

    async release(pushes, takenAt) {
      const table = db.draft.write("parcelPushes");
      for (const p of pushes) {
        const row = table.get(pushKey(p));
        if (row && row.sentAt?.getTime() === takenAt.getTime())
          table.set(pushKey(p), { ...row, sentAt: null });
      }
    },

    async waitingDueTimes(limit) {
      const times = new Set<number>();
      for (const p of db.draft.read("parcelPushes").values())
        if (p.sentAt === null) times.add(p.dueAt.getTime());
      return limited(
        [...times].sort((a, b) => a - b),
        limit,
      ).map((t) => new Date(t));
    },

    async figures(since) {
      const at = since.getTime();
      const pushes = [...db.draft.read("parcelPushes").values()];
      const scans = [...db.draft.read("scans").values()].filter((s) => s.receivedAt.getTime() >= at);
      const queries = [...db.draft.read("queries").values()].filter(
        (q) => q.kind === "customer" && q.createdAt.getTime() >= at,
      );
      const chats = new Set(
        [...db.draft.read("subscriptions").values()].map((s) => `${s.chat.channel}\u0000${s.chat.chatId}`),
      );
      return {
        pushesSent: pushes.filter((p) => !p.silent && p.sentAt !== null && p.sentAt.getTime() >= at).length,
        pushesHeld: pushes.filter((p) => p.held && p.recordedAt.getTime() >= at).length,
        pushesWaiting: pushes.filter((p) => p.sentAt === null).length,
        queriesOpened: queries.length,
        parcelsTracked: new Set(scans.map((s) => s.trackingNo)).size,
        followingChats: chats.size,
      };
    },
  };
}
