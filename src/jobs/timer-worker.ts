import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../log";
import { deskMetrics, type TimerObserver } from "../metrics";
import { isUnavailable } from "../store/outage";
import { type JobsDeps, type JobsDomain, withDedupeScope } from "./domain-port";
import { type JobsTuning, TIMERS_QUEUE, type TimerPayload, timerPayloadSchema } from "./queues";
import type { BullScheduler } from "./scheduler";

/**
 * Runs the SOP timers. A job is a few lines: parse the payload, ask the domain (handleTimer
 * re-reads the state, so a late, repeated or resolved timer does nothing wrong), and when the
 * domain says "not now" (outside desk hours) move this same job to delayed until then.
 */
export interface TimerWorkerDeps {
  connection: Redis;
  prefix: string;
  scheduler: BullScheduler;
  domain: Pick<JobsDomain, "handleTimer">;
  deps: JobsDeps;
  tuning: JobsTuning;
  log: Logger;
  /** Counts the runs that ended and how late they ran (default: the process's /metrics). */
  observe?: TimerObserver;
}

// A deferral to "now" or the past would spin: wait at least this long before asking again.
const MIN_DEFER_MS = 1000;
const KEEP_FINISHED_SECONDS = 7 * 24 * 3600;
// While the database is unreachable a timer waits and tries again, without using up its attempts
// (an outage longer than the attempts' backoff must not drop it, issue 16 §2): doubling, at most this.
const OUTAGE_RETRY_MAX_MS = 60_000;

/** A timer whose run met an outage goes back to delayed (doubling waits), its attempts untouched. */
async function waitOutOutage(
  job: Job<TimerPayload>,
  token: string | undefined,
  tries: Map<string, number>,
  tuning: JobsTuning,
  log: Logger,
  error: unknown,
): Promise<never> {
  const jobId = job.id ?? "";
  const count = (tries.get(jobId) ?? 0) + 1;
  tries.set(jobId, count);
  const wait = Math.min(tuning.timerBackoffMs * 2 ** (count - 1), OUTAGE_RETRY_MAX_MS);
  log.warn({ err: error, timer: jobId, retryInMs: wait }, "timer waits: the database is unreachable");
  await job.moveToDelayed(Date.now() + wait, token);
  throw new DelayedError();
}

/** A failed timer's wait before its next attempt (TIMER_BACKOFF): doubling from timerBackoffMs. */
function timerBackoff(tuning: Pick<JobsTuning, "timerBackoffMs">, attemptsMade: number): number {
  return Math.round(tuning.timerBackoffMs * 2 ** Math.max(0, attemptsMade - 1));
}

export function createTimerWorker(options: TimerWorkerDeps): Worker<TimerPayload> {
  const { connection, prefix, scheduler, domain, deps, tuning, log } = options;
  const observe = options.observe ?? deskMetrics;
  const outageTries = new Map<string, number>();

  const worker = new Worker<TimerPayload>(
    TIMERS_QUEUE,
    async (job, token) => {
      const parsed = timerPayloadSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad timer payload: ${parsed.error.message}`);
      const timer = parsed.data;
      const lateMs = Date.now() - new Date(timer.dueAt).getTime();
      const jobId = job.id ?? "";
      // Notices of one firing (one due time) are sent once, however often this job runs.
      const notifier = withDedupeScope(deps.notifier, `${jobId}@${timer.dueAt}`);
      let outcome: Awaited<ReturnType<typeof domain.handleTimer>>;
      try {
        outcome = await domain.handleTimer(
          { ...deps, notifier },
          { kind: timer.kind, subjectId: timer.subjectId },
        );
      } catch (error) {
        if (!isUnavailable(error)) {
          outageTries.delete(jobId); // the outage is over; this failure is the job's own
          throw error;
        }
        return waitOutOutage(job, token, outageTries, tuning, log, error);
      }
      outageTries.delete(jobId);

      // A run that ends (done, skipped) leaves a schedule() made while it ran to the "completed"
      // handler below, off this job's slot: no Redis round trip here for the common case. Only a
      // deferral asks now, because a schedule() made while it ran is newer than what the run decided.
      if (typeof outcome !== "object") {
        log.debug({ timer: jobId, outcome }, "timer fired");
        observe.fired(timer.kind, lateMs, outcome);
        return outcome;
      }
      const moved = await scheduler.takeReschedule(jobId);
      const next = moved?.dueAt ?? outcome.deferUntil;
      const delay = moved ? scheduler.delayUntil(next) : Math.max(MIN_DEFER_MS, scheduler.delayUntil(next));
      await job.updateData({ ...timer, dueAt: next.toISOString() });
      await job.moveToDelayed(Date.now() + delay, token);
      log.debug({ timer: jobId, until: next.toISOString(), moved: !!moved }, "timer waits");
      throw new DelayedError();
    },
    {
      connection,
      prefix,
      concurrency: tuning.timerConcurrency,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      // A timer re-reads state and its notices are de-duplicated: running it again is safe.
      maxStalledCount: 3,
      // Kept a week (here, not in each job's options, so a pending job's hash stays small): the
      // reconciliation must know a timer that already ran from one that was lost.
      removeOnComplete: { age: KEEP_FINISHED_SECONDS },
      removeOnFail: { age: KEEP_FINISHED_SECONDS },
      settings: { backoffStrategy: (attemptsMade: number) => timerBackoff(tuning, attemptsMade) },
    },
  );

  const applyReschedule = (jobId: string | undefined) => {
    if (!jobId) return;
    scheduler
      .applyReschedule(jobId)
      .catch((error: unknown) => log.error({ err: error, timer: jobId }, "cannot move a timer after it ran"));
  };
  worker.on("completed", (job) => applyReschedule(job.id));
  worker.on("failed", (job, error) => {
    const final = !job || job.finishedOn !== undefined;
    log[final ? "error" : "warn"](
      { err: error, timer: job?.id, attemptsMade: job?.attemptsMade },
      final ? "timer failed for good" : "timer failed, will retry",
    );
    if (final) applyReschedule(job?.id);
  });
  worker.on("error", (error) => log.error({ err: error, queue: worker.name }, "timer worker error"));
  worker.on("stalled", (jobId) =>
    log.warn({ timer: jobId }, "timer job stalled (its worker died?): runs again"),
  );
  return worker;
}
