import type { Worker } from "bullmq";

/** Jobs each worker has in hand now (being processed, or being recorded as done or failed). */
const inHand = new WeakMap<Worker, number>();

/**
 * Counts the worker's jobs in hand around BullMQ's processJob, which every job goes through from
 * the moment it is fetched until it is recorded. Not from the worker's events: a job put back with
 * DelayedError (the timers' waits) or RateLimitError (a 429) emits neither "completed" nor
 * "failed", and a count from events would then say "one in hand" for good.
 */
export function countJobsInHand<W extends Worker>(worker: W): W {
  const processJob = worker.processJob.bind(worker);
  const add = (n: number) => inHand.set(worker, (inHand.get(worker) ?? 0) + n);
  worker.processJob = async (job, token, fetchNext) => {
    add(1);
    try {
      return await processJob(job, token, fetchNext);
    } finally {
      add(-1);
    }
  };
  return worker;
}

export function jobsInHand(worker: Worker): number {
  return inHand.get(worker) ?? 0;
}
