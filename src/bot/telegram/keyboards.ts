import type { Redis } from "ioredis";
import { type LiveMessages, redisLiveMessages } from "../live-messages";

/** The message ids of a chat whose inline keyboard is live (../live-messages.ts). */
export type LiveKeyboards = LiveMessages<number>;

/** Where a bot's live keyboards are kept, beside the reply-keyboard state of `keyboardPrefix`. */
export function liveKeyPrefix(keyboardPrefix = "tg:kbd:"): string {
  return `${keyboardPrefix}live:`;
}

export function redisLiveKeyboards(redis: Redis, botId: string, prefix = liveKeyPrefix()): LiveKeyboards {
  return redisLiveMessages(redis, `${prefix}${botId}:`, {
    max: 20,
    isValid: (id): id is number => Number.isSafeInteger(id),
  });
}
