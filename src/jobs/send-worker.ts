import { DelayedError, type Job, type Queue, RateLimitError, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { type Channel, isGroupChat } from "../domain/kernel/chat";
import { type Clock, systemClock } from "../domain/kernel/clock";
import type { AuditLog } from "../domain/ports";
import {
  type ChannelSender,
  SendRateLimitedError,
  SendRejectedError,
  type SentMessageRef,
} from "../domain/ports/channel-sender";
import type { Logger } from "../log";
import { deskMetrics, type SendObserver } from "../metrics";
import {
  type CardUpdateContext,
  cardContentNow,
  catchUpWithUpdates,
  supersedeOlderCopies,
  updateCard,
} from "./card-updates";
import { type CardRecords, cardOrder, redisCardRecords } from "./cards";
import type { ChatLimiter } from "./chat-limiter";
import {
  type ChannelLimits,
  type JobsTuning,
  type RetirePayload,
  retirePayloadSchema,
  type SendJobData,
  type SendPayload,
  sendPayloadSchema,
  sendQueueName,
  updatePayloadSchema,
} from "./queues";

/**
 * One channel's outbound messages: a worker on `send-<channel>` that keeps inside the
 * platform's limits and never loses a message silently.
 *
 * - per chat: the Redis limiter (chat-limiter.ts); over the limit the job waits in `delayed`
 *   until its slot, without using an attempt;
 * - per bot: the Worker's `limiter`, shared by every worker of the queue;
 * - a 429: the whole queue waits `retry_after` (queue.rateLimit + RateLimitError), the message
 *   goes back to the queue without using an attempt;
 * - other errors: retried with exponential back-off; a rejection (blocked, chat not found) or a
 *   channel without a sender fails at once (UnrecoverableError);
 * - a message that fails for good is logged and recorded (audit `notice.failed`);
 * - a message of a card (cardKey) is recorded where it went; a `retireCard` job takes the buttons
 *   off that card's messages sent before it (cards.ts), and a card's message still queued when it
 *   was retired goes out without them.
 */
export interface SendWorkerDeps {
  connection: Redis;
  prefix: string;
  /** The producer side of the same queue (the 429 pause is set on it). */
  queue: Queue<SendJobData>;
  limiter: ChatLimiter;
  tuning: JobsTuning;
  audit: AuditLog;
  log: Logger;
  clock?: Clock;
  /** Counts sent, rate-limited and failed messages (default: the process's /metrics). */
  observe?: SendObserver;
  /**
   * Issue 17 §5: the platform refused a chat for good (the user blocked the bot, deleted their
   * account, the chat is gone: the sender's SendRejectedError.chatGone): the chat stops following
   * parcels. Best effort: a failure is logged.
   */
  onChatGone?: (chat: { channel: Channel; chatId: string }, reason: string) => Promise<unknown>;
}

// A job woken at its slot must not arrive a hair early and lose its place: wake a little after.
const SLOT_MARGIN_MS = 5;
// queue.rateLimit() sets the limiter counter to this; asking with it finds only that pause.
const MANUAL_RATE_LIMIT = Number.MAX_SAFE_INTEGER;
// BullMQ honours queue.rateLimit() only on workers that have a limiter: channels without a
// platform rate get one that never binds.
const UNBOUND_LIMIT = { max: 10_000, duration: 1000 };

export function chatIntervalMs(limits: ChannelLimits, channel: Channel, chatId: string): number {
  return isGroupChat(channel, chatId) ? limits.groupChatMs : limits.privateChatMs;
}

/** What handling one channel's send jobs needs. */
interface SendContext {
  channel: Channel;
  sender: ChannelSender | undefined;
  queue: Queue<SendJobData>;
  limiter: ChatLimiter;
  cards: CardRecords;
  limits: ChannelLimits;
  audit: AuditLog;
  log: Logger;
  clock: Clock;
  observe: SendObserver;
  onChatGone: SendWorkerDeps["onChatGone"];
}

export function createSendWorker(
  channel: Channel,
  sender: ChannelSender | undefined,
  deps: SendWorkerDeps,
): Worker<SendJobData> {
  const { connection, prefix, queue, limiter, tuning, audit, log } = deps;
  const limits = tuning.limits[channel];
  const context: SendContext = {
    channel,
    sender,
    queue,
    limiter,
    cards: redisCardRecords(connection, prefix),
    limits,
    audit,
    log,
    clock: deps.clock ?? systemClock,
    observe: deps.observe ?? deskMetrics,
    onChatGone: deps.onChatGone,
  };
  const worker = new Worker<SendJobData>(
    sendQueueName(channel),
    (job, token) => processSendJob(context, job, token),
    {
      connection,
      prefix,
      concurrency: tuning.sendConcurrency,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      // Sends are not idempotent on the platform's side: a message whose worker died mid-send is
      // taken over once at most, then it fails (and the failure is logged).
      maxStalledCount: 1,
      limiter: limits.global ?? UNBOUND_LIMIT,
    },
  );
  listenToSendWorker(worker, context);
  return worker;
}

/** One send job: deliver it, and record the message as failed when no attempt is left. */
async function processSendJob(
  context: SendContext,
  job: Job<SendJobData>,
  token: string | undefined,
): Promise<void> {
  const retirement = retirePayloadSchema.safeParse(job.data);
  if (retirement.success) return retireCard(context, retirement.data, job);
  const update = updatePayloadSchema.safeParse(job.data);
  if (update.success) {
    if ((await context.queue.getRateLimitTtl(MANUAL_RATE_LIMIT)) > 0) throw Worker.RateLimitError();
    return updateCard(cardUpdateContext(context), update.data, cardOrder(job));
  }
  const parsed = sendPayloadSchema.safeParse(job.data);
  if (!parsed.success) {
    // Retrying cannot make a bad payload good.
    const reason = `bad payload: ${z.prettifyError(parsed.error)}`;
    await recordFailure(context, job, undefined, reason);
    throw new UnrecoverableError(reason);
  }
  try {
    await deliver(context, parsed.data, job, token);
  } catch (error) {
    // Waiting for a slot or for the platform's retry_after is not a failure.
    if (error instanceof DelayedError || error instanceof RateLimitError) throw error;
    const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (final) {
      const reason = error instanceof Error ? error.message : String(error);
      await recordFailure(
        context,
        job,
        parsed.data,
        reason,
        error instanceof NoSenderError ? "warn" : "error",
      );
    }
    throw error;
  }
}

async function deliver(
  context: SendContext,
  message: SendPayload,
  job: Job<SendJobData>,
  token: string | undefined,
): Promise<void> {
  const { channel, sender, queue, limiter, limits, cards } = context;
  if (!sender) throw new NoSenderError(channel);

  // A 429 seen by another worker holds this one too, even for a job fetched just before it.
  if ((await queue.getRateLimitTtl(MANUAL_RATE_LIMIT)) > 0) throw Worker.RateLimitError();
  const wait = await limiter.acquire(
    `${channel}:${message.chatId}`,
    chatIntervalMs(limits, channel, message.chatId),
  );
  if (wait > 0) {
    await job.moveToDelayed(Date.now() + wait + SLOT_MARGIN_MS, token);
    throw new DelayedError();
  }
  const { cardKey } = message;
  // A card updated while this waited here goes out as it is now (card-updates.ts).
  const order = cardOrder(job);
  const { content, shownAt } = await cardContentNow(cards, channel, message, order);
  // Its card was retired while it waited here: its buttons would be dead on arrival.
  if ((content.buttons || content.select) && cardKey !== undefined) {
    const retiredAt = await cards.retiredAt(channel, cardKey);
    if (retiredAt !== undefined && order < retiredAt) {
      delete content.buttons;
      delete content.select;
    }
  }
  let sent: Awaited<ReturnType<ChannelSender["send"]>>;
  try {
    sent = await sender.send({ chatId: message.chatId, ...content });
  } catch (error) {
    if (error instanceof SendRejectedError && error.chatGone) {
      await chatGone(context, message.chatId, error.reason);
    }
    throw await platformError(context, error);
  }
  context.observe.sent(channel);
  if (cardKey === undefined || !sent?.length) return;
  await recordCard(context, { ...message, cardKey }, sent, job);
  await catchUpWithUpdates(cardUpdateContext(context), { ...message, cardKey }, sent, order, shownAt);
  // A live copy posted below older ones (a reminder, a repeat ping): only it keeps its buttons.
  if (content.buttons?.length || content.select)
    await supersedeOlderCopies(cardUpdateContext(context), cardKey, sent);
}

function cardUpdateContext(context: SendContext): CardUpdateContext {
  const { channel, sender, cards, log } = context;
  return { channel, sender, cards, log, platformError: (error) => platformError(context, error) };
}

/**
 * Records where a card's message went. A retirement that ran while it was being sent (and so did
 * not see it) has marked the card first: then its buttons go at once. Never throws once sent (a
 * retry would send it twice): a failure here is logged.
 */
async function recordCard(
  context: SendContext,
  message: SendPayload & { cardKey: string },
  sent: SentMessageRef[],
  job: Job<SendJobData>,
): Promise<void> {
  const { channel, sender, cards, log } = context;
  const { cardKey } = message;
  try {
    const order = cardOrder(job);
    await cards.record(channel, cardKey, sent, order, message.cardVariant);
    const retiredAt = await cards.retiredAt(channel, cardKey);
    if (retiredAt === undefined || order >= retiredAt) return;
    for (const message of sent) {
      await sender?.clearButtons?.(message);
      await cards.forget(channel, cardKey, message);
    }
  } catch (err) {
    log.warn({ err, channel, card: cardKey }, "a card's message was sent; its buttons may stay");
  }
}

/** Issue 17 §5: the chat refused us for good; it follows no parcel any more (never fails the job). */
async function chatGone(context: SendContext, chatId: string, reason: string): Promise<void> {
  try {
    await context.onChatGone?.({ channel: context.channel, chatId }, reason);
  } catch (err) {
    context.log.warn({ err, channel: context.channel, chatId }, "a refused chat still follows its parcels");
  }
}

/** A 429 pauses the whole queue (the job goes back without using an attempt); a rejection is final. */
async function platformError(context: SendContext, error: unknown): Promise<unknown> {
  const { channel, queue, log } = context;
  if (error instanceof SendRateLimitedError) {
    log.warn({ channel, retryAfterMs: error.retryAfterMs }, "rate limited by the platform: the queue waits");
    context.observe.rateLimited(channel);
    await queue.rateLimit(Math.max(1, Math.ceil(error.retryAfterMs)));
    return Worker.RateLimitError();
  }
  if (error instanceof SendRejectedError) return new UnrecoverableError(error.message);
  return error;
}

/**
 * Takes the buttons off the card's messages sent from jobs enqueued before this one; each is
 * forgotten once done, so a retry (after a 429 or a network failure) does only the rest. A
 * channel that cannot change its messages just forgets them.
 */
async function retireCard(
  context: SendContext,
  payload: RetirePayload,
  job: Job<SendJobData>,
): Promise<void> {
  const { channel, sender, queue, cards, log } = context;
  if ((await queue.getRateLimitTtl(MANUAL_RATE_LIMIT)) > 0) throw Worker.RateLimitError();
  const messages = await cards.retire(channel, payload.retireCard, cardOrder(job));
  for (const message of messages) {
    try {
      await sender?.clearButtons?.(message);
    } catch (error) {
      const thrown = await platformError(context, error);
      if (!(thrown instanceof UnrecoverableError)) {
        log.warn({ err: error, channel, card: payload.retireCard }, "cannot take a card's buttons away yet");
        throw thrown;
      }
      // Refused for good: skipped.
    }
    await cards.forget(channel, payload.retireCard, message);
  }
}

/** A message for a channel without credentials: a fact of the configuration, not a bug (no stack). */
class NoSenderError extends UnrecoverableError {
  constructor(channel: Channel) {
    super(`no sender is configured for ${channel} (no credentials)`);
  }
}

/** A message lost for good: logged (once), and an audit row (notice.failed). */
async function recordFailure(
  context: SendContext,
  job: Job<SendJobData>,
  message: SendPayload | undefined,
  reason: string,
  level: "warn" | "error" = "error",
): Promise<void> {
  const { channel, audit, log, clock } = context;
  const chatId = message?.chatId ?? null;
  log[level]({ channel, chatId, jobId: job.id, key: message?.key, reason }, "message not delivered");
  context.observe.failed(channel);
  await audit.append({
    at: clock.now(),
    actor: { kind: "system", name: sendQueueName(channel) },
    action: "notice.failed",
    subject: `chat/${channel}/${chatId ?? "unknown"}`,
    data: {
      channel,
      chatId,
      key: message?.key ?? null,
      reason,
      jobId: job.id ?? null,
      attempts: job.attemptsMade + 1,
      ...(message?.dedupeKey ? { dedupeKey: message.dedupeKey } : {}),
    },
  });
}

/** The worker's error listener, and failures the processor never saw (a stalled job's). */
function listenToSendWorker(worker: Worker<SendJobData>, context: SendContext): void {
  const { log } = context;
  worker.on("error", (error) => log.error({ err: error, queue: worker.name }, "send worker error"));
  worker.on("failed", (job, error) => {
    // A job whose worker died twice fails without reaching the processor: record it here.
    if (job?.deferredFailure) {
      const message = sendPayloadSchema.safeParse(job.data);
      recordFailure(context, job, message.data, job.deferredFailure).catch((err: unknown) =>
        log.error({ err, jobId: job.id }, "cannot record a failed message"),
      );
    }
    // Logged once already, as the configuration fact it is (recordFailure).
    if (error instanceof NoSenderError) return;
    const final = !job || job.finishedOn !== undefined;
    log[final ? "error" : "warn"](
      { err: error, queue: worker.name, jobId: job?.id, attemptsMade: job?.attemptsMade },
      final ? "send failed for good" : "send failed, will retry",
    );
  });
  worker.on("stalled", (jobId) =>
    log.warn({ queue: worker.name, jobId }, "send job stalled (its worker died?)"),
  );
}
