import type { Job } from "bullmq";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CHANNELS } from "../../src/domain/kernel/chat";
import type { Notice } from "../../src/domain/ports";
import { sendJobId } from "../../src/jobs/notifier";
import type { SendPayload } from "../../src/jobs/queues";
import {
  auditOnlyStore,
  domainDouble,
  memoryPresence,
  redisForFile,
  startTestJobs,
  type TestJobs,
} from "./support";

/**
 * The Notifier without workers (a chat process): what it puts on the send queues for each
 * kind of audience, in whose language, and what it records when someone cannot be reached.
 */
let jobs: TestJobs;
const { prefix } = redisForFile("notifier", () => jobs?.close());
const store = auditOnlyStore();
const presence = memoryPresence(["amy"]);

beforeAll(async () => {
  jobs = await startTestJobs({ prefix, domain: domainDouble({}), store, presence, workers: false });
});

beforeEach(async () => {
  for (const channel of CHANNELS) await jobs.queues.send[channel].drain();
  store.entries.length = 0;
});

async function queued(): Promise<Job<SendPayload>[]> {
  const all: Job<SendPayload>[] = [];
  for (const channel of CHANNELS) {
    for (const job of await jobs.queues.send[channel].getJobs(["waiting"])) {
      if ("chatId" in job.data) all.push(job as Job<SendPayload>);
    }
  }
  return all;
}
const where = (jobList: Job<SendPayload>[]) => jobList.map((j) => `${j.queueName}/${j.data.chatId}`).sort();

const tooLong = (to: Notice["to"], extra: Partial<Notice> = {}): Notice => ({
  to,
  key: "error.tooLong",
  params: { max: 7 },
  ...extra,
});

describe("queued notifier", () => {
  it("sends to a chat on its own channel, in its language, with the buttons as a.<action> payloads", async () => {
    await jobs.notifier.notify(
      tooLong(
        { kind: "chat", chat: { channel: "web", chatId: "w-42" }, language: "en" },
        { actions: [{ labelKey: "button.confirm", action: "qt.q-123" }] },
      ),
    );
    const [job] = await queued();
    expect(job?.queueName).toBe("send-web");
    expect(job?.data).toEqual({
      channel: "web",
      chatId: "w-42",
      text: "That message is too long (at most 7 characters); please shorten it.",
      buttons: [{ label: "Confirm", payload: "a.qt.q-123" }],
      key: "error.tooLong",
    });
  });

  it("sends to a person on Telegram (private chat = user id), else on Slack (DM = user id), in their language", async () => {
    await jobs.notifier.notify(tooLong({ kind: "person", personId: "wang" }));
    await jobs.notifier.notify(tooLong({ kind: "person", personId: "amy" }));
    const list = await queued();
    expect(where(list)).toEqual(["send-slack/U0AMY", "send-telegram/2001"]);
    expect(list.find((j) => j.data.chatId === "2001")?.data.text).toBe("消息太长了(最多 7 字),请简短一些。");
    expect(list.find((j) => j.data.chatId === "U0AMY")?.data.text).toContain("too long");
  });

  it("SOP-14: sends to every person of a role, or only to those available when asked", async () => {
    await jobs.notifier.notify(tooLong({ kind: "role", role: "agent" }));
    expect(where(await queued())).toEqual(["send-slack/U0AMY", "send-telegram/2001", "send-telegram/2005"]);
    for (const channel of CHANNELS) await jobs.queues.send[channel].drain();

    await jobs.notifier.notify(tooLong({ kind: "role", role: "agent", availableOnly: true }));
    expect(where(await queued())).toEqual(["send-slack/U0AMY"]);
  });

  it("sends dispatch notices to the dispatch Telegram group and Slack channel, in Chinese", async () => {
    await jobs.notifier.notify(tooLong({ kind: "dispatch" }));
    const list = await queued();
    expect(where(list)).toEqual(["send-slack/C0DISPATCH", "send-telegram/-1001234567"]);
    expect(list.every((j) => j.data.text.startsWith("消息太长了"))).toBe(true);
  });

  it("records who cannot be reached instead of dropping them silently", async () => {
    await jobs.notifier.notify(tooLong({ kind: "person", personId: "qian" }, { dedupeKey: "d-1" })); // no channel
    await jobs.notifier.notify(tooLong({ kind: "person", personId: "ghost" }));
    presence.ids.clear();
    await jobs.notifier.notify(tooLong({ kind: "role", role: "agent", availableOnly: true }));
    presence.ids.add("amy");

    expect(await queued()).toEqual([]);
    expect(store.entries.map((e) => [e.action, e.subject, e.data.reason])).toEqual([
      ["notice.undeliverable", "person/qian", "no_channel"],
      ["notice.undeliverable", "person/ghost", "unknown_person"],
      ["notice.undeliverable", "role/agent", "nobody_available"],
    ]);
    expect(store.entries[0]?.data).toMatchObject({ key: "error.tooLong", dedupeKey: "d-1" });
  });

  it("enqueues a notice with a dedupeKey once per recipient however often it is notified", async () => {
    const notice = tooLong(
      { kind: "role", role: "agent" },
      { dedupeKey: "query-warn-q1@2026-11-27T02:00:00.000Z" },
    );
    await jobs.notifier.notify(notice);
    await jobs.notifier.notify(notice);
    const list = await queued();
    expect(where(list)).toEqual(["send-slack/U0AMY", "send-telegram/2001", "send-telegram/2005"]);
    for (const job of list) {
      expect(job.id).toBe(sendJobId(notice.dedupeKey, job.data));
      expect(job.id).toMatch(/^n-[0-9a-f]{40}$/);
      // Kept a day after sending, which is what refuses a late copy.
      expect(job.opts.removeOnComplete).toEqual({ age: 24 * 3600 });
    }

    // Without a dedupeKey two notices are two messages.
    for (const channel of CHANNELS) await jobs.queues.send[channel].drain();
    await jobs.notifier.notify(tooLong({ kind: "person", personId: "wang" }));
    await jobs.notifier.notify(tooLong({ kind: "person", personId: "wang" }));
    expect(await queued()).toHaveLength(2);
  });

  it("issue 17 §3: a notice with notBefore waits in the send queue until then (a customer's quiet hours)", async () => {
    const chat = { channel: "web" as const, chatId: "w-night" };
    // The jobs' clock reads 2026-11-27 10:00 in Shanghai; the notice may go at 08:00 the next morning.
    const notBefore = new Date("2026-11-28T00:00:00Z");
    await jobs.notifier.notify(tooLong({ kind: "chat", chat, language: "zh" }, { notBefore }));
    expect(await queued()).toEqual([]); // nothing to send now
    const [later] = await jobs.queues.send.web.getJobs(["delayed"]);
    expect(later?.data).toMatchObject({ chatId: "w-night" });
    expect(later?.opts.delay).toBeGreaterThan(21 * 3_600_000);
    expect(later?.opts.delay).toBeLessThanOrEqual(22 * 3_600_000);
    await later?.remove();
  });

  it("refuses a button whose action the flow engine could not read", async () => {
    await expect(
      jobs.notifier.notify(
        tooLong(
          { kind: "person", personId: "wang" },
          { actions: [{ labelKey: "button.yes", action: "Take:me" }] },
        ),
      ),
    ).rejects.toThrow(/not <name>\.<arg>/);
  });
});
