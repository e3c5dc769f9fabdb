import { beforeAll, describe, expect, it } from "vitest";
import { parseClockTime } from "../../src/domain/kernel/clock-time";
import { type Notice, type Timer, timer } from "../../src/domain/ports";
import { dailyCron } from "../../src/jobs/digests";
import type { JobsDomain } from "../../src/jobs/domain-port";
import {
  domainDouble,
  RecordingSender,
  RunningClock,
  redisForFile,
  startTestJobs,
  type TestJobs,
  testPolicy,
  waitFor,
} from "./support";

/**
 * The recurring jobs: SOP-14's shift handover at closing and morning list at opening, as BullMQ
 * job schedulers on the branch's clock, and the reconciliation that restores lost timers.
 */
let jobs: TestJobs;
const { prefix } = redisForFile("digests", () => jobs?.close());
const clock = new RunningClock("2026-11-27T02:00:00Z");
const telegram = new RecordingSender();

const expected: Timer[] = [];
let reconciliations = 0;
const firedSubjects: string[] = [];
const handover: Notice[] = [
  { to: { kind: "person", personId: "wang" }, key: "error.tooLong", params: { max: "handover-wang" } },
  { to: { kind: "person", personId: "li" }, key: "error.tooLong", params: { max: "handover-li" } },
];

const domain: JobsDomain = domainDouble({
  handleTimer: async (_deps, { subjectId }) => {
    firedSubjects.push(subjectId);
    return "done";
  },
  expectedTimers: async () => {
    reconciliations++;
    return expected.slice();
  },
  shiftHandover: async () => handover,
  morningList: async () => [
    { to: { kind: "person", personId: "wang" }, key: "error.tooLong", params: { max: "morning-wang" } },
  ],
});

beforeAll(async () => {
  jobs = await startTestJobs({
    prefix,
    domain,
    clock,
    policy: testPolicy(),
    senders: { telegram },
    tuning: { limits: { telegram: { privateChatMs: 0, groupChatMs: 0 } } },
  });
});

describe("digest schedulers", () => {
  it("SOP-14: runs the handover at closing and the morning list at opening, on the branch's clock", async () => {
    const handoverScheduler = await jobs.queues.digests.getJobScheduler("shift-handover");
    expect(handoverScheduler).toMatchObject({
      name: "shift-handover",
      pattern: "30 18 * * *",
      tz: "Asia/Shanghai",
    });
    // 18:30 in Shanghai is 10:30 UTC.
    expect(new Date(handoverScheduler?.next ?? 0).toISOString()).toMatch(/T10:30:00\.000Z$/);

    const morning = await jobs.queues.digests.getJobScheduler("morning-list");
    expect(morning).toMatchObject({ name: "morning-list", pattern: "0 8 * * *", tz: "Asia/Shanghai" });
    expect(new Date(morning?.next ?? 0).toISOString()).toMatch(/T00:00:00\.000Z$/);

    expect(await jobs.queues.digests.getJobScheduler("reconcile-timers")).toMatchObject({
      every: 10 * 60 * 1000,
    });
  });

  it("writes a clock time of the policy as a daily cron pattern (24:00 is midnight)", () => {
    const at = (text: string) => {
      const time = parseClockTime(text);
      if (!time) throw new Error(text);
      return dailyCron(time);
    };
    expect(at("08:00")).toBe("0 8 * * *");
    expect(at("18:30")).toBe("30 18 * * *");
    expect(at("07:05")).toBe("5 7 * * *");
    expect(at("24:00")).toBe("0 0 * * *");
  });

  it("sends each notice of the handover once, even when the digest job runs twice", async () => {
    const job = await jobs.queues.digests.add("shift-handover", {});
    const texts = () => telegram.sent.map((m) => m.text).filter((t) => t.includes("handover-"));
    await waitFor("the handover", texts, (t) => t.length === 2);
    expect(
      telegram.sent
        .filter((m) => m.text.includes("handover-"))
        .map((m) => m.chatId)
        .sort(),
    ).toEqual(["2001", "2002"]);

    // The same run again (as after a worker died mid-job): nothing new goes out.
    await waitFor(
      "the first run",
      () => job.getState(),
      (s) => s === "completed",
    );
    await job.retry("completed");
    await waitFor(
      "the second run",
      () => job.getState(),
      (s) => s === "completed",
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(texts()).toHaveLength(2);
  });

  it("sends the morning list when its job runs", async () => {
    await jobs.queues.digests.add("morning-list", {});
    await waitFor(
      "the morning list",
      () => telegram.sent.filter((m) => m.text.includes("morning-wang")).length,
      (n) => n === 1,
    );
  });
});

describe("timer reconciliation", () => {
  it("ran once when the workers started", () => {
    expect(reconciliations).toBeGreaterThanOrEqual(1);
  });

  it("schedules the expected timers BullMQ does not know, and leaves pending and finished ones alone", async () => {
    const inMs = (ms: number) => new Date(clock.now().getTime() + ms);
    // Ran already (completed and kept): must not run twice.
    const ran = timer("query-warn", "rec-ran", inMs(0));
    await jobs.scheduler.schedule(ran);
    await waitFor(
      "the first timer",
      () => jobs.queues.timers.getJobState(ran.id),
      (s) => s === "completed",
    );
    // Pending with its own due time: left as it is.
    const pending = timer("query-due", "rec-pending", inMs(60_000));
    await jobs.scheduler.schedule(pending);
    // Lost (a crash between a commit and its schedule call): scheduled.
    const lost = timer("hold-origin", "rec-lost", inMs(300));

    expected.push({ ...ran, dueAt: inMs(0) }, { ...pending, dueAt: inMs(5000) }, lost);
    const before = reconciliations;
    await jobs.queues.digests.add("reconcile-timers", {});
    await waitFor(
      "the reconciliation",
      () => reconciliations,
      (n) => n > before,
    );

    await waitFor(
      "the lost timer fires",
      () => firedSubjects.filter((s) => s === "rec-lost").length,
      (n) => n === 1,
    );
    expect(firedSubjects.filter((s) => s === "rec-ran")).toHaveLength(1);
    expect((await jobs.queues.timers.getJob(pending.id))?.data.dueAt).toBe(pending.dueAt.toISOString());
    expect(await jobs.queues.timers.getJobState(pending.id)).toBe("delayed");
    await jobs.scheduler.cancel([pending.id]);
  });
});
