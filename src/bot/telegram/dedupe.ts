import type { Redis } from "ioredis";

/**
 * Exactly-once handling of updates by update_id, across processes and restarts: Telegram
 * redelivers an update after a webhook timeout or when polling resumes after a crash, and two
 * processes may both receive it. The first to claim it handles it; the others skip it.
 */
export interface UpdateDedupe {
  /** True when this process may handle the update; false when it is handled or in hand elsewhere. */
  claim(updateId: number): Promise<boolean>;
  /** Marks the update handled (kept for a day, far beyond Telegram's redelivery window). */
  done(updateId: number): Promise<void>;
}

export interface DedupeOptions {
  prefix?: string;
  /** How long a claim blocks others while it is handled; a crashed handler's claim lapses after it. */
  processingSeconds?: number;
  doneSeconds?: number;
}

export function redisUpdateDedupe(redis: Redis, botId: string, options: DedupeOptions = {}): UpdateDedupe {
  const prefix = options.prefix ?? "tg:update:";
  const processing = options.processingSeconds ?? 120;
  const done = options.doneSeconds ?? 86_400;
  const key = (updateId: number) => `${prefix}${botId}:${updateId}`;
  return {
    async claim(updateId) {
      return (await redis.set(key(updateId), "processing", "EX", processing, "NX")) === "OK";
    },
    async done(updateId) {
      await redis.set(key(updateId), "done", "EX", done);
    },
  };
}

/**
 * Whether a chat still shows the contact keyboard of an ask_contact (so the next reply removes
 * it). Kept in Redis: the next update of the chat may reach another process.
 */
export interface ReplyKeyboardState {
  isShown(chatId: string): Promise<boolean>;
  set(chatId: string, shown: boolean): Promise<void>;
}

export function redisReplyKeyboardState(redis: Redis, botId: string, prefix = "tg:kbd:"): ReplyKeyboardState {
  const key = (chatId: string) => `${prefix}${botId}:${chatId}`;
  return {
    async isShown(chatId) {
      return (await redis.exists(key(chatId))) === 1;
    },
    async set(chatId, shown) {
      if (shown) await redis.set(key(chatId), "1", "EX", 7 * 86_400);
      else await redis.del(key(chatId));
    },
  };
}
