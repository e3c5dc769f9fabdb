import { describe, it } from "vitest";
import { timerId } from "../../src/domain/ports";
import { freshTrackingNo } from "../support/parcels";
import { deskOnJobs } from "./desk-on-jobs";
import { memoryPresence, RunningClock, testPolicy, waitFor } from "./support";

/**
 * SOP-14's away notice and SOP-13's reminder end to end on BullMQ, with a policy of seconds: an
 * agent busy longer than awayNoticeAfter (2 s) is told to the duty lead, one back sooner is not;
 * a query to another branch unanswered after queryReply.branch (3 s) reminds the agent who asked.
 */
const policy = testPolicy({
  deskHours: { awayNoticeAfter: "PT2S" },
  queryReply: { customer: "PT3S", branch: "PT3S", warnBefore: "PT1S" },
});
// Each test its own desk, jobs and seats (Friday 10:00 in Shanghai), so the two run at once.
const deskOfItsOwn = (label: string) =>
  deskOnJobs(label, {
    policy,
    clock: new RunningClock("2026-11-27T02:00:00Z"),
    presence: memoryPresence([]),
  });
const seats = deskOfItsOwn("seat-away-timers");
const asks = deskOfItsOwn("branch-ask-timers");

const toLead = (name: string) =>
  seats.telegram.sent.filter(
    (m) => m.chatId === "2002" && m.text.includes(name) && m.text.includes("示忙已超过"),
  );

describe.concurrent("SOP-14 and SOP-13 timers on BullMQ", () => {
  it("SOP-14: the duty lead hears of wang busy past 2 s, not of chen who came back", async ({ expect }) => {
    const on = seats;
    const start = Date.now();
    await on.desk.setAvailability("chen", true);
    await on.desk.setAvailability("chen", false);
    await on.desk.setAvailability("chen", true); // back at once: the timer is cancelled
    await on.desk.setAvailability("wang", true);
    expect(await on.desk.setAvailability("wang", false)).toEqual({ ok: true, lastSeat: false });
    expect(toLead("王芳")).toEqual([]);

    const [notice] = await waitFor(
      "the away notice",
      () => toLead("王芳"),
      (m) => m.length === 1,
    );
    expect(notice?.at).toBeGreaterThanOrEqual(start + 2000 - 50);
    expect(await on.jobs.queues.timers.getJobState(timerId("seat-away", "chen"))).toBe("unknown");
    await new Promise((r) => setTimeout(r, 300));
    expect(toLead("王芳")).toHaveLength(1);
    expect(toLead("陈静")).toEqual([]);
  });

  it("SOP-13/SOP-11: a query to another branch unanswered after 3 s reminds the agent who asked, once", async ({
    expect,
  }) => {
    const on = asks;
    const no = freshTrackingNo();
    const raised = await on.desk.raiseBranchAsk("wang", {
      trackingNo: no,
      branch: "南京分公司",
      question: "到了吗",
    });
    if (!raised.ok) throw new Error(raised.reason);
    const reminders = () => on.telegram.sent.filter((m) => m.chatId === "2001" && m.text.includes(no));
    const [reminder] = await waitFor("the reminder", reminders, (m) => m.length === 1);
    expect(reminder?.text).toContain("对方仍未答复。请再催对方");
    expect(reminder?.text).not.toContain("SOP-");
    expect(reminder?.buttons?.[0]?.payload).toBe(`a.ba.${raised.ask.id}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(reminders()).toHaveLength(1);
  });
});
