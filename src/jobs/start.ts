import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { DirectoryIndex } from "../domain/config/directory";
import type { Policy } from "../domain/config/policy";
import { chatBlocked } from "../domain/following/use-cases";
import type { BusinessCalendar } from "../domain/kernel/calendar";
import { CHANNELS } from "../domain/kernel/chat";
import { type Clock, systemClock } from "../domain/kernel/clock";
import type { Notifier, StaffPresence, Store } from "../domain/ports";
import type { ChannelSenders } from "../domain/ports/channel-sender";
import type { Logger } from "../log";
import { redisCardSequence } from "./cards";
import { redisChatLimiter } from "./chat-limiter";
import { createDigestWorker, upsertDigestSchedulers } from "./digests";
import type { JobsDeps, JobsDomain } from "./domain-port";
import { countJobsInHand, jobsInHand } from "./in-hand";
import { createQueuedNotifier } from "./notifier";
import {
  createJobQueues,
  type JobQueues,
  type JobsTuning,
  type JobsTuningInput,
  resolveTuning,
} from "./queues";
import { type BullScheduler, createBullScheduler } from "./scheduler";
import { createSendWorker } from "./send-worker";
import { createTimerWorker } from "./timer-worker";

export type WorkerName = "timers" | "digests" | "send";
const WORKER_NAMES: readonly WorkerName[] = ["timers", "digests", "send"];

export interface StartJobsOptions {
  /** The caller's ioredis client; the jobs open their own connections from it and close them. */
  connection: Redis;
  /** BullMQ's key prefix (default "pd"); tests use one of their own. */
  prefix?: string;
  store: Store;
  policy: Policy;
  calendar: BusinessCalendar;
  directory: DirectoryIndex;
  clock?: Clock;
  presence: StaffPresence;
  /** Senders of the channels that have credentials; a message for another channel fails (recorded). */
  senders?: ChannelSenders;
  log: Logger;
  /**
   * true (default): run every worker here; false: producers only (a chat process whose jobs run
   * in `npm run worker` processes); or the workers to run.
   */
  workers?: boolean | readonly WorkerName[];
  tuning?: JobsTuningInput;
  newId?: () => string;
}

export interface Jobs {
  scheduler: BullScheduler;
  notifier: Notifier;
  queues: JobQueues;
  /** Resolves when every worker of this process is connected (for tests). */
  ready(): Promise<void>;
  /**
   * Graceful stop: the workers take no new job and finish the running ones (forced after
   * timeoutMs: an unfinished job is taken over by another worker, see stalled jobs), then the
   * queues and connections close.
   */
  close(timeoutMs?: number): Promise<void>;
}

/** What the workers of this process share. */
interface WorkerSetup {
  connection: Redis;
  prefix: string;
  tuning: JobsTuning;
  log: Logger;
  queues: JobQueues;
  scheduler: BullScheduler;
  domain: JobsDomain;
  deps: JobsDeps;
  senders: ChannelSenders | undefined;
}

export async function startJobsWith(options: StartJobsOptions & { domain: JobsDomain }): Promise<Jobs> {
  const { store, policy, calendar, directory, presence, log, domain } = options;
  const clock = options.clock ?? systemClock;
  const prefix = options.prefix ?? "pd";
  const tuning = resolveTuning(options.tuning);
  const wanted = wantedWorkers(options.workers);

  // Producers fail fast when Redis is away (a chat step answers with an error instead of
  // hanging); workers wait for it, as BullMQ requires (maxRetriesPerRequest: null).
  const producer = options.connection.duplicate({ maxRetriesPerRequest: 3 });
  producer.on("error", (error) => log.warn({ err: error }, "redis (job producers) connection error"));
  const workerConnection: Redis | undefined =
    wanted.size > 0 ? options.connection.duplicate({ maxRetriesPerRequest: null }) : undefined;
  workerConnection?.on("error", (error) => log.warn({ err: error }, "redis (job workers) connection error"));

  const queues = createJobQueues(producer, { prefix, tuning, log });
  const scheduler = createBullScheduler(queues.timers, { redis: producer, clock });
  const cards = redisCardSequence(producer, prefix);
  const notifier = createQueuedNotifier({
    queues,
    directory,
    presence,
    audit: store.audit,
    log,
    clock,
    cards,
    // A person on Telegram and Slack is sent to on the one that has credentials here.
    ...(options.senders ? { configured: CHANNELS.filter((c) => options.senders?.[c]) } : {}),
  });
  const deps: JobsDeps = {
    store,
    scheduler,
    notifier,
    policy,
    calendar,
    directory,
    clock,
    presence,
    log,
    ...(options.newId ? { newId: options.newId } : {}),
  };

  const closeConnections = () => closeQueuesAndConnections(queues, [producer, workerConnection], log);

  let workers: Worker[] = [];
  if (workerConnection) {
    const setup: WorkerSetup = {
      connection: workerConnection,
      prefix,
      tuning,
      log,
      queues,
      scheduler,
      domain,
      deps,
      senders: options.senders,
    };
    try {
      workers = await createWorkers(wanted, setup);
    } catch (error) {
      await closeConnections();
      throw error;
    }
  }
  log.info({ prefix, workers: [...wanted] }, "jobs started");

  let closing: Promise<void> | undefined;
  return {
    scheduler,
    notifier,
    queues,
    async ready() {
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    close(timeoutMs = 15_000) {
      closing ??= (async () => {
        await closeWorkers(workers, timeoutMs, log);
        await closeConnections();
        log.info("jobs stopped");
      })();
      return closing;
    },
  };
}

function wantedWorkers(option: StartJobsOptions["workers"]): Set<WorkerName> {
  if (option === false) return new Set();
  return new Set(option === true || option === undefined ? WORKER_NAMES : option);
}

/** The workers named in `wanted`; if one cannot start, those already made are closed again. */
async function createWorkers(wanted: Set<WorkerName>, setup: WorkerSetup): Promise<Worker[]> {
  const { connection, prefix, tuning, log, queues, scheduler, domain, deps } = setup;
  const common = { connection, prefix, tuning, log };
  const workers: Worker[] = [];
  try {
    if (wanted.has("timers"))
      workers.push(countJobsInHand(createTimerWorker({ ...common, scheduler, domain, deps })));
    if (wanted.has("digests")) {
      workers.push(countJobsInHand(createDigestWorker({ ...common, scheduler, domain, deps })));
      await upsertDigestSchedulers(queues.digests, deps.policy, tuning);
      // Once at start too: timers lost while no worker ran are back at once.
      await queues.digests.add("reconcile-timers", {});
    }
    if (wanted.has("send")) workers.push(...createSendWorkers(setup).map(countJobsInHand));
  } catch (error) {
    await Promise.allSettled(workers.map((w) => w.close(true)));
    throw error;
  }
  return workers;
}

/** One send worker per channel, all sharing one per-chat limiter. */
function createSendWorkers(setup: WorkerSetup): Worker[] {
  const { connection, prefix, tuning, log, queues, deps, senders } = setup;
  const limiter = redisChatLimiter(connection, `${prefix}:chat-limit:`);
  return CHANNELS.map((channel) => {
    const sender = senders?.[channel];
    if (!sender) log.info({ channel }, "no sender for this channel: its messages will fail (recorded)");
    return createSendWorker(channel, sender, {
      connection,
      prefix,
      tuning,
      log,
      queue: queues.send[channel],
      limiter,
      audit: deps.store.audit,
      clock: deps.clock,
      // Issue 17 §5: a chat that blocked the bot stops following its parcels.
      onChatGone: (chat, reason) => chatBlocked(deps, chat, reason),
    });
  });
}

/**
 * Lets the workers finish the jobs they have in hand (in-hand.ts); after timeoutMs they are left
 * closing and the jobs' shared connections are closed next (the jobs are taken over later; a
 * worker's own blocking connection goes with the process). A worker with none closes at once,
 * forced: BullMQ's graceful close first waits for the worker's blocking read of its next job,
 * which a Redis restart can leave unanswered for good (bullmq#4656). A close cannot be forced
 * once it has begun.
 */
async function closeWorkers(workers: readonly Worker[], timeoutMs: number, log: Logger): Promise<void> {
  const closing = Promise.allSettled(workers.map((w) => w.close(jobsInHand(w) === 0)));
  if (await within(timeoutMs, closing)) return;
  log.warn({ timeoutMs }, "jobs still running at shutdown: closing anyway (they will be taken over)");
}

/**
 * The queues, then the jobs' own connections. Bounded: BullMQ's close can wait forever on a
 * connection that Redis dropped (bullmq#4656); after CLOSE_STEP_MS the connections are dropped.
 */
async function closeQueuesAndConnections(
  queues: { close(): Promise<unknown> },
  connections: readonly (Redis | undefined)[],
  log: Logger,
): Promise<void> {
  const closing = (async () => {
    await queues.close();
    await Promise.allSettled(connections.map((c) => c?.quit()));
  })();
  if (await within(CLOSE_STEP_MS, closing)) return;
  log.warn({ ms: CLOSE_STEP_MS }, "job queues did not close in time: disconnecting");
  for (const c of connections) c?.disconnect();
}

/** How long a forced close step may take before its connections are simply dropped. */
const CLOSE_STEP_MS = 5_000;

/** Whether `work` settled within `ms` (it is left to finish or not on its own). */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]);
  clearTimeout(timer);
  return settled;
}
