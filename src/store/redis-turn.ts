import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * One update's turn, so that its Redis work takes few round trips (issue 15): the channel takes
 * the chat's lock and reads the session keys ahead, in the one script that also claims the
 * update (see the Telegram de-duplication), and runs the update inside this scope. The session
 * store then answers those reads from the scope, and keeps the turn's writes back until the
 * engine's step ends, when they go to Redis in one script, before the engine returns (so before
 * any reply is sent: commit-before-reply holds).
 *
 * A channel's turn (one with `after`) keeps the chat's lock until its replies are sent: the
 * channel's own state about them (which messages carry live buttons, whether a reply keyboard is
 * shown) is read ahead under the lock and written back with the update's done mark and the
 * lock's release, in one script (dedupe.ts FINISH). So two updates of one chat never interleave,
 * their replies included. Replies that outlast the lock's hold (LOCK_HOLD_MS, e.g. long 429 waits)
 * let it lapse as a crashed holder's does; the release is by token, so it never frees another's.
 *
 * Everything is by full Redis key: an adapter whose keys differ (another prefix) simply finds
 * nothing here and talks to Redis as before.
 */
export interface TurnScope {
  /** Values read ahead under the lock (null: no such key), by Redis key; dropped when the step ends. */
  values: Map<string, string | null>;
  /** The channel's own state read ahead with the claim (and as written since), by Redis key. */
  ahead: Map<string, string | null>;
  /**
   * The chat's lock: "held" taken ahead and not used yet, "adopted" by the engine's step, "kept"
   * after the step (the channel releases it when the replies are sent), "released".
   */
  lock?: { key: string; token: string; state: "held" | "adopted" | "kept" | "released" };
  /** Writes kept back while the adopted lock is held, in order; flushed when the step ends. */
  writes: TurnWrite[];
  /** A channel's turn: its own state's writes, in order, flushed when the update is done. */
  after?: TurnWrite[];
}

export type TurnWrite = { key: string; value: string; ttlMs: number } | { key: string; value: null };

const scopes = new AsyncLocalStorage<TurnScope>();

/** A channel's turn for one update (its lock, if any, is released with the update's done mark). */
export function newTurnScope(): TurnScope {
  return { values: new Map(), ahead: new Map(), writes: [], after: [] };
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
 * What the turn read ahead or wrote for the finish under `key`: a string, null (no such key), or
 * undefined when the turn knows nothing of it (ask Redis).
 */
export function aheadValue(key: string): string | null | undefined {
  const ahead = currentTurn()?.ahead;
  return ahead?.has(key) ? (ahead.get(key) ?? null) : undefined;
}

/**
 * In a channel's turn, keeps a write of the channel's own state for the update's finish (and
 * answers later reads of the turn with it): true. Outside one, false: write it now.
 */
export function writeAtFinish(key: string, value: string | null, ttlMs: number): boolean {
  const turn = currentTurn();
  if (!turn?.after) return false;
  turn.after.push(value === null ? { key, value } : { key, value, ttlMs });
  turn.ahead.set(key, value);
  return true;
}

/** Lua: applies the writes of KEYS[from..] (ARGV pairs from ARGV[argFrom]: value, TTL ms or "del"). */
export function applyWritesLua(from: number, argFrom: number): string {
  return `
for i = ${from}, #KEYS do
  local value = ARGV[${argFrom} + (i - ${from}) * 2]
  local ttl = ARGV[${argFrom} + (i - ${from}) * 2 + 1]
  if ttl == "del" then
    redis.call("del", KEYS[i])
  else
    redis.call("set", KEYS[i], value, "PX", ttl)
  end
end`;
}

/** The KEYS and ARGV pairs of applyWritesLua for `writes`. */
export function writeArgs(writes: readonly TurnWrite[]): { keys: string[]; argv: string[] } {
  const keys: string[] = [];
  const argv: string[] = [];
  for (const w of writes) {
    keys.push(w.key);
    if (w.value === null) argv.push("", "del");
    else argv.push(w.value, String(Math.max(1, Math.round(w.ttlMs))));
  }
  return { keys, argv };
}

/** Applies `writes`, the lock kept (a channel's turn releases it later): one round trip. */
export const FLUSH = applyWritesLua(1, 1);

/**
 * Applies `writes`, then deletes `lockKey` if it still holds `token`: one round trip.
 * KEYS: the lock, then one per write. ARGV: the token, then per write its value and TTL in ms
 * (an empty value with TTL "del" deletes).
 */
export const FLUSH_AND_RELEASE = `${applyWritesLua(2, 2)}
if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
end
return 0`;

/** The KEYS and ARGV of FLUSH_AND_RELEASE. */
export function flushArgs(lockKey: string, token: string, writes: readonly TurnWrite[]) {
  const { keys, argv } = writeArgs(writes);
  return { keys: [lockKey, ...keys], argv: [token, ...argv] };
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
