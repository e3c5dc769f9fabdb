import { describe, it } from "vitest";
import { queryRef } from "../../src/domain/desk/context";
import { timer, timerId } from "../../src/domain/ports";
import type { Query } from "../../src/domain/ports/records";
import { type DeskOnJobs, deskOnJobs } from "./desk-on-jobs";
import { memoryPresence, RunningClock, testPolicy, waitFor } from "./support";

/**
 * The desk's own timers end to end: use cases schedule them through the BullMQ Scheduler, the
 * real handleTimer runs them, the notices go out through the send queue. The store is the
 * in-memory one (it passes the Store contract of test/store/contract.test.ts): these tests are
 * about the timers, the queues and the handler, not SQL. The policy is in seconds: a customer
 * query is due 2 s after it arrives, warned 1 s before.
 */
const policy = testPolicy({ queryReply: { customer: "PT2S", branch: "PT6S", warnBefore: "PT1S" } });
// Each test its own desk, jobs and clock (10:00 in Shanghai, a Friday: the desk is open), so that
// the two run at once although the second moves its clock.
const deskOfItsOwn = (label: string) => {
  const clock = new RunningClock("2026-11-27T02:00:00Z");
  // Its fields are filled in before the tests (deskOnJobs' beforeAll): read them in the test.
  return Object.assign(deskOnJobs(label, { policy, clock, presence: memoryPresence(["wang"]) }), { clock });
};
const deadlines = deskOfItsOwn("desk-timers-deadline");
const opening = deskOfItsOwn("desk-timers-opening");

async function raiseQuery(on: DeskOnJobs, chatId: string, text: string): Promise<Query> {
  const opened = await on.desk.raiseQuery({
    asker: { channel: "telegram", chatId, userId: chatId },
    language: "zh",
    text,
  });
  if (!opened.ok) throw new Error(`query refused: ${opened.reason}`);
  return opened.query;
}
const about = (on: DeskOnJobs, query: Query, marker: string) =>
  on.telegram.sent.filter((m) => m.text.includes(queryRef(query)) && m.text.includes(marker));
// The Chinese texts of notice.query.warn and notice.query.overdue.
const WARNED = "尚未回复";
const OVERDUE = "已超时未回复";

describe.concurrent("the desk's query timers on BullMQ", () => {
  it("SOP-10: warns the available agent before the deadline, escalates to the duty lead at it; an answered query stays quiet", async ({
    expect,
  }) => {
    const on = deadlines;
    const start = Date.now();
    const open = await raiseQuery(on, "9001", "我的快递到哪了?");
    const answered = await raiseQuery(on, "9002", "能改地址吗?");
    expect((await on.desk.answerQuery(answered.id, "wang", "可以,请提供新地址。")).ok).toBe(true);
    expect(await on.jobs.queues.timers.getJobState(timerId("query-warn", answered.id))).toBe("unknown");
    expect(await on.jobs.queues.timers.getJobState(timerId("query-due", answered.id))).toBe("unknown");

    const [warning] = await waitFor(
      "the warning",
      () => about(on, open, WARNED),
      (m) => m.length === 1,
    );
    expect(warning?.chatId).toBe("2001"); // wang: the available agent (SOP-14)
    expect(warning?.at).toBeGreaterThanOrEqual(start + 1000 - 50);
    expect(warning?.buttons?.[0]?.payload).toMatch(/^a\.[a-z]{1,8}\./);

    const [escalation] = await waitFor(
      "the escalation",
      () => about(on, open, OVERDUE),
      (m) => m.length === 1,
    );
    expect(escalation?.chatId).toBe("2002"); // li: the duty lead
    expect(escalation?.at).toBeGreaterThanOrEqual(start + 2000 - 50);

    await new Promise((r) => setTimeout(r, 300));
    expect(about(on, open, WARNED)).toHaveLength(1);
    expect(about(on, open, OVERDUE)).toHaveLength(1);
    expect(about(on, answered, WARNED)).toEqual([]);
    expect(about(on, answered, OVERDUE)).toEqual([]);
  });

  it("SOP-12: a warning that falls before the desk opens waits for 08:00 and is sent once then", async ({
    expect,
  }) => {
    const on = opening;
    // 07:59:57.5 in Shanghai: the desk opens 2.5 s from now (time for the deferral on a busy machine).
    const { clock } = on;
    clock.set("2026-11-26T23:59:57.500Z");
    const query = await raiseQuery(on, "9003", "什么时候派送?");
    // The real instant at which the branch's clock reads 08:00.
    const opensAt = Date.now() + (Date.parse("2026-11-27T00:00:00Z") - clock.now().getTime());
    // Bring its warning forward to now, while the desk is still closed.
    await on.jobs.scheduler.schedule(timer("query-warn", query.id, clock.now()));

    await waitFor(
      "the deferral to the opening",
      () => on.jobs.queues.timers.getJob(timerId("query-warn", query.id)),
      (job) => job?.data.dueAt === "2026-11-27T00:00:00.000Z",
    );
    expect(about(on, query, WARNED)).toEqual([]);

    const [warning] = await waitFor(
      "the warning at 08:00",
      () => about(on, query, WARNED),
      (m) => m.length === 1,
    );
    expect(warning?.at).toBeGreaterThanOrEqual(opensAt - 20);
    await new Promise((r) => setTimeout(r, 250));
    expect(about(on, query, WARNED)).toHaveLength(1);
    await on.jobs.scheduler.cancel([timerId("query-due", query.id)]);
  });
});
