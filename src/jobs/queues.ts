import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { DELIVERY_JOBS } from "../domain/deliveries/jobs";
import { CHANNELS, type Channel } from "../domain/kernel/chat";
import { TIMER_KINDS } from "../domain/ports";
import type { Logger } from "../log";
import { WORKLOAD_DIGEST_JOB } from "./workload-job";

/**
 * The queues of DESIGN.md "Jobs": `timers` (one delayed job per SOP timer, id = the timer's id),
 * `digests` (the shift handover, the morning list, the timer reconciliation, on job schedulers)
 * and one send queue per channel (`send-telegram`, `send-slack`, `send-web`), each rate-limited
 * for its platform. Every payload is a zod schema, parsed again by the worker that reads it.
 */
export const TIMERS_QUEUE = "timers";
/** The timer jobs' retry strategy, by name (timer-worker.ts timerBackoff). */
export const TIMER_BACKOFF = "desk";
export const DIGESTS_QUEUE = "digests";
export type SendQueueName = `send-${Channel}`;
export function sendQueueName(channel: Channel): SendQueueName {
  return `send-${channel}`;
}

export const timerPayloadSchema = z.object({
  kind: z.enum(TIMER_KINDS),
  subjectId: z.string().min(1),
  /** When the domain wants it to fire (moved on by a deferral): ISO-8601 UTC. */
  dueAt: z.iso.datetime(),
});
export type TimerPayload = z.infer<typeof timerPayloadSchema>;

const buttonSchema = z.object({ label: z.string().min(1), payload: z.string().min(1).max(64) });

/** What a message says (channel-sender.ts OutboundContent): text, and optionally fields, buttons, a select. */
const outboundContentSchema = z.object({
  text: z.string().min(1),
  fields: z
    .array(z.object({ label: z.string().min(1), value: z.string() }))
    .max(10)
    .optional(),
  buttons: z.array(buttonSchema).optional(),
  select: z
    .object({ placeholder: z.string().min(1), options: z.array(buttonSchema).min(1).max(100) })
    .optional(),
});

/**
 * A card job's place among the card's jobs (cards.ts CardSequence, taken when it is enqueued): which
 * of two changes is newer, even within one millisecond. Jobs enqueued without one use their
 * enqueue time, on the same scale.
 */
const cardSeqSchema = z.number().int().positive().optional();

export const sendPayloadSchema = outboundContentSchema.extend({
  channel: z.enum(CHANNELS),
  chatId: z.string().min(1).max(64),
  /** The message key it was rendered from (for the audit row of a failure). */
  key: z.string().min(1),
  dedupeKey: z.string().optional(),
  /** The card it belongs to (Notice.cardKey): the message is recorded to change it later. */
  cardKey: z.string().min(1).max(100).optional(),
  /** Which copy of the card it is (`<reader>.<language>`): an update gives it that copy's content. */
  cardVariant: z.string().min(1).max(20).optional(),
  cardSeq: cardSeqSchema,
});
export type SendPayload = z.infer<typeof sendPayloadSchema>;

/** A job on the same send queue (so the platform's limits hold): take the buttons off a card. */
export const retirePayloadSchema = z.object({
  retireCard: z.string().min(1).max(100),
  cardSeq: cardSeqSchema,
});
export type RetirePayload = z.infer<typeof retirePayloadSchema>;
/** On the same queue: change every copy of a card in place, each to its variant's content. */
export const updatePayloadSchema = z.object({
  updateCard: z.string().min(1).max(100),
  contents: z.record(z.string().min(1).max(24), outboundContentSchema),
  cardSeq: cardSeqSchema,
});
export type UpdatePayload = z.infer<typeof updatePayloadSchema>;
export type SendJobData = SendPayload | RetirePayload | UpdatePayload;

export const DIGEST_JOBS = [
  "shift-handover",
  "morning-list",
  "reconcile-timers",
  ...DELIVERY_JOBS, // SOP-44, SOP-74 (delivery-jobs.ts)
  WORKLOAD_DIGEST_JOB, // SOP-90 (workload-job.ts)
] as const;
export type DigestJobName = (typeof DIGEST_JOBS)[number];

/** Limits of one channel's platform; see DEFAULT_TUNING for the numbers and their source. */
export interface ChannelLimits {
  /** Least gap between two messages to one private chat (a user), in ms; 0 = no limit. */
  privateChatMs: number;
  /** Least gap between two messages to one group or channel, in ms; 0 = no limit. */
  groupChatMs: number;
  /**
   * The whole bot's rate (BullMQ's Worker limiter, shared by every worker on the queue): at most
   * `max` jobs start per `duration` ms. BullMQ counts in fixed windows, so `max: 1` with a short
   * duration spaces messages evenly and never lets two windows' bursts meet.
   */
  global?: { max: number; duration: number };
}

export interface JobsTuning {
  /** How long a worker's lock on a running job lasts; a dead worker's job is taken over after it. */
  lockDurationMs: number;
  /** How often workers look for jobs whose worker died (stalled). */
  stalledIntervalMs: number;
  timerAttempts: number;
  timerBackoffMs: number;
  timerConcurrency: number;
  sendAttempts: number;
  sendBackoffMs: number;
  sendConcurrency: number;
  /** Completed send jobs are kept this long: their ids are what sends a notice only once. */
  keepSentMs: number;
  /** How often the expected timers are compared with the pending ones. */
  reconcileEveryMs: number;
  limits: Record<Channel, ChannelLimits>;
}

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

export const DEFAULT_TUNING: JobsTuning = {
  lockDurationMs: 30 * SECOND,
  stalledIntervalMs: 30 * SECOND,
  timerAttempts: 5,
  timerBackoffMs: 5 * SECOND,
  timerConcurrency: 4,
  sendAttempts: 8,
  sendBackoffMs: 2 * SECOND,
  sendConcurrency: 8,
  keepSentMs: DAY,
  reconcileEveryMs: 10 * 60 * SECOND,
  limits: {
    // Telegram Bot API FAQ: about 30 messages/s per bot, 1/s per chat, 20/min per group.
    telegram: { privateChatMs: 1000, groupChatMs: 3000, global: { max: 1, duration: 35 } },
    // Slack chat.postMessage: about 1 message/s per channel.
    slack: { privateChatMs: 1000, groupChatMs: 1000, global: { max: 1, duration: 50 } },
    // The local web chat is ours: no platform limits.
    web: { privateChatMs: 0, groupChatMs: 0 },
  },
};

export type JobsTuningInput = Partial<Omit<JobsTuning, "limits">> & {
  limits?: Partial<Record<Channel, Partial<ChannelLimits>>>;
};

export function resolveTuning(input: JobsTuningInput = {}): JobsTuning {
  const { limits, ...rest } = input;
  const merged = { ...DEFAULT_TUNING.limits };
  for (const channel of CHANNELS) merged[channel] = { ...merged[channel], ...limits?.[channel] };
  return { ...DEFAULT_TUNING, ...rest, limits: merged };
}

export interface JobQueues {
  /** BullMQ's key prefix: every key of these queues starts with it. */
  prefix: string;
  timers: Queue<TimerPayload>;
  digests: Queue<Record<string, never>>;
  send: Record<Channel, Queue<SendJobData>>;
  close(): Promise<void>;
}

/**
 * The queues, on one connection of the caller's (producers only: they add, move and remove
 * jobs; workers have connections of their own). Each queue logs its errors.
 */
export function createJobQueues(
  connection: Redis,
  options: { prefix: string; tuning: JobsTuning; log: Logger },
): JobQueues {
  const { prefix, tuning, log } = options;
  const base = { connection, prefix };
  const timers = new Queue<TimerPayload>(TIMERS_QUEUE, {
    ...base,
    defaultJobOptions: {
      attempts: tuning.timerAttempts,
      // Exponential from tuning.timerBackoffMs, computed by the timer worker (timerBackoff): the
      // job carries only the strategy's name, so a pending timer's hash stays small (issue 15).
      backoff: { type: TIMER_BACKOFF },
      // How long a finished timer is kept (a week) is the timer worker's option, not each job's:
      // a pending timer's hash stays small. schedule() replaces a finished job of the same id.
    },
  });
  const digests = new Queue<Record<string, never>>(DIGESTS_QUEUE, {
    ...base,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 10 * SECOND },
      removeOnComplete: { age: DAY / 1000, count: 100 },
      removeOnFail: { age: (7 * DAY) / 1000 },
    },
  });
  const send = {} as Record<Channel, Queue<SendJobData>>;
  for (const channel of CHANNELS) {
    send[channel] = new Queue<SendJobData>(sendQueueName(channel), {
      ...base,
      defaultJobOptions: {
        attempts: tuning.sendAttempts,
        backoff: { type: "exponential", delay: tuning.sendBackoffMs },
        removeOnComplete: { age: Math.ceil(tuning.keepSentMs / 1000) },
        removeOnFail: { age: (7 * DAY) / 1000 },
      },
    });
  }
  const all = [timers, digests, ...Object.values(send)];
  for (const queue of all) {
    queue.on("error", (error) => log.error({ err: error, queue: queue.name }, "job queue error"));
  }
  return {
    prefix,
    timers,
    digests,
    send,
    async close() {
      await Promise.allSettled(all.map((queue) => queue.close()));
    },
  };
}
