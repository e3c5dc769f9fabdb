import type { Redis } from "ioredis";
import type { Channel } from "../domain/kernel/chat";
import type { OutboundContent, SentMessageRef } from "../domain/ports/channel-sender";

/**
 * Where the messages of a card (Notice.cardKey) were sent, so that they can be changed once what
 * they show has moved on: their buttons taken away (retire, issue 14 §3), or their content
 * replaced in place (update, issue 10 §3). Redis, per channel and card: a sorted set of
 * `<chatId>/<messageId>` scored by when its send job was enqueued, which copy each one is (its
 * reader and language: `dispatch.zh`, `person.en`), the time the card was last retired, its
 * newest update and which update each message shows. All expire after a few days: Telegram lets
 * a bot edit only recent messages anyway. A job's place is its card's sequence number (taken when
 * it is enqueued: CardSequence), so that a change reaches exactly the messages asked for before
 * it, whatever order the workers run them in, and an older update never replaces a newer one, even
 * two enqueued within one millisecond.
 */
const CARD_TTL_MS = 3 * 24 * 3600 * 1000;

/** One message of a card, with the copy it is (CardReader.Language), when it was recorded. */
export interface CardMessage extends SentMessageRef {
  variant: string | undefined;
}

/** A card's message with its place (the order of the job that sent it). */
export interface PlacedCardMessage extends CardMessage {
  at: number;
}

/** A card's newest update: its enqueue time and its content for each copy. */
export interface CardUpdate {
  at: number;
  contents: Record<string, OutboundContent>;
}

export interface CardRecords {
  record(
    channel: Channel,
    cardKey: string,
    sent: readonly SentMessageRef[],
    enqueuedAt: number,
    variant?: string,
  ): Promise<void>;
  /** When the card was last retired (the enqueue time of that retirement), if it was. */
  retiredAt(channel: Channel, cardKey: string): Promise<number | undefined>;
  /** Marks the card retired at `at`; returns its messages enqueued before `at`. */
  retire(channel: Channel, cardKey: string, at: number): Promise<SentMessageRef[]>;
  /** A message whose buttons are gone (or cannot be changed any more). */
  forget(channel: Channel, cardKey: string, sent: SentMessageRef): Promise<void>;
  /** Keeps `update` as the card's newest unless a newer one is kept already (compare and set). */
  offerUpdate(channel: Channel, cardKey: string, update: CardUpdate): Promise<void>;
  /** The card's newest update, if it had one. */
  latestUpdate(channel: Channel, cardKey: string): Promise<CardUpdate | undefined>;
  /** The card's messages sent from jobs enqueued before `at`, with the copy each one is. */
  messagesBefore(channel: Channel, cardKey: string, at: number): Promise<CardMessage[]>;
  /** Every message of the card on the channel, with its place. */
  messages(channel: Channel, cardKey: string): Promise<PlacedCardMessage[]>;
  /** The enqueue time of the update a message shows (0: none yet). */
  shownAt(channel: Channel, cardKey: string, sent: SentMessageRef): Promise<number>;
  /** The message shows the update of `at` (never lowered). */
  markShown(channel: Channel, cardKey: string, sent: SentMessageRef, at: number): Promise<void>;
}

// Sets field `ARGV[1]` of hash KEYS[1] to the number ARGV[2] unless it holds a larger one.
const RAISE = `
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if cur < tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;
// Keeps the update (at ARGV[1], contents ARGV[2]) in hash KEYS[1] unless a newer one is there.
const OFFER = `
local cur = tonumber(redis.call('HGET', KEYS[1], 'at') or '-1')
if cur < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'at', ARGV[1], 'contents', ARGV[2]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

// The next number of a card's sequence: one more than the last, never below the time in ms (ARGV[1]),
// so that it stays on the scale of the enqueue times of jobs and records made before it existed.
const NEXT = `
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local n = math.max(last + 1, tonumber(ARGV[1]))
redis.call('SET', KEYS[1], string.format('%.0f', n), 'PX', ARGV[2])
return string.format('%.0f', n)`;

/**
 * Where a card's jobs stand among themselves, kept by the notifier when it enqueues them: each job
 * carries the card's next sequence number (an INCR, in a script so that it never falls below the
 * enqueue time), and the card remembers the channels its copies were queued on, so that an update
 * or a retirement is queued only where there is something to change.
 */
export interface CardSequence {
  /** The card's next number; `channel` (when given) is recorded as one its copies went to. */
  next(cardKey: string, channel?: Channel): Promise<number>;
  /** The channels the card's copies were queued on. */
  channels(cardKey: string): Promise<Channel[]>;
}

export function redisCardSequence(redis: Redis, prefix: string, now: () => number = Date.now): CardSequence {
  const seqKey = (cardKey: string) => `${prefix}:cards-seq:${cardKey}`;
  const channelsKey = (cardKey: string) => `${prefix}:cards-channels:${cardKey}`;
  return {
    async next(cardKey, channel) {
      if (channel !== undefined) {
        await redis
          .multi()
          .sadd(channelsKey(cardKey), channel)
          .pexpire(channelsKey(cardKey), CARD_TTL_MS)
          .exec();
      }
      return Number(await redis.eval(NEXT, 1, seqKey(cardKey), String(now()), String(CARD_TTL_MS)));
    },
    async channels(cardKey) {
      return (await redis.smembers(channelsKey(cardKey))) as Channel[];
    },
  };
}

/** A card job's place: its sequence number, or (enqueued before there was one) its enqueue time. */
export function cardOrder(job: { data: unknown; timestamp: number }): number {
  const seq = (job.data as { cardSeq?: unknown } | null)?.cardSeq;
  return typeof seq === "number" && Number.isSafeInteger(seq) ? seq : job.timestamp;
}

const member = (sent: SentMessageRef) => `${sent.chatId}/${sent.messageId}`;

function parseMember(m: string): SentMessageRef | undefined {
  const cut = m.lastIndexOf("/");
  return cut > 0 ? { chatId: m.slice(0, cut), messageId: m.slice(cut + 1) } : undefined;
}

export function redisCardRecords(redis: Redis, prefix: string): CardRecords {
  const key = (kind: string, channel: Channel, cardKey: string) => `${prefix}:${kind}:${channel}:${cardKey}`;
  const sentKey = (channel: Channel, cardKey: string) => key("cards", channel, cardKey);
  const retiredKey = (channel: Channel, cardKey: string) => key("cards-retired", channel, cardKey);
  const variantKey = (channel: Channel, cardKey: string) => key("cards-variant", channel, cardKey);
  const updateKey = (channel: Channel, cardKey: string) => key("cards-update", channel, cardKey);
  const shownKey = (channel: Channel, cardKey: string) => key("cards-shown", channel, cardKey);
  return {
    async record(channel, cardKey, sent, enqueuedAt, variant) {
      if (sent.length === 0) return;
      const multi = redis.multi();
      for (const ref of sent) multi.zadd(sentKey(channel, cardKey), enqueuedAt, member(ref));
      multi.pexpire(sentKey(channel, cardKey), CARD_TTL_MS);
      if (variant !== undefined) {
        for (const ref of sent) multi.hset(variantKey(channel, cardKey), member(ref), variant);
        multi.pexpire(variantKey(channel, cardKey), CARD_TTL_MS);
      }
      await multi.exec();
    },
    async retiredAt(channel, cardKey) {
      const value = await redis.get(retiredKey(channel, cardKey));
      return value === null ? undefined : Number(value);
    },
    async retire(channel, cardKey, at) {
      const previous = await this.retiredAt(channel, cardKey);
      if (previous === undefined || previous < at) {
        await redis.set(retiredKey(channel, cardKey), String(at), "PX", CARD_TTL_MS);
      }
      const members = await redis.zrangebyscore(sentKey(channel, cardKey), "-inf", `(${at}`);
      return members.flatMap((m) => parseMember(m) ?? []);
    },
    async forget(channel, cardKey, sent) {
      await redis.zrem(sentKey(channel, cardKey), member(sent));
    },
    async offerUpdate(channel, cardKey, update) {
      const contents = JSON.stringify(update.contents);
      await redis.eval(OFFER, 1, updateKey(channel, cardKey), String(update.at), contents, CARD_TTL_MS);
    },
    async latestUpdate(channel, cardKey) {
      const [at, contents] = await redis.hmget(updateKey(channel, cardKey), "at", "contents");
      if (!at || !contents) return undefined;
      return { at: Number(at), contents: JSON.parse(contents) as CardUpdate["contents"] };
    },
    async messagesBefore(channel, cardKey, at) {
      const members = await redis.zrangebyscore(sentKey(channel, cardKey), "-inf", `(${at}`);
      if (members.length === 0) return [];
      const variants = await redis.hmget(variantKey(channel, cardKey), ...members);
      return members.flatMap((m, i) => {
        const ref = parseMember(m);
        return ref ? [{ ...ref, variant: variants[i] ?? undefined }] : [];
      });
    },
    async messages(channel, cardKey) {
      const flat = await redis.zrange(sentKey(channel, cardKey), "0", "-1", "WITHSCORES");
      const members = flat.filter((_, i) => i % 2 === 0);
      if (members.length === 0) return [];
      const variants = await redis.hmget(variantKey(channel, cardKey), ...members);
      return members.flatMap((m, i) => {
        const ref = parseMember(m);
        return ref ? [{ ...ref, variant: variants[i] ?? undefined, at: Number(flat[2 * i + 1]) }] : [];
      });
    },
    async shownAt(channel, cardKey, sent) {
      return Number((await redis.hget(shownKey(channel, cardKey), member(sent))) ?? 0);
    },
    async markShown(channel, cardKey, sent, at) {
      await redis.eval(RAISE, 1, shownKey(channel, cardKey), member(sent), String(at), CARD_TTL_MS);
    },
  };
}

/**
 * The messages of a card that are not its newest copy in their chat (a reminder or a repeat ping
 * was posted below them): they show the card without buttons (only one copy per chat is live).
 */
export function supersededIds(messages: readonly PlacedCardMessage[]): Set<string> {
  const newest = new Map<string, number>();
  for (const m of messages) newest.set(m.chatId, Math.max(newest.get(m.chatId) ?? -1, m.at));
  return new Set(messages.filter((m) => m.at < (newest.get(m.chatId) ?? -1)).map(messageId));
}

/** The variant of an older copy of the card in a chat that has a newer one: `dispatch.zh.old`. */
export const SUPERSEDED_SUFFIX = ".old";

export const messageId = (m: SentMessageRef): string => `${m.chatId}/${m.messageId}`;
