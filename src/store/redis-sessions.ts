import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import type { ChatLock, SessionStore } from "../domain/ports";

/** Conversation sessions in Redis, each key expiring when the conversation goes idle. */
export function redisSessionStore(redis: Redis, prefix = "pd:"): SessionStore {
  return {
    async get(key) {
      return (await redis.get(prefix + key)) ?? undefined;
    },
    async set(key, value, ttlMs) {
      await redis.set(prefix + key, value, "PX", Math.max(1, Math.round(ttlMs)));
    },
    async delete(key) {
      await redis.del(prefix + key);
    },
  };
}

export class LockTimeoutError extends Error {
  override name = "LockTimeoutError";
}

// Deletes the lock only if we still hold it (a lock that expired may now be someone else's).
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * One holder at a time per key, across processes: SET NX PX with a token, released by a
 * compare-and-delete. The expiry bounds how long a crashed holder blocks the chat.
 */
export function redisChatLock(
  redis: Redis,
  options: { prefix?: string; holdMs?: number; waitMs?: number } = {},
): ChatLock {
  const prefix = options.prefix ?? "pd:lock:";
  const holdMs = options.holdMs ?? 60_000;
  const waitMs = options.waitMs ?? 30_000;
  return {
    async run(key, work) {
      const lockKey = prefix + key;
      const token = randomUUID();
      const deadline = Date.now() + waitMs;
      let pause = 5;
      while ((await redis.set(lockKey, token, "PX", holdMs, "NX")) !== "OK") {
        if (Date.now() > deadline) throw new LockTimeoutError(`chat ${key} stayed busy for ${waitMs} ms`);
        await sleep(pause);
        pause = Math.min(pause * 2, 100);
      }
      try {
        return await work();
      } finally {
        await redis.eval(RELEASE, 1, lockKey, token);
      }
    },
  };
}
