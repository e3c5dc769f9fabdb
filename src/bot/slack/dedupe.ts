import type { Redis } from "ioredis";

/**
 * Each Events API event handled once, across processes and restarts: Slack retries an event
 * (X-Slack-Retry-Num 1, 2, 3) when no answer came within three seconds, and two processes behind a
 * load balancer may get the same one. The first to claim its event_id handles it; the others skip
 * it. The same scheme as Telegram's update de-duplication (src/bot/telegram/dedupe.ts), keyed by
 * Slack's string ids.
 */
export interface EventDedupe {
  /** True when this process may handle the event; false when it is handled or in hand elsewhere. */
  claim(eventId: string): Promise<boolean>;
  /** Marks it handled (kept a day, far beyond Slack's retries, which stop after about an hour). */
  done(eventId: string): Promise<void>;
}

export function redisEventDedupe(redis: Redis, appKey: string, prefix = "slack:event:"): EventDedupe {
  const key = (eventId: string) => `${prefix}${appKey}:${eventId}`;
  return {
    async claim(eventId) {
      return (await redis.set(key(eventId), "processing", "EX", 120, "NX")) === "OK";
    },
    async done(eventId) {
      await redis.set(key(eventId), "done", "EX", 86_400);
    },
  };
}
