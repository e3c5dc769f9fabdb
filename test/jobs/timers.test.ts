import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TIMER_KINDS, type TimerKind, timer } from "../../src/domain/ports";
import type { JobsDomain } from "../../src/jobs/domain-port";
import {
  deletePrefix,
  domainDouble,
  RecordingSender,
  RunningClock,
  redisForFile,
  startTestJobs,
  type TestJobs,
  uniquePrefix,
  waitFor,
} from "./support";

/**
 * The SOP timers on BullMQ with a domain double: what fires, when, and how often. The double
 * behaves as the domain's handleTimer promises to: it re-reads "state" (the resolved set), defers
 * while the desk is closed (SOP-12), and notifies the agent when it acts.
 */
let jobs: TestJobs;
const { prefix, redis } = redisForFile("timers", () => jobs?.close());
// 10:00 in Shanghai, a Friday: the desk is open.
const clock = new RunningClock("2026-11-27T02:00:00Z");
const telegram = new RecordingSender();

interface Firing {
  kind: TimerKind;
  subjectId: string;
  at: number;
  outcome?: string;
}
const firings: Firing[] = [];
const resolved = new Set<string>();
const selfMoves = new Map<string, number>();
/** Subjects whose handling fails this many more times (a bug, not an outage: BullMQ retries). */
const failures = new Map<string, number>();

const handleTimer: JobsDomain["handleTimer"] = async (deps, { kind, subjectId }) => {
  const firing: Firing = { kind, subjectId, at: Date.now() };
  firings.push(firing);
  if (resolved.has(subjectId)) {
    firing.outcome = "skipped";
    return "skipped";
  }
  const failing = failures.get(subjectId) ?? 0;
  if (failing > 0) {
    failures.set(subjectId, failing - 1);
    firing.outcome = "failed";
    throw new Error(`handler failed for ${subjectId}`);
  }
  const now = deps.clock.now();
  if (!deps.calendar.isDeskOpen(now)) {
    firing.outcome = "deferred";
    return { deferUntil: deps.calendar.nextOpening(now) };
  }
  const moveBy = selfMoves.get(subjectId);
  if (moveBy !== undefined) {
    // The handler re-arms its own timer while it runs (as a repeat ping would).
    selfMoves.delete(subjectId);
    await deps.scheduler.schedule(timer(kind, subjectId, new Date(now.getTime() + moveBy)));
  }
  await deps.notifier.notify({
    to: { kind: "person", personId: "wang" },
    key: "error.tooLong",
    params: { max: `${kind}/${subjectId}` },
  });
  firing.outcome = "done";
  return "done";
};

const domain = domainDouble({ handleTimer });

beforeAll(async () => {
  jobs = await startTestJobs({
    prefix,
    domain,
    clock,
    senders: { telegram },
    // Per-chat limits are the send tests' subject; here every timer notifies the same agent.
    tuning: {
      limits: { telegram: { privateChatMs: 0, groupChatMs: 0, global: undefined } },
      // A failed run is tried again after 100 ms, then 200 ms (the timers' doubling backoff).
      timerBackoffMs: 100,
    },
  });
});

beforeEach(() => {
  clock.set("2026-11-27T02:00:00Z");
});

const firingsOf = (subjectId: string) => firings.filter((f) => f.subjectId === subjectId);
const sentFor = (kind: TimerKind, subjectId: string) =>
  telegram.sent.filter((m) => m.text.includes(`${kind}/${subjectId} `));
const inMs = (ms: number) => new Date(clock.now().getTime() + ms);

describe("timers on BullMQ", () => {
  it("fires every kind of SOP timer once, at its due time, and sends its notice", async () => {
    const start = Date.now();
    for (const kind of TIMER_KINDS) await jobs.scheduler.schedule(timer(kind, `all-${kind}`, inMs(300)));

    await waitFor(
      "every kind's notice",
      () => TIMER_KINDS.filter((kind) => sentFor(kind, `all-${kind}`).length > 0).length,
      (n) => n === TIMER_KINDS.length,
    );
    for (const kind of TIMER_KINDS) {
      const fired = firingsOf(`all-${kind}`);
      expect(fired.map((f) => f.kind)).toEqual([kind]);
      expect(fired[0]?.at).toBeGreaterThanOrEqual(start + 300 - 20);
      expect(sentFor(kind, `all-${kind}`)).toHaveLength(1);
      expect(sentFor(kind, `all-${kind}`)[0]?.chatId).toBe("2001");
    }
  });

  it("uses the timer's id as the job id and its kind as the job name", async () => {
    const t = timer("query-due", "naming", inMs(60_000));
    await jobs.scheduler.schedule(t);
    const job = await jobs.queues.timers.getJob(t.id);
    expect(job?.id).toBe("query-due-naming");
    expect(job?.name).toBe("query-due");
    expect(job?.data).toEqual({ kind: "query-due", subjectId: "naming", dueAt: t.dueAt.toISOString() });
    expect(await jobs.queues.timers.getJobState(t.id)).toBe("delayed");
    await jobs.scheduler.cancel([t.id]);
  });

  it("tries a timer whose handling failed again, waiting longer each time, and notifies once it runs", async () => {
    failures.set("flaky", 2);
    const t = timer("query-warn", "flaky", inMs(100));
    await jobs.scheduler.schedule(t);
    await waitFor(
      "the third run",
      () => sentFor("query-warn", "flaky").length,
      (n) => n === 1,
    );
    const runs = firingsOf("flaky");
    expect(runs.map((f) => f.outcome)).toEqual(["failed", "failed", "done"]);
    // The waits double: at least 100 ms, then at least 200 ms.
    expect((runs[1]?.at ?? 0) - (runs[0]?.at ?? 0)).toBeGreaterThanOrEqual(100 - 20);
    expect((runs[2]?.at ?? 0) - (runs[1]?.at ?? 0)).toBeGreaterThanOrEqual(200 - 20);
    const job = await jobs.queues.timers.getJob(t.id);
    expect(job?.opts.backoff).toEqual({ type: "desk" });
  });

  it("never fires a cancelled timer; cancelling an unknown id is ignored", async () => {
    const cancelled = timer("query-warn", "cancel-me", inMs(500));
    const control = timer("query-warn", "cancel-control", inMs(700));
    await jobs.scheduler.schedule(cancelled);
    await jobs.scheduler.schedule(control);
    await jobs.scheduler.cancel([cancelled.id, "query-warn-never-existed"]);

    await waitFor(
      "the control timer",
      () => firingsOf("cancel-control").length,
      (n) => n === 1,
    );
    expect(firingsOf("cancel-me")).toEqual([]);
    expect(await jobs.queues.timers.getJobState(cancelled.id)).toBe("unknown");
  });

  it("moves a pending timer that is scheduled again: one job, fired once at the new time", async () => {
    const start = Date.now();
    await jobs.scheduler.schedule(timer("hold-origin", "moved", inMs(300)));
    const later = timer("hold-origin", "moved", inMs(900));
    await jobs.scheduler.schedule(later);
    const pending = await jobs.queues.timers.getJobs(["delayed", "waiting"]);
    expect(pending.filter((j) => j.id === later.id).map((j) => j.data.dueAt)).toEqual([
      later.dueAt.toISOString(),
    ]);

    await waitFor(
      "the moved timer",
      () => firingsOf("moved").length,
      (n) => n === 1,
    );
    expect(firingsOf("moved")[0]?.at).toBeGreaterThanOrEqual(start + 900 - 20);
    await new Promise((r) => setTimeout(r, 250));
    expect(firingsOf("moved")).toHaveLength(1);
  });

  it("runs a timer whose subject was resolved and does nothing (the handler re-reads the state)", async () => {
    resolved.add("answered");
    const t = timer("query-due", "answered", inMs(200));
    await jobs.scheduler.schedule(t);

    await waitFor(
      "the job completes",
      () => jobs.queues.timers.getJobState(t.id),
      (s) => s === "completed",
    );
    expect(firingsOf("answered").map((f) => f.outcome)).toEqual(["skipped"]);
    expect((await jobs.queues.timers.getJob(t.id))?.returnvalue).toBe("skipped");
    expect(sentFor("query-due", "answered")).toEqual([]);
  });

  it("SOP-12: a timer due while the desk is closed waits in delayed until it opens, then acts once", async () => {
    // 07:59:57.5 in Shanghai: the desk opens at 08:00, 2.5 s from now (time for the deferral on a busy machine).
    clock.set("2026-11-26T23:59:57.500Z");
    // The real instant at which the branch's clock reads 08:00.
    const opensAt = Date.now() + (Date.parse("2026-11-27T00:00:00Z") - clock.now().getTime());
    const t = timer("query-warn", "before-opening", clock.now());
    await jobs.scheduler.schedule(t);

    await waitFor(
      "the deferral",
      () => firingsOf("before-opening").length,
      (n) => n === 1,
    );
    const job = await waitFor(
      "the job to wait",
      () => jobs.queues.timers.getJob(t.id),
      (j) => j?.data.dueAt === "2026-11-27T00:00:00.000Z",
    );
    // The data is updated just before the move to delayed: wait for the move (a busy machine).
    await waitFor(
      "the job in delayed",
      () => job?.getState(),
      (s) => s === "delayed",
    );
    expect(sentFor("query-warn", "before-opening")).toEqual([]);

    await waitFor(
      "the notice after opening",
      () => sentFor("query-warn", "before-opening").length,
      (n) => n === 1,
    );
    expect(firingsOf("before-opening").map((f) => f.outcome)).toEqual(["deferred", "done"]);
    expect(firingsOf("before-opening")[1]?.at).toBeGreaterThanOrEqual(opensAt - 20);
  });

  it("keeps a timer that its own handler schedules again while it runs (moved, not lost)", async () => {
    selfMoves.set("rearm", 400);
    await jobs.scheduler.schedule(timer("pickup-accept", "rearm", inMs(100)));

    await waitFor(
      "both notices",
      () => sentFor("pickup-accept", "rearm").length,
      (n) => n === 2,
      5000,
    );
    const [first, second] = firingsOf("rearm");
    expect(firingsOf("rearm").map((f) => f.outcome)).toEqual(["done", "done"]);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(400 - 20);
  });

  it("two worker sets on separate connections run each timer once", async () => {
    const other = await startTestJobs({
      prefix,
      domain,
      clock,
      senders: { telegram },
      workers: ["timers"],
    });
    try {
      const subjects = Array.from({ length: 20 }, (_, i) => `pair-${i}`);
      for (const s of subjects) await jobs.scheduler.schedule(timer("hold-return", s, inMs(300)));
      await waitFor(
        "all twenty",
        () => subjects.filter((s) => firingsOf(s).length > 0).length,
        (n) => n === 20,
      );
      await new Promise((r) => setTimeout(r, 300));
      for (const s of subjects) expect(firingsOf(s)).toHaveLength(1);
      await waitFor(
        "all notices",
        () => subjects.filter((s) => sentFor("hold-return", s).length).length,
        (n) => n === 20,
      );
      for (const s of subjects) expect(sentFor("hold-return", s)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
  it("finishes the job in hand when closed (graceful shutdown) and takes no new one", async () => {
    const ownPrefix = uniquePrefix("timers-close");
    const started: string[] = [];
    let finished = false;
    const slow = domainDouble({
      handleTimer: async (_deps, { subjectId }) => {
        started.push(subjectId);
        await new Promise((r) => setTimeout(r, 400));
        finished = true;
        return "done";
      },
    });
    const closing = await startTestJobs({ prefix: ownPrefix, domain: slow, clock, workers: ["timers"] });
    const producer = await startTestJobs({ prefix: ownPrefix, domain: slow, clock, workers: false });
    try {
      await producer.scheduler.schedule(timer("query-due", "in-hand", inMs(0)));
      await producer.scheduler.schedule(timer("query-due", "not-yet", inMs(300)));
      await waitFor(
        "the job in hand",
        () => started.length,
        (n) => n === 1,
      );

      await closing.close();
      expect(finished).toBe(true);
      expect(await producer.queues.timers.getJobState("query-due-in-hand")).toBe("completed");
      await new Promise((r) => setTimeout(r, 300));
      expect(started).toEqual(["in-hand"]);
      expect(["delayed", "waiting"]).toContain(await producer.queues.timers.getJobState("query-due-not-yet"));
    } finally {
      await closing.close();
      await producer.close();
      await deletePrefix(redis, ownPrefix);
    }
  });
});
