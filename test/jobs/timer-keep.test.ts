import { afterAll, describe, expect, it } from "vitest";
import { timer } from "../../src/domain/ports";
import { domainDouble, RunningClock, redisForFile, startTestJobs, type TestJobs, waitFor } from "./support";

/**
 * Issue 15: a pending timer's job hash stays small. How long a finished timer is kept (a week, so
 * the reconciliation knows a timer that ran from one that was lost) is the timer worker's option,
 * not each job's; and a run that ends asks Redis nothing more (a move made while it ran is applied
 * when it completes).
 */
let jobs: TestJobs | undefined;
const { prefix } = redisForFile("timer-keep", () => jobs?.close());
const clock = new RunningClock("2026-11-27T02:00:00Z");
const ran: string[] = [];
afterAll(async () => {
  await jobs?.close();
});

describe("timer jobs: kept when finished, small while pending", () => {
  it("stores no keep-finished options on a pending timer, and still knows a timer that has run", async () => {
    jobs = await startTestJobs({
      prefix,
      clock,
      domain: domainDouble({
        handleTimer: async (_deps, t) => {
          ran.push(t.subjectId);
          return "done";
        },
      }),
    });
    const inMs = (ms: number) => new Date(clock.now().getTime() + ms);
    await jobs.scheduler.schedule(timer("query-due", "later", inMs(3_600_000)));
    const pending = await jobs.queues.timers.getJob("query-due-later");
    expect(pending?.opts.attempts).toBeGreaterThan(1);
    expect(pending?.opts.removeOnComplete).toBeUndefined();
    expect(pending?.opts.removeOnFail).toBeUndefined();

    await jobs.scheduler.schedule(timer("query-due", "soon", inMs(50)));
    await waitFor(
      "the timer ran",
      () => ran.includes("soon"),
      (done) => done,
    );
    await waitFor(
      "its job completed",
      () => jobs?.scheduler.isPending("query-due-soon"),
      (p) => p === false,
    );
    // Kept (not removed at once): the reconciliation can tell it ran.
    expect(await jobs.scheduler.isKnown("query-due-soon")).toBe(true);
    expect(await jobs.queues.timers.getJobState("query-due-soon")).toBe("completed");
  });
});
