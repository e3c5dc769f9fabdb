import type { Redis } from "ioredis";
import { aheadValue, writeAtFinish } from "../store/redis-turn";

/**
 * The messages of a chat whose buttons are live: those the engine's last turn sent there (their
 * buttons carry the session's current offer). When the next turn of that chat answers, they lose
 * their buttons: an old step never stays live-looking (issue 14 §3). Kept in Redis (the next turn
 * may reach another process), for a week, the last `max` of them. One store for every channel;
 * each says what it keeps of a message (a Telegram message id; a Slack message with what it shows
 * without its buttons) and how to tell a stored one is well-formed.
 *
 * Inside an update's turn (src/store/redis-turn.ts, Telegram's webhook) the chat's list was read
 * ahead with the update's claim, under the chat's lock, and the new one is written with the
 * update's done mark and the lock's release: no round trip of its own (issue 15).
 */
export interface LiveMessages<T> {
  get(chatKey: string): Promise<T[]>;
  set(chatKey: string, messages: readonly T[]): Promise<void>;
}

const KEEP_MS = 7 * 86_400_000;

export function redisLiveMessages<T>(
  redis: Redis,
  keyPrefix: string,
  options: { max: number; isValid(value: unknown): value is T },
): LiveMessages<T> {
  const key = (chatKey: string) => `${keyPrefix}${chatKey}`;
  return {
    async get(chatKey) {
      const ahead = aheadValue(key(chatKey));
      const raw = ahead === undefined ? await redis.get(key(chatKey)) : ahead;
      if (!raw) return [];
      try {
        const list: unknown = JSON.parse(raw);
        return Array.isArray(list) ? list.filter(options.isValid) : [];
      } catch {
        return [];
      }
    },
    async set(chatKey, messages) {
      const value = messages.length === 0 ? null : JSON.stringify(messages.slice(-options.max));
      if (writeAtFinish(key(chatKey), value, KEEP_MS)) return;
      if (value === null) await redis.del(key(chatKey));
      else await redis.set(key(chatKey), value, "PX", KEEP_MS);
    },
  };
}
