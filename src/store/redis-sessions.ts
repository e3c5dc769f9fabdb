import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import type { ChatLock, SessionStore } from "../domain/ports";
import {
  currentTurn,
  FLUSH,
  FLUSH_AND_RELEASE,
  flushArgs,
  runInTurn,
  runScript,
  type TurnScope,
  writeArgs,
} from "./redis-turn";

/** Where sessions and chat locks live by default (a channel reading a turn ahead uses the same). */
export const SESSION_PREFIX = "pd:";
export const LOCK_PREFIX = "pd:lock:";
export const LOCK_HOLD_MS = 60_000;

/**
 * Conversation sessions in Redis, each key expiring when the conversation goes idle. Inside a
 * turn (redis-turn.ts) reads are answered from what was read ahead under the chat's lock, and
 * writes wait for the lock's release, which sends them in the same round trip.
 */
export function redisSessionStore(redis: Redis, prefix = SESSION_PREFIX): SessionStore {
  const write = async (key: string, value: string | null, ttlMs: number) => {
    const turn = currentTurn();
    if (turn?.lock?.state === "adopted") {
      turn.writes.push(value === null ? { key, value } : { key, value, ttlMs });
      turn.values.set(key, value);
    } else if (value === null) {
      await redis.del(key);
    } else {
      await redis.set(key, value, "PX", Math.max(1, Math.round(ttlMs)));
    }
  };
  return {
    async get(key) {
      const turn = currentTurn();
      const full = prefix + key;
      if (turn?.values.has(full)) return turn.values.get(full) ?? undefined;
      return (await redis.get(full)) ?? undefined;
    },
    set: (key, value, ttlMs) => write(prefix + key, value, ttlMs),
    delete: (key) => write(prefix + key, null, 0),
  };
}

export class LockTimeoutError extends Error {
  override name = "LockTimeoutError";
}

/**
 * One holder at a time per key, across processes: SET NX PX with a token, released by a
 * compare-and-delete. The expiry bounds how long a crashed holder blocks the chat. The session
 * writes of the work go with the release, in one script, before run() returns. Inside a
 * channel's turn (redis-turn.ts) a lock the channel took ahead is adopted instead of taken again,
 * and the lock stays held after run() (its writes sent) until the channel has sent the replies
 * and releases it with the update's done mark.
 */
export function redisChatLock(
  redis: Redis,
  options: { prefix?: string; holdMs?: number; waitMs?: number } = {},
): ChatLock {
  const prefix = options.prefix ?? LOCK_PREFIX;
  const holdMs = options.holdMs ?? LOCK_HOLD_MS;
  const waitMs = options.waitMs ?? 30_000;

  const acquire = async (key: string, token: string) => {
    const deadline = Date.now() + waitMs;
    let pause = 5;
    while ((await redis.set(key, token, "PX", holdMs, "NX")) !== "OK") {
      if (Date.now() > deadline) throw new LockTimeoutError(`chat ${key} stayed busy for ${waitMs} ms`);
      await sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
  };

  return {
    async run(key, work) {
      const lockKey = prefix + key;
      const outer = currentTurn();
      const { scope, token, channelTurn } = await enter(outer, lockKey);
      const lock = { key: lockKey, token, state: "adopted" as const };
      scope.lock = lock;
      try {
        return await runInTurn(scope, work);
      } finally {
        const writes = scope.writes.splice(0);
        scope.values.clear();
        if (channelTurn) {
          // The channel's turn releases the lock once its replies are sent (redis-turn.ts): the
          // writes go now, before the engine returns and so before any reply (commit-before-reply).
          scope.lock = { ...lock, state: "kept" };
          if (writes.length > 0) {
            const flush = writeArgs(writes);
            await runScript(redis, FLUSH, flush.keys, flush.argv);
          }
        } else {
          scope.lock = { ...lock, state: "released" };
          const { keys, argv } = flushArgs(lockKey, token, writes);
          await runScript(redis, FLUSH_AND_RELEASE, keys, argv);
        }
      }
    },
  };

  /**
   * The scope a step runs in: a channel's turn (one with `after`) whose lock is this one, or
   * that has none yet, holds it itself (taken ahead, or now) until the update is done; otherwise
   * a scope of the step's own, released when the step ends.
   */
  async function enter(outer: TurnScope | undefined, lockKey: string) {
    const own = outer?.lock;
    if (own?.key === lockKey && (own.state === "held" || own.state === "kept")) {
      return { scope: outer as TurnScope, token: own.token, channelTurn: true };
    }
    const token = randomUUID();
    await acquire(lockKey, token);
    if (outer?.after && (!own || own.state === "released")) {
      return { scope: outer, token, channelTurn: true };
    }
    const scope: TurnScope = { values: new Map(), ahead: outer?.ahead ?? new Map(), writes: [] };
    if (outer?.after) scope.after = outer.after;
    return { scope, token, channelTurn: false };
  }
}
