import type { types } from "@slack/bolt";
import type { Redis } from "ioredis";
import { type LiveMessages, redisLiveMessages } from "../live-messages";

/**
 * The messages with buttons the engine's last turn posted in a person's DM (../live-messages.ts),
 * each with what it shows without its buttons: the next turn that answers updates it to that
 * (chat.update with the same text and fields).
 */
export interface LiveMessage {
  channel: string;
  ts: string;
  text: string;
  /** The message's blocks without its actions: what it shows once its step is over. */
  blocks: types.KnownBlock[];
}

export type LiveButtons = LiveMessages<LiveMessage>;

export function redisLiveButtons(redis: Redis, appKey: string, prefix = "slack:live:"): LiveButtons {
  return redisLiveMessages(redis, `${prefix}${appKey}:`, { max: 10, isValid: isLiveMessage });
}

function isLiveMessage(value: unknown): value is LiveMessage {
  const m = value as Partial<LiveMessage> | null;
  return (
    typeof m?.channel === "string" &&
    typeof m.ts === "string" &&
    typeof m.text === "string" &&
    Array.isArray(m.blocks)
  );
}
