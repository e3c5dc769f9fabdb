import type { AuditLog, SubscriptionRepository } from "../../../src/domain/ports";
import { DEFAULT_LIST_LIMIT } from "../../../src/store/db";
import type { MemoryDb } from "./parcel-repositories";
import { asJson, chatColumns, copy, limited, sorted } from "./tables";

// Claims: claims-complaints.ts (issue 12).

/** The subscriptions' primary key: parcel, channel and chat (not the user). */
function subscriptionKey(trackingNo: string, chat: { channel: string; chatId: string }): string {
  return `${trackingNo}\u0000${chat.channel}\u0000${chat.chatId}`;
}

/** The first three methods; following.ts adds issue 17's (every scan, batches, blocked chats). */
export function subscriptionRepository(
  db: MemoryDb,
): Pick<SubscriptionRepository, "subscribe" | "unsubscribe" | "subscribers"> {
  return {
    async subscribe(subscription) {
      // Idempotent: following again keeps the first createdAt and takes the new language and user.
      const key = subscriptionKey(subscription.trackingNo, subscription.chat);
      const before = db.draft.read("subscriptions").get(key);
      db.draft.write("subscriptions").set(
        key,
        copy({
          trackingNo: subscription.trackingNo,
          chat: chatColumns(subscription.chat),
          language: subscription.language,
          createdAt: before ? before.createdAt : subscription.createdAt,
        }),
      );
    },

    async unsubscribe(trackingNo, chat) {
      const key = subscriptionKey(trackingNo, chat);
      if (db.draft.read("subscriptions").has(key)) db.draft.write("subscriptions").delete(key);
    },

    async subscribers(trackingNo) {
      const mine = [...db.draft.read("subscriptions").values()].filter((s) => s.trackingNo === trackingNo);
      return sorted(
        mine,
        { by: (s) => s.createdAt.getTime() },
        { by: (s) => s.chat.channel },
        { by: (s) => s.chat.chatId },
      ).map(copy);
    },
  };
}

/** Append-only: there is no way here to change or remove an entry, and what is read is a copy. */
export function auditLog(db: MemoryDb): AuditLog {
  return {
    async append(entry) {
      const id = db.nextSerial();
      db.draft.write("auditLog").set(
        id,
        copy({
          id,
          at: entry.at,
          actor: asJson(entry.actor),
          action: entry.action,
          subject: entry.subject,
          data: asJson(entry.data),
        }),
      );
    },

    /** Newest first. */
    async list(filter) {
      const rows = [...db.draft.read("auditLog").values()].filter(
        (e) => filter.subject === undefined || e.subject === filter.subject,
      );
      const newest = sorted(rows, { by: (e) => e.id, desc: true });
      return limited(newest, filter.limit ?? DEFAULT_LIST_LIMIT).map((e) => ({
        ...copy(e),
        id: String(e.id),
      }));
    },
  };
}
