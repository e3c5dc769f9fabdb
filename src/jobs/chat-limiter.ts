import type { Redis } from "ioredis";

/**
 * A per-chat rate limit shared by every process (Telegram: 1 message/s to a private chat,
 * 20/min to a group; Slack: about 1/s per channel). One Lua script decides atomically on
 * Redis's own clock (no skew between worker machines), GCRA with a burst of one:
 *
 *   t  the earliest instant the chat may receive its next message
 *   b  the next free slot handed out to messages that had to wait
 *
 * A message arriving at or after `t` goes now and pushes `t` one interval on. A message arriving
 * earlier is given the slot `max(b, t)` and `b` moves one interval on, so messages waiting for
 * one chat line up one interval apart instead of all waking at the same instant. A message that
 * comes back at its slot is still checked against `t` (the slot is a hint, never a pass), so
 * the gap between two sends to one chat is never shorter than the interval.
 */
const GCRA = `
local interval = tonumber(ARGV[1])
local now_parts = redis.call("TIME")
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local state = redis.call("HMGET", KEYS[1], "t", "b")
local t = tonumber(state[1]) or 0
local b = tonumber(state[2]) or 0
if now >= t then
  t = now + interval
  redis.call("HSET", KEYS[1], "t", t)
  redis.call("PEXPIRE", KEYS[1], math.max(t, b) - now + interval)
  return 0
end
local slot = math.max(t, b)
redis.call("HSET", KEYS[1], "b", slot + interval)
redis.call("PEXPIRE", KEYS[1], slot + 2 * interval - now)
return slot - now
`;

export interface ChatLimiter {
  /**
   * Takes the chat's slot now and answers 0, or answers how many ms to wait for a slot (nothing
   * taken: ask again then).
   */
  acquire(key: string, intervalMs: number): Promise<number>;
}

export function redisChatLimiter(redis: Redis, keyPrefix: string): ChatLimiter {
  return {
    async acquire(key, intervalMs) {
      if (intervalMs <= 0) return 0;
      const wait = await redis.eval(GCRA, 1, `${keyPrefix}${key}`, Math.ceil(intervalMs));
      return Number(wait);
    },
  };
}
