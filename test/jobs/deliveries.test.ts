import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../src/domain/config/policy";
import { dailyCronAt, parseDailyTime } from "../../src/domain/deliveries/daily-time";
import { deliveryJobTimes } from "../../src/domain/deliveries/jobs";
import { dateOnClock } from "../../src/domain/kernel/calendar";
import { deskJobsDomain } from "../../src/jobs";
import { openMemoryStore } from "../support/memory/store";
import { freshTrackingNo, scan } from "../support/parcels";
import {
  RecordingSender,
  RunningClock,
  redisForFile,
  startTestJobs,
  type TestJobs,
  testPolicy,
  waitFor,
} from "./support";

/**
 * SOP-44's list of the day's undelivered parcels and SOP-74's reminder and escalation, as the real
 * daily jobs on BullMQ: job schedulers with a daily cron on the branch's clock, here a policy whose
 * times are a few seconds from now, over the real domain and the memory store, sending through
 * the real send queue.
 */
const TZ = "Asia/Shanghai";
const store = openMemoryStore();
let jobs: TestJobs | undefined;
const { prefix } = redisForFile(
  "deliveries",
  () => jobs?.close(),
  () => store.close(),
);
const telegram = new RecordingSender();

/** The branch's clock time `ms` from now, "HH:MM:SS". */
function localTimeIn(ms: number): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TZ,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(new Date(Date.now() + ms));
  return parts;
}

const secondsOfDay = (text: string) => parseDailyTime(text)?.seconds ?? 0;

const out = freshTrackingNo("JU");
const sameCity = freshTrackingNo("JU");
const unsigned = freshTrackingNo("JR");
let times: { listAt: string; remindAt: string; enterSignedBy: string };

beforeAll(async () => {
  // Near the branch's midnight the three times would fall on two days: wait for the new day.
  const now = secondsOfDay(localTimeIn(0));
  if (now > 86_400 - 40) await sleep((86_400 - now + 2) * 1000);
  times = { listAt: localTimeIn(4000), remindAt: localTimeIn(6000), enterSignedBy: localTimeIn(8000) };
  const today = dateOnClock(new Date(), TZ);
  const minuteAgo = new Date(Date.now() - 60_000);
  const outAt = dateOnClock(minuteAgo, TZ) === today ? minuteAgo : new Date();
  await store.parcels.addScans(
    [
      scan(out, "out_for_delivery", outAt, "扬州城东", { originBranch: "南京分公司" }),
      scan(sameCity, "out_for_delivery", outAt, "扬州城东", { originBranch: "东关分点" }),
      scan(unsigned, "out_for_delivery", new Date(Date.now() - 25 * 3600_000), "扬州城东", {
        note: "业务员 105",
      }),
      scan(unsigned, "delivered", new Date(Date.now() - 24 * 3600_000), "扬州城东"),
    ],
    new Date(),
  );
  jobs = await startTestJobs({
    prefix,
    domain: deskJobsDomain,
    store,
    clock: new RunningClock(new Date()),
    policy: testPolicy({
      deskHours: { opens: "00:00", closes: "24:00" },
      undelivered: { listAt: times.listAt },
      receipts: { remindAt: times.remindAt, enterSignedBy: times.enterSignedBy },
    }),
    senders: { telegram },
    tuning: { limits: { telegram: { privateChatMs: 0, groupChatMs: 0 } } },
  });
});

const to = (chatId: string, words: string) =>
  telegram.sent.filter((m) => m.chatId === chatId && m.text.includes(words));

describe("the deliveries' daily jobs", () => {
  it("SOP-44, SOP-74: each is a job scheduler with a daily cron at its policy time, on the branch's clock", async () => {
    const q = jobs?.queues.digests;
    const [h, m, s] = times.listAt.split(":").map(Number);
    expect(await q?.getJobScheduler("undelivered-list")).toMatchObject({
      name: "undelivered-list",
      // Seconds only when there are some (a policy of "HH:MM" is a five-field cron).
      pattern: s ? `${s} ${m} ${h} * * *` : `${m} ${h} * * *`,
      tz: TZ,
    });
    expect((await q?.getJobScheduler("receipts-remind"))?.pattern).toBe(
      dailyCronAt(parseDailyTime(times.remindAt) ?? { text: "", seconds: 0 }),
    );
    expect((await q?.getJobScheduler("receipts-escalate"))?.tz).toBe(TZ);
    // The policy's defaults: 17:30, 09:30 and 10:00.
    const defaults = deliveryJobTimes(defaultPolicy());
    expect(Object.values(defaults).map(dailyCronAt)).toEqual(["30 17 * * *", "30 9 * * *", "0 10 * * *"]);
  });

  it("SOP-44: at listAt the agents get the day's undelivered parcels (the same-city one left out), once each", async () => {
    await waitFor(
      "the undelivered list",
      () => to("2001", "当日未派送件").length,
      (n) => n === 1,
      15_000,
    );
    const [wang] = to("2001", "当日未派送件");
    expect(wang?.text).toContain(out);
    expect(wang?.text).not.toContain(sameCity);
    expect(wang?.select?.options.map((o) => o.label)).toEqual([out]);
    expect(wang?.buttons?.map((b) => b.label)).toEqual(["全部已处理"]);
    // chen reads English.
    await waitFor(
      "chen's copy",
      () => to("2005", "Undelivered today").length,
      (n) => n === 1,
    );
    const listed = await store.deliveries.openUndelivered(dateOnClock(new Date(), TZ));
    expect(listed.map((r) => r.trackingNo)).toEqual([out]);
  });

  it("SOP-74: at remindAt the courier is reminded of yesterday's delivery not entered, and at enterSignedBy the duty lead hears", async () => {
    await waitFor(
      "the reminder",
      () => to("2003", "签收录入提醒").length,
      (n) => n === 1,
      15_000,
    );
    const [zhang] = to("2003", "签收录入提醒");
    expect(zhang?.text).toContain(unsigned);
    expect(zhang?.text).toContain(`今天 ${times.enterSignedBy} 前要录完`);
    expect(zhang?.select?.options).toEqual([{ label: unsigned, payload: `a.rs.${unsigned}` }]);
    await waitFor(
      "the escalation",
      () => to("2002", "签收逾期未录入").length,
      (n) => n === 1,
      15_000,
    );
    expect(to("2002", "签收逾期未录入")[0]?.text).toContain(`张伟(105):1 件\n• ${unsigned}`);
    expect((await store.audit.list({})).map((a) => a.action)).toEqual(
      expect.arrayContaining(["undelivered.listed", "receipts.late"]),
    );
    // Nobody else was told: the reminder is the courier's, the escalation the duty lead's.
    expect(telegram.sent.filter((m) => m.text.includes("签收录入提醒")).map((m) => m.chatId)).toEqual([
      "2003",
    ]);
    expect(telegram.sent.filter((m) => m.text.includes("签收逾期未录入")).map((m) => m.chatId)).toEqual([
      "2002",
    ]);
  });
});
