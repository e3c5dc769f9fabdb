import type { Redis } from "ioredis";
import { type ChatRef, LANGUAGES, type Language } from "../domain/kernel/chat";
import { t } from "../domain/messages";
import { type Engine, failureLanguage } from "../flows/engine";
import { languageKey } from "../flows/engine/sessions";
import type { RenderedReply, Who } from "../flows/types";
import { SESSION_PREFIX } from "../store/redis-sessions";
import { currentTurn, runScript } from "../store/redis-turn";

/**
 * The flood budget (issue 16 §4): each chat may send `perWindow` messages (text, photos, button
 * presses) per window of `windowMs`, counted in Redis so every process counts the same chat
 * together. Every message over the budget is dropped before the engine (no session, no database)
 * and counted (parcel_desk_updates_dropped_total). The chat is told "please slow down" once per
 * flood, in its /lang choice: a flood that goes on over several windows is still one flood, until
 * the chat has stayed within its budget for two windows (WARN_ONCE). Other chats are not affected.
 *
 * It applies where updates enter the engine, so once for every channel. Telegram in webhook mode
 * counts in the script that claims the update and takes the chat's lock (dedupe.ts BEGIN), which
 * also decides a drop's warning (and marks a silent drop's update done, the lock not taken): a
 * flood costs one Redis round trip per message; elsewhere the count is one round trip of its own,
 * and a drop's warning another.
 */
interface FloodBudget {
  perWindow: number;
  windowMs: number;
}

/** A person types a few messages a minute; 30 in 10 s is a script, a stuck key or a paste loop. */
export const DEFAULT_FLOOD_BUDGET: FloodBudget = { perWindow: 30, windowMs: 10_000 };

const FLOOD_PREFIX = "pd:flood:";

/** Where a turn's scope keeps the count the claim script made (TurnScope.ahead). */
export const FLOOD_COUNTED = "pd:flood:counted";
/** Where it keeps the claim script's WARN_ONCE for a drop: "told:<the chat's /lang choice>" or "silent". */
export const FLOOD_WARNING = "pd:flood:warning";

/** What the claim script needs to count a chat's message and decide its drop (dedupe.ts BEGIN). */
export interface FloodAhead {
  /** The window's counter (floodKey), the chat's warned mark (warnedKey). */
  key: string;
  warnedKey: string;
  windowMs: number;
  perWindow: number;
  /** The window's number (now / windowMs). */
  window: number;
}

export function floodAhead(chat: ChatRef, now: number, budget = DEFAULT_FLOOD_BUDGET): FloodAhead {
  return {
    key: floodKey(chat, now, budget),
    warnedKey: warnedKey(chat),
    windowMs: budget.windowMs,
    perWindow: budget.perWindow,
    window: Math.floor(now / budget.windowMs),
  };
}

/** The chat's counter for the window `now` falls in (it expires with the window). */
export function floodKey(chat: ChatRef, now: number, budget: FloodBudget, prefix = FLOOD_PREFIX): string {
  return `${prefix}${chat.channel}:${chat.chatId}:${Math.floor(now / budget.windowMs)}`;
}

/** The chat's mark that it was told to slow down in this flood (see WARN_ONCE). */
function warnedKey(chat: ChatRef, prefix = FLOOD_PREFIX): string {
  return `${prefix}warned:${chat.channel}:${chat.chatId}`;
}

type FloodVerdict = "ok" | "over";

function floodVerdict(count: number, budget: FloodBudget): FloodVerdict {
  return count <= budget.perWindow ? "ok" : "over";
}

/**
 * A message over the budget: whether the chat is to be told (1: the flood's first drop) or not (0),
 * and its /lang choice. The mark keeps the window of the chat's last drop: a drop in this window or
 * the one before is the same flood, told once however long it lasts; the mark lapses after two
 * windows. KEYS: the mark, the chat's language. ARGV: the window's number, the mark's life in ms.
 */
const WARN_ONCE = `${warnOnceLua("KEYS[1]", "ARGV[1]", "ARGV[2]")}
return {first, redis.call("get", KEYS[2]) or ""}`;

/**
 * WARN_ONCE's decision as Lua lines, for this script and the claim script: sets the local
 * `first` (1: tell the chat) and moves the chat's `mark` to `window`, for `lifeMs`.
 */
export function warnOnceLua(mark: string, window: string, lifeMs: string): string {
  return `
local last = tonumber(redis.call("get", ${mark}) or "")
local window = tonumber(${window})
redis.call("set", ${mark}, ${window}, "PX", ${lifeMs})
local first = 0
if last == nil or last < window - 1 then first = 1 end`;
}

/** INCR with the window's expiry, in one round trip. KEYS: the counter. ARGV: the window in ms. */
const COUNT_IN_WINDOW = `
local count = redis.call("incr", KEYS[1])
if count == 1 then redis.call("pexpire", KEYS[1], ARGV[1]) end
return count`;

interface FloodObserver {
  dropped(channel: string): void;
}

interface FloodOptions {
  budget?: FloodBudget;
  prefix?: string;
  /** Where the sessions' keys live (the chat's /lang choice): redis-sessions.ts SESSION_PREFIX. */
  sessionPrefix?: string;
  now?: () => number;
}

/** The engine behind the flood budget. */
export function floodLimitedEngine(
  engine: Engine,
  redis: Redis,
  observer: FloodObserver,
  options: FloodOptions = {},
): Engine {
  const budget = options.budget ?? DEFAULT_FLOOD_BUDGET;
  const now = options.now ?? Date.now;
  const count = async (chat: ChatRef): Promise<number> => {
    const counted = currentTurn()?.ahead.get(FLOOD_COUNTED);
    if (counted != null) return Number(counted);
    const key = floodKey(chat, now(), budget, options.prefix);
    return Number(await runScript(redis, COUNT_IN_WINDOW, [key], [budget.windowMs]));
  };
  /** Whether to tell the chat, and its /lang choice: as the claim script decided, or asked now. */
  const warnOnce = async (who: Who): Promise<[number, string]> => {
    const decided = currentTurn()?.ahead.get(FLOOD_WARNING);
    if (decided === "silent") return [0, ""];
    if (decided?.startsWith("told:")) return [1, decided.slice("told:".length)];
    const keys = [
      warnedKey(who.chat, options.prefix),
      (options.sessionPrefix ?? SESSION_PREFIX) + languageKey(who),
    ];
    const life = budget.windowMs * 2;
    return (await runScript(redis, WARN_ONCE, keys, [Math.floor(now() / budget.windowMs), life])) as [
      number,
      string,
    ];
  };
  return {
    async handle(who, input): Promise<RenderedReply[]> {
      if (floodVerdict(await count(who.chat), budget) === "ok") return engine.handle(who, input);
      observer.dropped(who.chat.channel);
      const [first, chosen] = await warnOnce(who);
      if (Number(first) !== 1) return [];
      return [{ kind: "text", text: t(floodLanguage(who, chosen), "flood.slowDown") }];
    },
  };
}

/** The chat's /lang choice, else what a failure is said in (the directory's, the platform's hint). */
function floodLanguage(who: Who, chosen: string): Language {
  return LANGUAGES.find((l) => l === chosen) ?? failureLanguage(who);
}
