import { beforeAll, describe, expect, it } from "vitest";
import { DirectoryIndex, parseDirectory } from "../../src/domain/config/directory";
import { createDesk } from "../../src/domain/desk";
import type { Desk } from "../../src/domain/desk/desk";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import { type Store, timerId } from "../../src/domain/ports";
import { deskJobsDomain } from "../../src/jobs";
import { silentLogger } from "../../src/log";
import { openMemoryStore } from "../support/memory/store";
import { freshTrackingNo } from "../support/parcels";
import {
  memoryPresence,
  RecordingSender,
  RunningClock,
  redisForFile,
  startTestJobs,
  TEST_DIRECTORY,
  type TestJobs,
  testPolicy,
  waitFor,
} from "./support";

/**
 * SOP-14's away notice and SOP-13's reminder end to end on BullMQ, with a policy of seconds: an
 * agent busy longer than awayNoticeAfter (2 s) is told to the duty lead, one back sooner is not;
 * a query to another branch unanswered after queryReply.branch (3 s) reminds the agent who asked.
 */
const policy = testPolicy({
  deskHours: { awayNoticeAfter: "PT2S" },
  queryReply: { customer: "PT3S", branch: "PT3S", warnBefore: "PT1S" },
});
const clock = new RunningClock("2026-11-27T02:00:00Z"); // Friday 10:00 in Shanghai
const presence = memoryPresence([]);
const telegram = new RecordingSender();
let store: Store;
let desk: Desk;
let jobs: TestJobs;
const { prefix } = redisForFile(
  "seat-branch-ask-timers",
  () => jobs?.close(),
  () => store?.close(),
);

beforeAll(async () => {
  store = openMemoryStore();
  jobs = await startTestJobs({
    prefix,
    domain: deskJobsDomain,
    store,
    clock,
    presence,
    policy,
    senders: { telegram },
    tuning: { limits: { telegram: { privateChatMs: 0, groupChatMs: 0 } } },
  });
  desk = createDesk({
    store,
    scheduler: jobs.scheduler,
    notifier: jobs.notifier,
    policy,
    calendar: createBusinessCalendar(policy),
    directory: new DirectoryIndex(parseDirectory(TEST_DIRECTORY)),
    clock,
    presence,
    log: silentLogger,
  });
});

const toLead = (name: string) =>
  telegram.sent.filter((m) => m.chatId === "2002" && m.text.includes(name) && m.text.includes("示忙已超过"));

describe("SOP-14 and SOP-13 timers on BullMQ", () => {
  it("SOP-14: the duty lead hears of wang busy past 2 s, not of chen who came back", async () => {
    const start = Date.now();
    await desk.setAvailability("chen", true);
    await desk.setAvailability("chen", false);
    await desk.setAvailability("chen", true); // back at once: the timer is cancelled
    await desk.setAvailability("wang", true);
    expect(await desk.setAvailability("wang", false)).toEqual({ ok: true, lastSeat: false });
    expect(toLead("王芳")).toEqual([]);

    const [notice] = await waitFor(
      "the away notice",
      () => toLead("王芳"),
      (m) => m.length === 1,
    );
    expect(notice?.at).toBeGreaterThanOrEqual(start + 2000 - 50);
    expect(await jobs.queues.timers.getJobState(timerId("seat-away", "chen"))).toBe("unknown");
    await new Promise((r) => setTimeout(r, 300));
    expect(toLead("王芳")).toHaveLength(1);
    expect(toLead("陈静")).toEqual([]);
  });

  it("SOP-13/SOP-11: a query to another branch unanswered after 3 s reminds the agent who asked, once", async () => {
    const no = freshTrackingNo();
    const raised = await desk.raiseBranchAsk("wang", {
      trackingNo: no,
      branch: "南京分公司",
      question: "到了吗",
    });
    if (!raised.ok) throw new Error(raised.reason);
    const reminders = () => telegram.sent.filter((m) => m.chatId === "2001" && m.text.includes(no));
    const [reminder] = await waitFor("the reminder", reminders, (m) => m.length === 1);
    expect(reminder?.text).toContain("对方仍未答复(SOP-11)");
    expect(reminder?.buttons?.[0]?.payload).toBe(`a.ba.${raised.ask.id}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(reminders()).toHaveLength(1);
  });
});
