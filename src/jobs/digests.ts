import { type Queue, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Policy } from "../domain/config/policy";
import type { ClockTime } from "../domain/kernel/clock-time";
import type { Logger } from "../log";
import { isDeliveryJob, runDeliveryJob, upsertDeliverySchedulers } from "./delivery-jobs";
import { type JobsDeps, type JobsDomain, withDedupeScope } from "./domain-port";
import { DIGEST_JOBS, DIGESTS_QUEUE, type DigestJobName, type JobsTuning } from "./queues";
import type { BullScheduler } from "./scheduler";
import { runWorkloadDigest, upsertWorkloadScheduler, WORKLOAD_DIGEST_JOB } from "./workload-job";

/**
 * The recurring jobs, as BullMQ job schedulers on the `digests` queue:
 * - SOP-14 the shift handover when the desk closes (deskHours.closes) and the morning list of
 *   open items when it opens (deskHours.opens), on the branch's clock (`tz: policy.timezone`);
 * - the timer reconciliation: every expected timer that BullMQ does not know is scheduled (a crash
 *   between a use case's commit and its schedule() call loses no timer), every few minutes and
 *   once when the workers start.
 */
type DigestsQueue = Queue<Record<string, never>>;

/** A daily cron pattern at a clock time; 24:00 (closes at midnight) is 00:00. */
export function dailyCron(time: ClockTime): string {
  const minutes = time.minutes % (24 * 60);
  return `${minutes % 60} ${Math.floor(minutes / 60)} * * *`;
}

export async function upsertDigestSchedulers(
  queue: DigestsQueue,
  policy: Policy,
  tuning: JobsTuning,
): Promise<void> {
  const tz = policy.timezone;
  await queue.upsertJobScheduler(
    "shift-handover",
    { pattern: dailyCron(policy.deskHours.closes), tz },
    { name: "shift-handover" },
  );
  await queue.upsertJobScheduler(
    "morning-list",
    { pattern: dailyCron(policy.deskHours.opens), tz },
    { name: "morning-list" },
  );
  await queue.upsertJobScheduler(
    "reconcile-timers",
    { every: tuning.reconcileEveryMs },
    { name: "reconcile-timers" },
  );
  await upsertDeliverySchedulers(queue, policy); // SOP-44, SOP-74
  await upsertWorkloadScheduler(queue, policy); // SOP-90
}

export interface DigestWorkerDeps {
  connection: Redis;
  prefix: string;
  scheduler: BullScheduler;
  domain: JobsDomain;
  deps: JobsDeps;
  tuning: JobsTuning;
  log: Logger;
}

/**
 * Schedules the expected timers BullMQ has no record of (not pending, not finished lately: a
 * timer that already ran must not run twice, see expectedTimers); answers how many.
 */
async function reconcileTimers(
  domain: Pick<JobsDomain, "expectedTimers">,
  deps: JobsDeps,
  scheduler: BullScheduler,
  log: Logger,
): Promise<number> {
  let scheduled = 0;
  for (const timer of await domain.expectedTimers(deps)) {
    if (await scheduler.isKnown(timer.id)) continue;
    await scheduler.schedule(timer);
    scheduled++;
    log.warn(
      { timer: timer.id, dueAt: timer.dueAt.toISOString() },
      "an expected timer was missing: scheduled it",
    );
  }
  return scheduled;
}

export function createDigestWorker(options: DigestWorkerDeps): Worker<Record<string, never>> {
  const { connection, prefix, scheduler, domain, deps, tuning, log } = options;
  const worker = new Worker<Record<string, never>>(
    DIGESTS_QUEUE,
    async (job) => {
      const name = job.name as DigestJobName;
      if (!DIGEST_JOBS.includes(name)) throw new UnrecoverableError(`unknown digest job "${job.name}"`);
      if (name === "reconcile-timers") return reconcileTimers(domain, deps, scheduler, log);
      const notices = isDeliveryJob(name)
        ? await runDeliveryJob(domain, deps, name)
        : name === WORKLOAD_DIGEST_JOB
          ? await runWorkloadDigest(domain, deps)
          : name === "shift-handover"
            ? await domain.shiftHandover(deps)
            : await domain.morningList(deps);
      // One run of one day's digest: the same notices if it runs again.
      const notifier = withDedupeScope(deps.notifier, `${name}/${job.id ?? ""}`);
      for (const notice of notices) await notifier.notify(notice);
      // The domain sends no digest on a day the desk is closed (SOP-14: closedWeekdays, closedDates).
      log.info(
        { digest: name, notices: notices.length },
        notices.length > 0 ? "digest sent" : "no digest to send (the desk is closed today)",
      );
      return notices.length;
    },
    {
      connection,
      prefix,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      maxStalledCount: 3,
    },
  );
  worker.on("failed", (job, error) =>
    log.error(
      { err: error, digest: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade },
      "digest job failed",
    ),
  );
  worker.on("error", (error) => log.error({ err: error, queue: worker.name }, "digest worker error"));
  worker.on("stalled", (jobId) => log.warn({ jobId }, "digest job stalled (its worker died?): runs again"));
  return worker;
}
