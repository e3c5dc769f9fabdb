import type { Redis } from "ioredis";

/**
 * The messages of a chat whose inline keyboard is live: those the engine's last turn sent there
 * (their buttons carry the session's current offer). When the next turn of that chat answers (a
 * press or typed text moves the conversation on), they are removed: an old keyboard never stays
 * live-looking (issue 14 §3). Kept in Redis: the next update of the chat may reach another process.
 */
export interface LiveKeyboards {
  get(chatId: string): Promise<number[]>;
  set(chatId: string, messageIds: readonly number[]): Promise<void>;
}

const KEEP_SECONDS = 7 * 86_400;

export function redisLiveKeyboards(redis: Redis, botId: string, prefix = "tg:live:"): LiveKeyboards {
  const key = (chatId: string) => `${prefix}${botId}:${chatId}`;
  return {
    async get(chatId) {
      const raw = await redis.get(key(chatId));
      if (!raw) return [];
      try {
        const ids: unknown = JSON.parse(raw);
        return Array.isArray(ids) ? ids.filter((id): id is number => Number.isSafeInteger(id)) : [];
      } catch {
        return [];
      }
    },
    async set(chatId, messageIds) {
      if (messageIds.length === 0) await redis.del(key(chatId));
      else await redis.set(key(chatId), JSON.stringify(messageIds.slice(-20)), "EX", KEEP_SECONDS);
    },
  };
}
