import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { LOCK_HOLD_MS, LOCK_PREFIX, SESSION_PREFIX } from "../../store/redis-sessions";
import {
  aheadValue,
  applyWritesLua,
  newTurnScope,
  runScript,
  type TurnScope,
  writeArgs,
  writeAtFinish,
} from "../../store/redis-turn";
import { FLOOD_COUNTED, FLOOD_WARNING, type FloodAhead, warnOnceLua } from "../flood-budget";
import { liveKeyPrefix } from "./keyboards";

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
   * reads (the engine's turnKeys) and the chat's keyboard state (reply keyboard, live buttons).
   * The TurnScope to handle the update in (redis-turn.ts), or undefined when it is not ours.
   */
  begin(updateId: number, turn?: TurnAhead): Promise<TurnScope | undefined>;
  /**
   * done(), the writes the turn kept for its finish (the keyboard state after the replies) and
   * the release of the chat's lock the turn holds: one round trip, after the replies are sent.
   */
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
  /** The chat's flood counter for this window and what a drop's warning needs (flood-budget.ts). */
  flood?: FloodAhead;
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

// KEYS: the update, [the chat's flood counter, its warned mark, the lock, the reads under it (its
// language first)…, the reads ahead…]. ARGV: processing seconds, [flood window ms (0: no counter;
// KEYS[2] and KEYS[3] are then unused), token, hold ms, the budget per window, the window's number,
// done seconds, the warned mark's life in ms]. Answers nil (not ours), or {kind, flood count,
// locked, values…}: kind 1 for the engine; over the budget (flood-budget.ts), 2 for a silent drop
// (the update marked done here, the lock not taken: a flood costs this one round trip per
// message) or 3 for the drop the chat is told of (values[1], or the 4th item when not locked: the
// chat's language).
const BEGIN = `
if not redis.call("set", KEYS[1], "processing", "EX", ARGV[1], "NX") then return nil end
if #KEYS == 1 then return {1, 0, 0} end
local count = 0
local kind = 1
if ARGV[2] ~= "0" then
  count = redis.call("incr", KEYS[2])
  if count == 1 then redis.call("pexpire", KEYS[2], ARGV[2]) end
  if count > tonumber(ARGV[5]) then
    ${warnOnceLua("KEYS[3]", "ARGV[6]", "ARGV[8]")}
    if first == 0 then
      redis.call("set", KEYS[1], "done", "EX", ARGV[7])
      return {2, count, 0}
    end
    kind = 3
  end
end
if not redis.call("set", KEYS[4], ARGV[3], "PX", ARGV[4], "NX") then
  if kind == 3 then return {3, count, 0, redis.call("get", KEYS[5]) or false} end
  return {kind, count, 0}
end
local out = {kind, count, 1}
for i = 5, #KEYS do out[#out + 1] = redis.call("get", KEYS[i]) end
return out`;

// KEYS: the update, [a lock never used]. ARGV: [its token]. Gives a claim up (a turn cut short
// by an outage), so that the update Telegram sends again is handled, not skipped as a duplicate.
const RELEASE = `
if redis.call("get", KEYS[1]) == "processing" then redis.call("del", KEYS[1]) end
if #KEYS > 1 and redis.call("get", KEYS[2]) == ARGV[1] then redis.call("del", KEYS[2]) end
return 1`;

// KEYS: the update, the chat's lock the turn holds (or the update again: none), the writes…
// ARGV: done seconds, the lock's token ("" when none), per write its value and TTL ms or "del".
const FINISH = `
redis.call("set", KEYS[1], "done", "EX", ARGV[1])
${applyWritesLua(3, 3)}
if ARGV[2] ~= "" and redis.call("get", KEYS[2]) == ARGV[2] then redis.call("del", KEYS[2]) end
return 1`;

export function redisUpdateDedupe(redis: Redis, botId: string, options: DedupeOptions = {}): UpdateDedupe {
  const prefix = options.prefix ?? "tg:update:";
  const processing = options.processingSeconds ?? 120;
  const done = options.doneSeconds ?? DONE_SECONDS;
  const sessionPrefix = options.sessionPrefix ?? SESSION_PREFIX;
  const lockPrefix = options.lockPrefix ?? LOCK_PREFIX;
  const keyboardKey = keyboardKeyOf(botId, options.keyboardPrefix);
  const liveKey = keyboardKeyOf(botId, liveKeyPrefix(options.keyboardPrefix));
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
      const ahead = [keyboardKey(turn.chatId), liveKey(turn.chatId)];
      const flood = turn.flood;
      const answer = (await runScript(
        redis,
        BEGIN,
        [key(updateId), flood?.key ?? lockKey, flood?.warnedKey ?? lockKey, lockKey, ...under, ...ahead],
        [
          processing,
          flood?.windowMs ?? 0,
          token,
          LOCK_HOLD_MS,
          flood?.perWindow ?? 0,
          flood?.window ?? 0,
          done,
          (flood?.windowMs ?? 0) * 2,
        ],
      )) as (number | string | null)[] | null;
      if (!answer) return undefined;
      const scope = newTurnScope();
      if (flood) scope.ahead.set(FLOOD_COUNTED, String(answer[1]));
      // Over the flood budget: the engine drops it (flood-budget.ts) as decided here.
      if (answer[0] === 2) {
        scope.ahead.set(FLOOD_WARNING, "silent");
        doneAlready.add(scope);
        return scope;
      }
      if (answer[0] === 3) scope.ahead.set(FLOOD_WARNING, `told:${answer[3] ?? ""}`);
      if (answer[2] !== 1) return scope;
      scope.lock = { key: lockKey, token, state: "held" };
      const value = (i: number) => (answer[3 + i] as string | null | undefined) ?? null;
      for (const [i, k] of under.entries()) scope.values.set(k, value(i));
      for (const [i, k] of ahead.entries()) scope.ahead.set(k, value(under.length + i));
      return scope;
    },
    async finish(updateId, scope) {
      // The lock taken ahead and never used, or kept by the engine's step for the replies.
      const held = scope.lock?.state === "held" || scope.lock?.state === "kept" ? scope.lock : undefined;
      if (doneAlready.has(scope) && !held && !scope.after?.length) return closeTurn(scope);
      const writes = writeArgs(scope.after?.splice(0) ?? []);
      try {
        await runScript(
          redis,
          FINISH,
          [key(updateId), held?.key ?? key(updateId), ...writes.keys],
          [done, held?.token ?? "", ...writes.argv],
        );
        if (held) scope.lock = { ...held, state: "released" };
      } finally {
        closeTurn(scope);
      }
    },
    async release(updateId, scope) {
      // Compare-and-delete by token: the chat's lock, if this turn's release never reached Redis.
      const held = scope.lock;
      closeTurn(scope);
      await runScript(
        redis,
        RELEASE,
        held ? [key(updateId), held.key] : [key(updateId)],
        held ? [held.token] : [],
      );
    },
  };
}

/** Turns whose update the claim script marked done (a flood's silent drop): nothing to finish. */
const doneAlready = new WeakSet<TurnScope>();

/**
 * The update is done with: anything its work left running (a promise it did not wait for) reads
 * and writes Redis itself from now on, rather than a scope nobody flushes any more.
 */
function closeTurn(scope: TurnScope): void {
  delete scope.after;
  scope.ahead.clear();
  scope.values.clear();
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

const KEYBOARD_MS = 7 * 86_400_000;

export function redisReplyKeyboardState(redis: Redis, botId: string, prefix = "tg:kbd:"): ReplyKeyboardState {
  const key = keyboardKeyOf(botId, prefix);
  return {
    async isShown(chatId) {
      // Read ahead with the claim (begin), when this update's turn did.
      const ahead = aheadValue(key(chatId));
      if (ahead !== undefined) return ahead !== null;
      return (await redis.exists(key(chatId))) === 1;
    },
    async set(chatId, shown) {
      // In an update's turn: written with its done mark, under the chat's lock (finish).
      if (writeAtFinish(key(chatId), shown ? "1" : null, KEYBOARD_MS)) return;
      if (shown) await redis.set(key(chatId), "1", "PX", KEYBOARD_MS);
      else await redis.del(key(chatId));
    },
  };
}
