import type { Redis } from "ioredis";
import type { Channel } from "../domain/kernel/chat";
import type { SentMessageRef } from "../domain/ports/channel-sender";

/**
 * Where the messages of a card (Notice.cardKey) were sent, so that its buttons can be taken away
 * once its step is over (issue 14 §3). Redis, per channel and card: a sorted set of
 * `<chatId>/<messageId>` scored by when its send job was enqueued, and the time the card was last
 * retired. Both expire after a few days: Telegram lets a bot edit only recent messages anyway.
 * Times are enqueue times (BullMQ's job.timestamp), so that a retirement reaches exactly the
 * messages asked for before it, whatever order the workers run them in.
 */
export const CARD_TTL_MS = 3 * 24 * 3600 * 1000;

export interface CardRecords {
  record(
    channel: Channel,
    cardKey: string,
    sent: readonly SentMessageRef[],
    enqueuedAt: number,
  ): Promise<void>;
  /** When the card was last retired (the enqueue time of that retirement), if it was. */
  retiredAt(channel: Channel, cardKey: string): Promise<number | undefined>;
  /** Marks the card retired at `at`; returns its messages enqueued before `at`. */
  retire(channel: Channel, cardKey: string, at: number): Promise<SentMessageRef[]>;
  /** A message whose buttons are gone (or cannot be changed any more). */
  forget(channel: Channel, cardKey: string, sent: SentMessageRef): Promise<void>;
}

export function redisCardRecords(redis: Redis, prefix: string): CardRecords {
  const sentKey = (channel: Channel, cardKey: string) => `${prefix}:cards:${channel}:${cardKey}`;
  const retiredKey = (channel: Channel, cardKey: string) => `${prefix}:cards-retired:${channel}:${cardKey}`;
  const member = (sent: SentMessageRef) => `${sent.chatId}/${sent.messageId}`;
  return {
    async record(channel, cardKey, sent, enqueuedAt) {
      if (sent.length === 0) return;
      const key = sentKey(channel, cardKey);
      const multi = redis.multi();
      for (const ref of sent) multi.zadd(key, enqueuedAt, member(ref));
      await multi.pexpire(key, CARD_TTL_MS).exec();
    },
    async retiredAt(channel, cardKey) {
      const value = await redis.get(retiredKey(channel, cardKey));
      return value === null ? undefined : Number(value);
    },
    async retire(channel, cardKey, at) {
      const previous = await this.retiredAt(channel, cardKey);
      if (previous === undefined || previous < at) {
        await redis.set(retiredKey(channel, cardKey), String(at), "PX", CARD_TTL_MS);
      }
      const members = await redis.zrangebyscore(sentKey(channel, cardKey), "-inf", `(${at}`);
      return members.flatMap((m) => {
        const cut = m.lastIndexOf("/");
        return cut > 0 ? [{ chatId: m.slice(0, cut), messageId: m.slice(cut + 1) }] : [];
      });
    },
    async forget(channel, cardKey, sent) {
      await redis.zrem(sentKey(channel, cardKey), member(sent));
    },
  };
}
