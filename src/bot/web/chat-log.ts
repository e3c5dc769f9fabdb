import type { Redis } from "ioredis";
import type { LoggedEvent, WebEvent } from "./events";

/**
 * Each web chat's recent history, kept in Redis so that any process can add to it (the send
 * workers of `npm run worker` included) and any process can show it: a stream per chat, capped
 * to its last MAX_EVENTS events and expiring TTL_SECONDS after its last one. Every append is
 * published on the chat's channel too, for the pages open on it (live.ts); a page that is not
 * open reads it from the stream on its next visit.
 */
export const MAX_EVENTS = 200;
const TTL_SECONDS = 30 * 24 * 3600;

export interface ChatLog {
  /** Adds events in order; resolves with them as stored (with their ids) once published. */
  append(chatId: string, events: readonly WebEvent[]): Promise<LoggedEvent[]>;
  /** The kept events, oldest first; after `afterId` (exclusive) when given. */
  since(chatId: string, afterId?: string): Promise<LoggedEvent[]>;
  /** The pub/sub channel of a chat's appends (a JSON array of LoggedEvent). */
  channelOf(chatId: string): string;
}

/** A stream id as Redis writes it (`<ms>-<seq>`): anything else from a client is ignored. */
export const STREAM_ID = /^\d{1,15}-\d{1,10}$/;

export function redisChatLog(redis: Redis, prefix = "web:"): ChatLog {
  const logKey = (chatId: string) => `${prefix}log:${chatId}`;
  const channelOf = (chatId: string) => `${prefix}live:${chatId}`;
  return {
    channelOf,
    async append(chatId, events) {
      if (events.length === 0) return [];
      const key = logKey(chatId);
      const multi = redis.multi();
      for (const event of events) {
        multi.xadd(key, "MAXLEN", "~", MAX_EVENTS, "*", "e", JSON.stringify(event));
      }
      multi.expire(key, TTL_SECONDS);
      const results = (await multi.exec()) ?? [];
      const logged = events.map((event, i) => {
        const [error, id] = results[i] ?? [new Error("no reply")];
        if (error) throw error;
        return { ...event, id: String(id) } as LoggedEvent;
      });
      await redis.publish(channelOf(chatId), JSON.stringify(logged));
      return logged;
    },
    async since(chatId, afterId) {
      const start = afterId && STREAM_ID.test(afterId) ? `(${afterId}` : "-";
      const entries = await redis.xrange(logKey(chatId), start, "+");
      const events: LoggedEvent[] = [];
      for (const [id, fields] of entries) {
        const json = fields[fields.indexOf("e") + 1];
        if (json !== undefined) events.push({ ...(JSON.parse(json) as WebEvent), id });
      }
      return events;
    },
  };
}
