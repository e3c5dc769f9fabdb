import { describe, it } from "vitest";
import { deskOnJobs } from "./desk-on-jobs";
import { memoryPresence, RunningClock, testPolicy, waitFor } from "./support";

/**
 * Issue 12's timers on real BullMQ with the real handler, with a policy of seconds: a loss claim
 * due 3 s after it is opened warns its holder 2 s before (SOP-70's 5 days) and escalates to the
 * duty lead at its deadline; a complaint nobody acts on goes up a level every 2 s (SOP-82's 24 h)
 * until head office. The notices go out through the send queue. The two tests share nothing but the
 * desk (their own parcels and customers; the duty lead's notices told apart by parcel), so they run
 * at once.
 */
const policy = testPolicy({
  claims: { loss: "PT3S", delayOrDamage: "PT3S", warnBeforeLoss: "PT2S", warnBeforeDelayOrDamage: "PT2S" },
  complaints: { actWithin: "PT2S" },
});
// 10:00 in Shanghai, a Friday: the desk is open.
const clock = new RunningClock("2026-11-27T02:00:00Z");
const presence = memoryPresence(["wang"]);
const on = deskOnJobs("claims-timers", { policy, clock, presence });
const { telegram } = on;

const sent = (chatId: string, words: string, about: string) =>
  telegram.sent.filter((m) => m.chatId === chatId && m.text.includes(words) && m.text.includes(about));

describe.concurrent("claims and complaints on BullMQ", () => {
  it("SOP-70: a claim's holder is warned before its deadline and the duty lead hears at it; a settled claim stays quiet", async ({
    expect,
  }) => {
    const customer = { channel: "telegram" as const, chatId: "9101", userId: "9101" };
    const open = await on.desk.openClaim({
      customer,
      language: "zh",
      trackingNo: "YT9100000001",
      kind: "loss",
      description: "没收到",
    });
    const settled = await on.desk.openClaim({
      customer,
      language: "zh",
      trackingNo: "YT9100000002",
      kind: "loss",
      description: "也没收到",
    });
    if (!open.ok || !settled.ok) throw new Error("claims refused");
    expect((await on.desk.recordClaimContact("wang", open.claim.id, "已联系客户")).ok).toBe(true);
    expect(
      (await on.desk.settleClaim("wang", settled.claim.id, { amountFen: 5000, paidBy: "cash" })).ok,
    ).toBe(true);

    const [warning] = await waitFor(
      "the warning",
      () => sent("2001", "理赔将到期", "YT9100000001"),
      (m) => m.length === 1,
    );
    expect(warning?.buttons?.[0]?.payload).toMatch(/^a\.cv\./);
    await waitFor(
      "the escalation",
      () => sent("2002", "理赔已超期未结", "YT9100000001"),
      (m) => m.length === 1,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(sent("2001", "理赔将到期", "YT9100000001")).toHaveLength(1);
    expect(sent("2002", "理赔已超期未结", "YT9100000001")).toHaveLength(1);
    expect(
      telegram.sent.filter((m) => m.text.includes("YT9100000002") && /将到期|超期/.test(m.text)),
    ).toEqual([]);
    // The customer was told each step: the contact, the settlement.
    expect(telegram.sent.filter((m) => m.chatId === "9101").map((m) => m.text.slice(0, 12))).toHaveLength(2);
  });

  it("SOP-82: a complaint nobody acts on goes up to the region, then head office, each once", async ({
    expect,
  }) => {
    const done = await on.desk.complain({
      customer: { channel: "telegram", chatId: "9102", userId: "9102" },
      language: "zh",
      text: "派件员态度恶劣",
      trackingNo: "YT9100000003",
    });
    if (!done.ok) throw new Error("complaint refused");
    await waitFor(
      "the escalation to head office",
      async () => (await on.store.complaints.get(done.complaint.id))?.level,
      (level) => level === "head_office",
    );
    await waitFor(
      "the duty lead's two notices",
      () => sent("2002", "已升级到", "YT9100000003"),
      (m) => m.length === 2,
    );
    await new Promise((r) => setTimeout(r, 300));
    const leads = sent("2002", "已升级到", "YT9100000003").map((m) => m.text);
    expect(leads[0]).toContain("已升级到区域");
    expect(leads[1]).toContain("已升级到总公司");
    expect(leads[1]).toContain("将被处罚"); // the branch never acted (SOP-82)
    const customerTold = telegram.sent.filter((m) => m.chatId === "9102").map((m) => m.text);
    expect(customerTold.filter((t) => t.includes("已转交"))).toHaveLength(2);
  });
});
