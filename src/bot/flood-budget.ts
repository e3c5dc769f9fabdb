import type { Redis } from "ioredis";
import type { ChatRef } from "../domain/kernel/chat";
import { t } from "../domain/messages";
import { type Engine, failureLanguage } from "../flows/engine";
import type { RenderedReply } from "../flows/types";
import { currentTurn, runScript } from "../store/redis-turn";

/**
 * The flood budget (issue 16 §4): each chat may send `perWindow` messages (text, photos, button
 * presses) per window of `windowMs`, counted in Redis so every process counts the same chat
 * together. The first message over the budget is answered once with "please slow down"; it and
 * every later one of the window are dropped before the engine (no session read, no database), and
 * each drop is counted (parcel_desk_updates_dropped_total). Other chats are not affected.
 *
 * It applies where updates enter the engine, so once for every channel. Telegram in webhook mode
 * counts in the script that claims the update and takes the chat's lock (dedupe.ts BEGIN): no
 * extra Redis round trip; elsewhere the count is one round trip of its own.
 */
export interface FloodBudget {
  perWindow: number;
  windowMs: number;
}

/** A person types a few messages a minute; 30 in 10 s is a script, a stuck key or a paste loop. */
export const DEFAULT_FLOOD_BUDGET: FloodBudget = { perWindow: 30, windowMs: 10_000 };

export const FLOOD_PREFIX = "pd:flood:";

/** Where a turn's scope keeps the count the claim script made (TurnScope.ahead). */
export const FLOOD_COUNTED = "pd:flood:counted";

/** The chat's counter for the window `now` falls in (it expires with the window). */
export function floodKey(chat: ChatRef, now: number, budget: FloodBudget, prefix = FLOOD_PREFIX): string {
  return `${prefix}${chat.channel}:${chat.chatId}:${Math.floor(now / budget.windowMs)}`;
}

export type FloodVerdict = "ok" | "slow-down" | "drop";

export function floodVerdict(count: number, budget: FloodBudget): FloodVerdict {
  if (count <= budget.perWindow) return "ok";
  return count === budget.perWindow + 1 ? "slow-down" : "drop";
}

/** INCR with the window's expiry, in one round trip. KEYS: the counter. ARGV: the window in ms. */
export const COUNT_IN_WINDOW = `
local count = redis.call("incr", KEYS[1])
if count == 1 then redis.call("pexpire", KEYS[1], ARGV[1]) end
return count`;

export interface FloodObserver {
  dropped(channel: string): void;
}

export interface FloodOptions {
  budget?: FloodBudget;
  prefix?: string;
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
  return {
    async handle(who, input): Promise<RenderedReply[]> {
      const verdict = floodVerdict(await count(who.chat), budget);
      if (verdict === "ok") return engine.handle(who, input);
      observer.dropped(who.chat.channel);
      if (verdict === "drop") return [];
      return [{ kind: "text", text: t(failureLanguage(who), "flood.slowDown") }];
    },
  };
}
