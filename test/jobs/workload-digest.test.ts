import { beforeAll, describe, expect, it } from "vitest";
import { parseClockTime } from "../../src/domain/kernel/clock-time";
import { workloadDigest } from "../../src/domain/workload/workload";
import { monthlyCron, WORKLOAD_DIGEST_JOB } from "../../src/jobs/workload-job";
import { openMemoryStore } from "../support/memory/store";
import { answeredQuery } from "../support/queries";
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
 * SOP-90's monthly digest as BullMQ runs it: a job scheduler on the first day of each month at the
 * desk's opening, on the branch's clock, and the real domain's digest sent to the duty leads.
 */
let jobs: TestJobs;
const store = openMemoryStore();
const { prefix } = redisForFile(
  "workload",
  () => jobs?.close(),
  () => store.close(),
);
// Sunday 2026-11-01, 08:00 at the branch: the digest reports October.
const clock = new RunningClock("2026-11-01T00:00:00Z");
const telegram = new RecordingSender();

beforeAll(async () => {
  for (const [i, at] of ["2026-10-05T02:00:00Z", "2026-10-06T02:00:00Z", "2026-10-07T02:00:00Z"].entries()) {
    await store.queries.insert(answeredQuery("wang", at, `wl-wang-${i}`));
  }
  await store.queries.insert(answeredQuery("chen", "2026-10-08T02:00:00Z", "wl-chen-0"));
  await store.queries.insert(answeredQuery("chen", "2026-11-01T00:00:00Z", "wl-chen-nov")); // this month: not in it
  jobs = await startTestJobs({
    prefix,
    domain: { ...domainDouble({}), workloadDigest },
    store,
    clock,
    policy: testPolicy(),
    senders: { telegram },
    tuning: { limits: { telegram: { privateChatMs: 0, groupChatMs: 0 } } },
  });
});

describe("SOP-90: the monthly workload digest", () => {
  it("is scheduled for the first day of each month when the desk opens, on the branch's clock", async () => {
    const scheduler = await jobs.queues.digests.getJobScheduler(WORKLOAD_DIGEST_JOB);
    expect(scheduler).toMatchObject({ name: WORKLOAD_DIGEST_JOB, pattern: "0 8 1 * *", tz: "Asia/Shanghai" });
    // 08:00 on the 1st in Shanghai is 00:00 UTC on the 1st.
    expect(new Date(scheduler?.next ?? 0).toISOString()).toMatch(/-01T00:00:00\.000Z$/);
    const at = (text: string) => monthlyCron(parseClockTime(text) ?? { text, minutes: -1 });
    expect(at("07:30")).toBe("30 7 1 * *");
  });

  it("sends last month's figures to each duty lead once, even when the job runs twice", async () => {
    const job = await jobs.queues.digests.add(WORKLOAD_DIGEST_JOB, {});
    const digests = () => telegram.sent.filter((m) => m.text.includes("上月话务量汇总"));
    await waitFor("the digest", digests, (d) => d.length === 1);
    const [digest] = digests();
    expect(digest?.chatId).toBe("2002"); // li, the duty lead
    expect(digest?.text).toContain("2026-10 话务量(旺季,目标每人每月 1150 件):");
    expect(digest?.text).not.toContain("SOP-");
    expect(digest?.text).toContain("• 王芳(017):3 件");
    expect(digest?.text).toContain("• 陈静(021):1 件");

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
    expect(digests()).toHaveLength(1);
  });
});
