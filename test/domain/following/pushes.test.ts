import { describe, expect, it } from "vitest";
import { followPushTimer } from "../../../src/domain/following/push";
import { ingestScans } from "../../../src/domain/ingest/ingest-scans";
import type { ChatRef } from "../../../src/domain/kernel/chat";
import type { ScanEvent } from "../../../src/domain/kernel/scan";
import type { Notice } from "../../../src/domain/ports";
import { shanghai, useDeskHarness } from "../../support/desk-harness";
import { freshTrackingNo, scan } from "../../support/parcels";

/**
 * Issue 17 §2–§5: what a parcel's followers hear of, through the real ingest, the real desk and
 * the follow-push timer as the jobs run it (FakeScheduler's pending timers run by hand).
 */
describe("issue 17: parcel status pushed to followers", () => {
  const h = useDeskHarness("pushes");
  let chats = 0;
  const chat = (): ChatRef => {
    chats += 1;
    return { channel: "telegram", chatId: `${7_000_000 + chats}`, userId: `${7_000_000 + chats}` };
  };

  const deps = () => ({
    store: h.store,
    scheduler: h.scheduler,
    notifier: h.notifier,
    policy: h.policy,
    calendar: h.calendar,
    directory: h.directory,
    clock: h.clock,
  });

  async function ingest(events: ScanEvent[]) {
    return ingestScans(deps(), events);
  }

  /** Runs the follow-push timers due now, as the timer worker would. */
  async function runDueTimers(): Promise<void> {
    for (const [id, timer] of [...h.scheduler.pending]) {
      if (timer.kind !== "follow-push" || timer.dueAt.getTime() > h.clock.now().getTime()) continue;
      h.scheduler.pending.delete(id);
      await followPushTimer(deps(), timer.subjectId);
    }
  }

  const pushesTo = (c: ChatRef): Notice[] => h.notifier.toChat(c).filter((n) => n.key === "follow.push");

  async function known(no: string) {
    await ingest([scan(no, "arrived", shanghai("06:20"), "扬州转运中心")]);
  }

  it("pushes out for delivery, delivered and returned once each, in the follower's language, with what to do next", async () => {
    const no = freshTrackingNo();
    await known(no);
    const zh = chat();
    const en = chat();
    await h.desk.follow(zh, "zh", no);
    await h.desk.follow(en, "en", no);

    await ingest([scan(no, "out_for_delivery", shanghai("09:30"), "扬州东关营业部")]);
    await runDueTimers();
    expect(pushesTo(zh)).toHaveLength(1);
    expect(pushesTo(zh)[0]?.params.status).toContain("正在派送中");
    expect(pushesTo(zh)[0]?.params.next).toContain("保持电话畅通");
    expect(pushesTo(en)[0]?.params.status).toContain("out for delivery");
    expect(pushesTo(en)[0]?.actions?.map((a) => a.action)).toEqual([`uf.${no}`]);

    // The same status again (a second out_for_delivery scan): nothing more.
    await ingest([scan(no, "out_for_delivery", shanghai("09:50"), "扬州东关营业部")]);
    await runDueTimers();
    expect(pushesTo(zh)).toHaveLength(1);

    await ingest([scan(no, "delivered", shanghai("10:00"), "扬州东关营业部")]);
    await runDueTimers();
    expect(pushesTo(zh)).toHaveLength(2);
    expect(pushesTo(zh)[1]?.params.status).toContain("已签收");
    expect(pushesTo(en)[1]?.actions?.map((a) => a.action)).toEqual([`fh.${no}`, `uf.${no}`]);

    // The timer running twice (a worker died after sending) sends nothing again.
    const before = h.notifier.sent.length;
    await followPushTimer(deps(), String(Math.ceil(h.clock.now().getTime() / 1000)));
    expect(h.notifier.sent.length).toBe(before);

    await ingest([scan(no, "returned", shanghai("10:00:30".slice(0, 5)), "扬州东关营业部")]);
    await runDueTimers();
    expect(pushesTo(en).map((n) => n.params.status)).toHaveLength(3);
    expect(pushesTo(en)[2]?.params.status).toContain("went back to the sender");
  });

  it("delivered says who signed (SOP-74) masked 张*, when the receipt is entered", async () => {
    const no = freshTrackingNo();
    await known(no);
    const c = chat();
    await h.desk.follow(c, "zh", no);
    await h.store.deliveries.putReceipt({
      trackingNo: no,
      deliveredAt: shanghai("09:55"),
      signerKind: "full_name",
      signer: "张伟",
      codFen: null,
      enteredBy: "zhang",
      enteredAt: shanghai("09:56"),
    });
    await ingest([scan(no, "delivered", shanghai("09:55"), "扬州东关营业部")]);
    await runDueTimers();
    expect(pushesTo(c)[0]?.params.status).toContain("签收人:张*");
    expect(JSON.stringify(pushesTo(c))).not.toContain("张伟");
  });

  it("returned is not pushed again when the desk already told the followers of the return", async () => {
    const no = freshTrackingNo();
    await known(no);
    const c = chat();
    await h.desk.follow(c, "zh", no);
    await h.store.transaction((tx) =>
      tx.returns.insert({
        id: `r-${no}`,
        trackingNo: no,
        holdId: null,
        originBranch: "南京分公司",
        marking: "退回 南京分公司",
        rule: "SOP-52",
        markedAt: shanghai("09:00"),
        markedBy: "wang",
        destination: "江苏",
        weightKg: 1,
        feeYuan: 0,
        heldBy: null,
      }),
    );
    await ingest([scan(no, "returned", shanghai("09:50"), "扬州东关营业部")]);
    await runDueTimers();
    expect(pushesTo(c)).toEqual([]);
  });

  it("says nothing of departed and arrived, unless the follower asked for every scan", async () => {
    const no = freshTrackingNo();
    await known(no);
    const plain = chat();
    const every = chat();
    await h.desk.follow(plain, "zh", no);
    await h.desk.follow(every, "en", no);
    expect(await h.desk.setEveryScan(every, no, true)).toBe(true);

    await ingest([scan(no, "departed", shanghai("07:00"), "扬州转运中心")]);
    await runDueTimers();
    expect(pushesTo(plain)).toEqual([]);
    expect(pushesTo(every)).toHaveLength(1);
    expect(pushesTo(every)[0]?.params.status).toContain("departed");
    expect(pushesTo(every)[0]?.actions?.map((a) => a.action)).toEqual([`fk.${no}`, `uf.${no}`]);
    // Another place is another step; the same place again is not.
    await ingest([
      scan(no, "arrived", shanghai("08:00"), "扬州东关营业部"),
      scan(no, "departed", shanghai("07:10"), "扬州转运中心"),
    ]);
    await runDueTimers();
    expect(pushesTo(every)).toHaveLength(2);
    expect(pushesTo(plain)).toEqual([]);
  });

  it("a problem scan is said in customer words, with a button to talk to a person; a problem note after it adds nothing", async () => {
    const no = freshTrackingNo();
    await known(no);
    const c = chat();
    await h.desk.follow(c, "zh", no);
    await ingest([
      scan(no, "problem", shanghai("09:40"), "扬州东关营业部", { note: "SOP-33 送无人 电话不通" }),
    ]);
    await runDueTimers();
    const [push] = pushesTo(c);
    expect(push?.params.status).toContain("派送中遇到一点情况");
    expect(JSON.stringify(push?.params)).not.toMatch(/SOP-|送无人|问题件|电话不通/);
    expect(push?.actions?.map((a) => a.labelKey)).toEqual(["follow.button.human", "follow.button.stop"]);

    const noted = await h.desk.recordProblem("zhang", no, {
      category: "nobody_home",
      details: { reason: "switched_off", attemptAt: "09:00" },
    });
    expect(noted.ok).toBe(true);
    await runDueTimers();
    expect(pushesTo(c)).toHaveLength(1);
  });

  it("a problem note's push is not lost when sending fails at once (Redis down): its timer sends it later, once", async () => {
    const no = freshTrackingNo();
    await known(no);
    const c = chat();
    await h.desk.follow(c, "zh", no);
    const scheduled = h.scheduler.scheduled.length;
    h.notifier.failWith = new Error("Connection is closed.");
    try {
      const noted = await h.desk.recordProblem("zhang", no, {
        category: "nobody_home",
        details: { reason: "switched_off", attemptAt: "09:00" },
      });
      expect(noted.ok).toBe(true);
    } finally {
      h.notifier.failWith = undefined;
    }
    expect(pushesTo(c)).toEqual([]);
    expect(h.scheduler.scheduled.slice(scheduled).filter((t) => t.kind === "follow-push")).toHaveLength(1);
    h.clock.set(new Date(h.clock.now().getTime() + 1000));
    await runDueTimers();
    await runDueTimers();
    expect(pushesTo(c)).toHaveLength(1);
    expect(pushesTo(c)[0]?.params.status).toContain("无人");
  });

  it("a problem note's push goes out at once outside quiet hours, with no timer left to run", async () => {
    const no = freshTrackingNo();
    await known(no);
    const c = chat();
    await h.desk.follow(c, "en", no);
    const scheduled = h.scheduler.scheduled.length;
    await h.desk.recordProblem("zhang", no, {
      category: "nobody_home",
      details: { reason: "switched_off", attemptAt: "09:00" },
    });
    expect(pushesTo(c)).toHaveLength(1);
    expect(h.scheduler.scheduled.slice(scheduled).filter((t) => t.kind === "follow-push")).toEqual([]);
  });

  it("a scan that reaches the desk late, older than what the follower heard, is not pushed", async () => {
    const no = freshTrackingNo();
    await known(no);
    const c = chat();
    await h.desk.follow(c, "en", no);
    await ingest([scan(no, "delivered", shanghai("09:50"), "扬州东关营业部")]);
    await runDueTimers();
    expect(pushesTo(c)).toHaveLength(1);
    // The courier's out-for-delivery scan of 09:30 is uploaded after the delivery.
    const late = await ingest([scan(no, "out_for_delivery", shanghai("09:30"), "扬州东关营业部")]);
    await runDueTimers();
    expect(late.pushes).toBe(0);
    expect(pushesTo(c)).toHaveLength(1);
    expect(pushesTo(c)[0]?.params.status).toContain("delivered");
  });

  it("a hold the scans open is told once (notice.hold.ready), never pushed again", async () => {
    const no = freshTrackingNo();
    await known(no);
    const c = chat();
    await h.desk.follow(c, "zh", no);
    const scheduled = h.scheduler.scheduled.length;
    const outcome = await ingest([scan(no, "held_for_pickup", shanghai("09:40"), "东关分点")]);
    await runDueTimers();
    expect(h.notifier.toChat(c).map((n) => n.key)).toEqual(["notice.hold.ready"]);
    // Recorded (so never pushed later), but no push timer: the hold's own notice told them.
    expect(outcome.pushes).toBe(1);
    expect(h.scheduler.scheduled.slice(scheduled).filter((t) => t.kind === "follow-push")).toEqual([]);
  });

  it("staff never receive customers' pushes, and cannot follow as customers", async () => {
    const no = freshTrackingNo();
    await known(no);
    const wang = h.directory.person("wang");
    const staffChat: ChatRef = {
      channel: "telegram",
      chatId: String(wang?.telegramId),
      userId: String(wang?.telegramId),
    };
    expect(await h.desk.follow(staffChat, "zh", no)).toBe("staff");
    // Even a subscription written some other way is skipped.
    await h.store.subscriptions.subscribe({
      trackingNo: no,
      chat: staffChat,
      language: "zh",
      createdAt: h.clock.now(),
    });
    const customer = chat();
    await h.desk.follow(customer, "zh", no);
    await ingest([scan(no, "out_for_delivery", shanghai("09:30"), "扬州东关营业部")]);
    await runDueTimers();
    expect(pushesTo(staffChat)).toEqual([]);
    expect(pushesTo(customer)).toHaveLength(1);
  });

  it("a follower sees the masked view /track shows: other people's phones and names hidden", async () => {
    const no = freshTrackingNo();
    await known(no);
    const c = chat();
    await h.desk.follow(c, "zh", no);
    await ingest([scan(no, "out_for_delivery", shanghai("09:30"), "扬州东关营业部 快递员 13800000003")]);
    await runDueTimers();
    expect(pushesTo(c)[0]?.params.status).toContain("138****0003");
    expect(JSON.stringify(pushesTo(c))).not.toContain("13800000003");
  });

  it("§3: inside quiet hours pushes wait for the morning, and several become one message with the latest status", async () => {
    const no = freshTrackingNo();
    await known(no);
    const c = chat();
    await h.desk.follow(c, "en", no);
    const scheduled = h.scheduler.scheduled.length;
    h.clock.set(shanghai("22:10"));
    await ingest([scan(no, "out_for_delivery", shanghai("22:05"), "扬州东关营业部")]);
    h.clock.set(shanghai("23:30"));
    await ingest([scan(no, "problem", shanghai("23:20"), "扬州东关营业部")]);
    await runDueTimers();
    expect(pushesTo(c)).toEqual([]);
    const morning = shanghai("08:00", "2026-11-28");
    const timers = h.scheduler.scheduled.slice(scheduled).filter((t) => t.kind === "follow-push");
    expect(timers.map((t) => t.dueAt)).toEqual([morning, morning]);
    expect(new Set(timers.map((t) => t.id)).size).toBe(1);
    const night = await h.store.following.figures(shanghai("21:00"));
    expect(night).toMatchObject({ pushesWaiting: 2, pushesHeld: 2 });

    h.clock.set(morning);
    await runDueTimers();
    expect(pushesTo(c)).toHaveLength(1);
    expect(pushesTo(c)[0]?.params.status).toContain("met a problem");
    // Both statuses count as sent (merged into one message), none waits any more.
    const after = await h.store.following.figures(shanghai("21:00"));
    expect(after).toMatchObject({ pushesWaiting: 0, pushesHeld: 2, pushesSent: 2 });
  });

  it("the ingest records nothing and schedules nothing for parcels nobody follows", async () => {
    const no = freshTrackingNo();
    const scheduled = h.scheduler.scheduled.length;
    const outcome = await ingest([
      scan(no, "arrived", shanghai("06:20")),
      scan(no, "out_for_delivery", shanghai("09:30")),
    ]);
    expect(outcome.pushes).toBe(0);
    expect(h.scheduler.scheduled.slice(scheduled)).toEqual([]);
  });
});
