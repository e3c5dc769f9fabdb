import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * One update's turn, so that its Redis work takes few round trips (issue 15): the channel takes
 * the chat's lock and reads the session keys ahead, in the one script that also claims the
 * update (see the Telegram de-duplication), and runs the update inside this scope. The session
 * store then answers those reads from the scope, and keeps the turn's writes back until the lock
 * is released, when writes and release go to Redis in one script, before the engine returns (so
 * before any reply is sent: commit-before-reply holds).
 *
 * Everything is by full Redis key: an adapter whose keys differ (another prefix) simply finds
 * nothing here and talks to Redis as before.
 */
export interface TurnScope {
  /** Values read ahead under the lock (null: no such key), by Redis key; dropped at its release. */
  values: Map<string, string | null>;
  /** The channel's own state read ahead with the claim (e.g. the chat's reply keyboard). */
  ahead: Map<string, string | null>;
  /** The chat lock taken ahead: adopted by the session adapter's first run() of that key. */
  lock?: { key: string; token: string; state: "held" | "adopted" | "released" };
  /** Writes kept back while the adopted lock is held, in order; flushed with its release. */
  writes: TurnWrite[];
}

export type TurnWrite = { key: string; value: string; ttlMs: number } | { key: string; value: null };

const scopes = new AsyncLocalStorage<TurnScope>();

export function newTurnScope(): TurnScope {
  return { values: new Map(), ahead: new Map(), writes: [] };
}

/** Runs `work` (an update's handling) in `scope`. */
export function runInTurn<T>(scope: TurnScope, work: () => Promise<T>): Promise<T> {
  return scopes.run(scope, work);
}

/** The turn being handled here, if any. */
export function currentTurn(): TurnScope | undefined {
  return scopes.getStore();
}

/**
 * Applies `writes`, then deletes `lockKey` if it still holds `token`: one round trip.
 * KEYS: the lock, then one per write. ARGV: the token, then per write its value and TTL in ms
 * (an empty value with TTL "del" deletes).
 */
export const FLUSH_AND_RELEASE = `
for i = 2, #KEYS do
  local value = ARGV[(i - 1) * 2]
  local ttl = ARGV[(i - 1) * 2 + 1]
  if ttl == "del" then
    redis.call("del", KEYS[i])
  else
    redis.call("set", KEYS[i], value, "PX", ttl)
  end
end
if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
end
return 0`;

/** The KEYS and ARGV of FLUSH_AND_RELEASE. */
export function flushArgs(lockKey: string, token: string, writes: readonly TurnWrite[]) {
  const keys = [lockKey];
  const argv = [token];
  for (const w of writes) {
    keys.push(w.key);
    if (w.value === null) argv.push("", "del");
    else argv.push(w.value, String(Math.max(1, Math.round(w.ttlMs))));
  }
  return { keys, argv };
}

const shas = new Map<string, string>();

/** Runs a Lua script by its SHA (sent whole only the first time the server sees it). */
export async function runScript(
  redis: Redis,
  script: string,
  keys: readonly string[],
  argv: readonly (string | number)[],
): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash("sha1").update(script).digest("hex");
    shas.set(script, sha);
  }
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...argv);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return redis.eval(script, keys.length, ...keys, ...argv);
  }
}
