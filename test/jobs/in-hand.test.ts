import { DelayedError, Queue, Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { countJobsInHand, jobsInHand } from "../../src/jobs/in-hand";
import { newRedis, redisForFile, waitFor } from "./support";

/**
 * Shutdown closes a worker with no job in hand at once, forced (src/jobs/start.ts closeWorkers):
 * the count must come back to zero however a job leaves the worker.
 */
const connection = newRedis();
const open: { close(): Promise<unknown> }[] = [];
const { prefix } = redisForFile("in-hand", async () => {
  for (const part of open.reverse()) await part.close();
});
afterAll(() => connection.disconnect());

describe("jobs in hand", () => {
  it("a job put back with DelayedError is no longer in hand", async () => {
    const queue = new Queue("in-hand", { connection, prefix });
    let started = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = countJobsInHand(
      new Worker(
        "in-hand",
        async (job, token) => {
          started++;
          await held;
          await job.moveToDelayed(Date.now() + 60_000, token);
          throw new DelayedError();
        },
        { connection, prefix },
      ),
    );
    open.push(queue, worker);
    await queue.add("wait", {});
    await waitFor(
      "the job taken",
      () => started,
      (n) => n === 1,
    );
    expect(jobsInHand(worker)).toBe(1);
    release();
    await waitFor(
      "the job delayed",
      () => queue.getDelayedCount(),
      (n) => n === 1,
    );
    await waitFor(
      "the worker's hand empty",
      () => jobsInHand(worker),
      (n) => n === 0,
    );
  });
});
