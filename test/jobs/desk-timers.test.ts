import { describe, expect, it } from "vitest";
import { queryRef } from "../../src/domain/desk/context";
import { timer, timerId } from "../../src/domain/ports";
import type { Query } from "../../src/domain/ports/records";
import { deskOnJobs } from "./desk-on-jobs";
import { memoryPresence, RunningClock, testPolicy, waitFor } from "./support";

/**
 * The desk's own timers end to end: use cases schedule them through the BullMQ Scheduler, the
 * real handleTimer runs them, the notices go out through the send queue. The store is the
 * in-memory one (it passes the Store contract of test/store/contract.test.ts): these tests are
 * about the timers, the queues and the handler, not SQL. The policy is in seconds: a customer
 * query is due 2 s after it arrives, warned 1 s before.
 */
const policy = testPolicy({ queryReply: { customer: "PT2S", branch: "PT6S", warnBefore: "PT1S" } });
// 10:00 in Shanghai, a Friday: the desk is open.
const clock = new RunningClock("2026-11-27T02:00:00Z");
const presence = memoryPresence(["wang"]);
const on = deskOnJobs("desk-timers", { policy, clock, presence });
const { telegram } = on;

async function raiseQuery(chatId: string, text: string): Promise<Query> {
  const opened = await on.desk.raiseQuery({
    asker: { channel: "telegram", chatId, userId: chatId },
    language: "zh",
    text,
  });
  if (!opened.ok) throw new Error(`query refused: ${opened.reason}`);
  return opened.query;
}
const about = (query: Query, marker: string) =>
  telegram.sent.filter((m) => m.text.includes(queryRef(query)) && m.text.includes(marker));
// The Chinese texts of notice.query.warn and notice.query.overdue.
const WARNED = "尚未回复";
const OVERDUE = "已超时未回复";

describe("the desk's query timers on BullMQ", () => {
  it("SOP-10: warns the available agent before the deadline, escalates to the duty lead at it; an answered query stays quiet", async () => {
    const start = Date.now();
    const open = await raiseQuery("9001", "我的快递到哪了?");
    const answered = await raiseQuery("9002", "能改地址吗?");
    expect((await on.desk.answerQuery(answered.id, "wang", "可以,请提供新地址。")).ok).toBe(true);
    expect(await on.jobs.queues.timers.getJobState(timerId("query-warn", answered.id))).toBe("unknown");
    expect(await on.jobs.queues.timers.getJobState(timerId("query-due", answered.id))).toBe("unknown");

    const [warning] = await waitFor(
      "the warning",
      () => about(open, WARNED),
      (m) => m.length === 1,
    );
    expect(warning?.chatId).toBe("2001"); // wang: the available agent (SOP-14)
    expect(warning?.at).toBeGreaterThanOrEqual(start + 1000 - 50);
    expect(warning?.buttons?.[0]?.payload).toMatch(/^a\.[a-z]{1,8}\./);

    const [escalation] = await waitFor(
      "the escalation",
      () => about(open, OVERDUE),
      (m) => m.length === 1,
    );
    expect(escalation?.chatId).toBe("2002"); // li: the duty lead
    expect(escalation?.at).toBeGreaterThanOrEqual(start + 2000 - 50);

    await new Promise((r) => setTimeout(r, 300));
    expect(about(open, WARNED)).toHaveLength(1);
    expect(about(open, OVERDUE)).toHaveLength(1);
    expect(about(answered, WARNED)).toEqual([]);
    expect(about(answered, OVERDUE)).toEqual([]);
  });

  it("SOP-12: a warning that falls before the desk opens waits for 08:00 and is sent once then", async () => {
    // 07:59:57.5 in Shanghai: the desk opens 2.5 s from now (time for the deferral on a busy machine).
    clock.set("2026-11-26T23:59:57.500Z");
    const query = await raiseQuery("9003", "什么时候派送?");
    // The real instant at which the branch's clock reads 08:00.
    const opensAt = Date.now() + (Date.parse("2026-11-27T00:00:00Z") - clock.now().getTime());
    // Bring its warning forward to now, while the desk is still closed.
    await on.jobs.scheduler.schedule(timer("query-warn", query.id, clock.now()));

    await waitFor(
      "the deferral to the opening",
      () => on.jobs.queues.timers.getJob(timerId("query-warn", query.id)),
      (job) => job?.data.dueAt === "2026-11-27T00:00:00.000Z",
    );
    expect(about(query, WARNED)).toEqual([]);

    const [warning] = await waitFor(
      "the warning at 08:00",
      () => about(query, WARNED),
      (m) => m.length === 1,
    );
    expect(warning?.at).toBeGreaterThanOrEqual(opensAt - 20);
    await new Promise((r) => setTimeout(r, 250));
    expect(about(query, WARNED)).toHaveLength(1);
    await on.jobs.scheduler.cancel([timerId("query-due", query.id)]);
  });
});
