import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { LOCK_HOLD_MS, LOCK_PREFIX, SESSION_PREFIX } from "../../store/redis-sessions";
import { currentTurn, newTurnScope, runScript, type TurnScope } from "../../store/redis-turn";
import { FLOOD_COUNTED } from "../flood-budget";

/**
 * Exactly-once handling of updates by update_id, across processes and restarts: Telegram
 * redelivers an update after a webhook timeout or when polling resumes after a crash, and two
 * processes may both receive it. The first to claim it handles it; the others skip it.
 */
export interface UpdateDedupe {
  /** True when this process may handle the update; false when it is handled or in hand elsewhere. */
  claim(updateId: number): Promise<boolean>;
  /** Marks the update handled (kept DONE_SECONDS, beyond the window in which Telegram redelivers). */
  done(updateId: number): Promise<void>;
  /**
   * claim(), and when it is ours, in the same round trip: the chat's lock and the turn's first
   * reads (the engine's turnKeys) and the chat's keyboard state. The TurnScope to handle the
   * update in (redis-turn.ts), or undefined when it is not ours.
   */
  begin(updateId: number, turn?: TurnAhead): Promise<TurnScope | undefined>;
  /** done(), and the release of a lock begin() took that the turn never used (one round trip). */
  finish(updateId: number, scope: TurnScope): Promise<void>;
  /** Gives the claim up, unhandled (an outage cut the turn short): a redelivery is handled. */
  release(updateId: number, scope: TurnScope): Promise<void>;
}

/** What begin() takes and reads ahead, in the engine's and the channel's key names. */
export interface TurnAhead {
  chatId: string;
  /** The engine's lock key and session-store keys (turnKeys). */
  lock: string;
  reads: readonly string[];
  /** The chat's flood counter for this window (flood-budget.ts floodKey) and the window's length. */
  flood?: { key: string; windowMs: number };
}

export interface DedupeOptions {
  prefix?: string;
  /** How long a claim blocks others while it is handled; a crashed handler's claim lapses after it. */
  processingSeconds?: number;
  doneSeconds?: number;
  /** Where the engine's sessions and locks are (redis-sessions.ts), for begin()'s reads ahead. */
  sessionPrefix?: string;
  lockPrefix?: string;
  keyboardPrefix?: string;
}

/**
 * How long a handled update's id is remembered: Telegram redelivers a webhook update only while
 * our answer is missing (a lost response, a timeout: retried within minutes), and a polled one
 * when polling resumes after a crash. Two hours covers both with room; a day's worth of keys
 * (what this was) costs Redis memory for nothing at a busy desk.
 */
export const DONE_SECONDS = 2 * 3600;

// KEYS: the update, [the chat's flood counter, the lock, the reads under it…, the reads ahead…].
// ARGV: processing seconds, [flood window ms (0: no counter; KEYS[2] is then unused), token, hold ms]. Answers nil (not ours), or
// {1, flood count, locked, values…}. The flood count (flood-budget.ts) costs no round trip here.
const BEGIN = `
if not redis.call("set", KEYS[1], "processing", "EX", ARGV[1], "NX") then return nil end
if #KEYS == 1 then return {1, 0, 0} end
local count = 0
if ARGV[2] ~= "0" then
  count = redis.call("incr", KEYS[2])
  if count == 1 then redis.call("pexpire", KEYS[2], ARGV[2]) end
end
if not redis.call("set", KEYS[3], ARGV[3], "PX", ARGV[4], "NX") then return {1, count, 0} end
local out = {1, count, 1}
for i = 4, #KEYS do out[#out + 1] = redis.call("get", KEYS[i]) end
return out`;

// KEYS: the update, [a lock never used]. ARGV: [its token]. Gives a claim up (a turn cut short
// by an outage), so that the update Telegram sends again is handled, not skipped as a duplicate.
const RELEASE = `
if redis.call("get", KEYS[1]) == "processing" then redis.call("del", KEYS[1]) end
if #KEYS > 1 and redis.call("get", KEYS[2]) == ARGV[1] then redis.call("del", KEYS[2]) end
return 1`;

// KEYS: the update, [a lock never used]. ARGV: done seconds, [its token].
const FINISH = `
redis.call("set", KEYS[1], "done", "EX", ARGV[1])
if #KEYS > 1 and redis.call("get", KEYS[2]) == ARGV[2] then redis.call("del", KEYS[2]) end
return 1`;

export function redisUpdateDedupe(redis: Redis, botId: string, options: DedupeOptions = {}): UpdateDedupe {
  const prefix = options.prefix ?? "tg:update:";
  const processing = options.processingSeconds ?? 120;
  const done = options.doneSeconds ?? DONE_SECONDS;
  const sessionPrefix = options.sessionPrefix ?? SESSION_PREFIX;
  const lockPrefix = options.lockPrefix ?? LOCK_PREFIX;
  const keyboardKey = keyboardKeyOf(botId, options.keyboardPrefix);
  const key = (updateId: number) => `${prefix}${botId}:${updateId}`;

  return {
    async claim(updateId) {
      return (await redis.set(key(updateId), "processing", "EX", processing, "NX")) === "OK";
    },
    async done(updateId) {
      await redis.set(key(updateId), "done", "EX", done);
    },
    async begin(updateId, turn) {
      if (!turn) return (await this.claim(updateId)) ? newTurnScope() : undefined;
      const token = randomUUID();
      const lockKey = lockPrefix + turn.lock;
      const under = turn.reads.map((k) => sessionPrefix + k);
      const ahead = [keyboardKey(turn.chatId)];
      const answer = (await runScript(
        redis,
        BEGIN,
        [key(updateId), turn.flood?.key ?? key(updateId), lockKey, ...under, ...ahead],
        [processing, turn.flood?.windowMs ?? 0, token, LOCK_HOLD_MS],
      )) as (number | string | null)[] | null;
      if (!answer) return undefined;
      const scope = newTurnScope();
      if (turn.flood) scope.ahead.set(FLOOD_COUNTED, String(answer[1]));
      if (answer[2] !== 1) return scope;
      scope.lock = { key: lockKey, token, state: "held" };
      const value = (i: number) => (answer[3 + i] as string | null | undefined) ?? null;
      for (const [i, k] of under.entries()) scope.values.set(k, value(i));
      for (const [i, k] of ahead.entries()) scope.ahead.set(k, value(under.length + i));
      return scope;
    },
    async finish(updateId, scope) {
      const unused = scope.lock?.state === "held" ? scope.lock : undefined;
      await runScript(redis, FINISH, unused ? [key(updateId), unused.key] : [key(updateId)], [
        done,
        ...(unused ? [unused.token] : []),
      ]);
      if (unused) scope.lock = { ...unused, state: "released" };
    },
    async release(updateId, scope) {
      // Compare-and-delete by token: the chat's lock, if this turn's release never reached Redis.
      const held = scope.lock;
      await runScript(
        redis,
        RELEASE,
        held ? [key(updateId), held.key] : [key(updateId)],
        held ? [held.token] : [],
      );
    },
  };
}

function keyboardKeyOf(botId: string, prefix = "tg:kbd:"): (chatId: string) => string {
  return (chatId) => `${prefix}${botId}:${chatId}`;
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
  const key = keyboardKeyOf(botId, prefix);
  return {
    async isShown(chatId) {
      // Read ahead with the claim (begin), when this update's turn did.
      const ahead = currentTurn()?.ahead;
      if (ahead?.has(key(chatId))) return ahead.get(key(chatId)) != null;
      return (await redis.exists(key(chatId))) === 1;
    },
    async set(chatId, shown) {
      const ahead = currentTurn()?.ahead;
      if (ahead?.has(key(chatId))) ahead.set(key(chatId), shown ? "1" : null);
      if (shown) await redis.set(key(chatId), "1", "EX", 7 * 86_400);
      else await redis.del(key(chatId));
    },
  };
}
