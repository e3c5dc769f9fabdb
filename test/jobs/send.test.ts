import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Channel } from "../../src/domain/kernel/chat";
import { isGroupChat } from "../../src/domain/kernel/chat";
import type { Notice } from "../../src/domain/ports";
import { SendRateLimitedError, SendRejectedError } from "../../src/domain/ports/channel-sender";
import { DEFAULT_TUNING } from "../../src/jobs/queues";
import { chatIntervalMs } from "../../src/jobs/send-worker";
import {
  auditOnlyStore,
  domainDouble,
  RecordingSender,
  redisForFile,
  type SentMessage,
  startTestJobs,
  type TestJobs,
  waitFor,
} from "./support";

/**
 * The send queues against a fake ChannelSender that records when each message went out. The
 * platform limits are scaled down (200 ms per private chat instead of 1 s, 500 ms per group
 * instead of 3 s, one message per 55 ms per bot instead of 35) so that the suite stays short; the
 * production numbers are checked against DEFAULT_TUNING below.
 */
const PRIVATE_MS = 200;
const GROUP_MS = 500;
const BOT_GAP_MS = 55;
const MOST_PER_SECOND = Math.floor(1000 / BOT_GAP_MS) + 1;

let jobs: TestJobs;
const { prefix } = redisForFile("send", () => jobs?.close());
const store = auditOnlyStore();
const telegram = new RecordingSender();

beforeAll(async () => {
  jobs = await startTestJobs({
    prefix,
    domain: domainDouble({}),
    store,
    senders: { telegram }, // no Slack sender: like a deployment without Slack credentials
    tuning: {
      sendAttempts: 3,
      sendBackoffMs: 100,
      limits: {
        telegram: {
          privateChatMs: PRIVATE_MS,
          groupChatMs: GROUP_MS,
          global: { max: 1, duration: BOT_GAP_MS },
        },
      },
    },
  });
});

beforeEach(() => {
  telegram.failWith = undefined;
});

const toChat = (channel: Channel, chatId: string, label: string): Notice => ({
  to: { kind: "chat", chat: { channel, chatId }, language: "en" },
  key: "error.tooLong",
  params: { max: label },
});
const labelled = (label: string) => (m: { text: string }) => m.text.includes(`most ${label} characters`);
const failures = () => store.entries.filter((e) => e.action === "notice.failed");

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}

/** The most messages found in any window of `windowMs` starting at a send. */
function busiestWindow(sent: SentMessage[], windowMs: number): number {
  const times = sent.map((m) => m.at).sort((a, b) => a - b);
  let most = 0;
  for (const start of times)
    most = Math.max(most, times.filter((t) => t >= start && t < start + windowMs).length);
  return most;
}

describe("send queues", () => {
  it("keep Telegram's limits (scaled down): a gap per private chat, a longer one per group, the per-bot rate", async () => {
    // Two private chats and a group with a burst each, queued first, then 10 chats with one
    // message each: the per-chat limits bind on the bursts, the per-bot rate on everything (30
    // messages: far more than the 19 a second it lets through).
    const plan: [string, number][] = [
      ["101", 8],
      ["102", 8],
      ["-500", 4],
      ...Array.from({ length: 10 }, (_, i): [string, number] => [String(1000 + i), 1]),
    ];
    for (const [chatId, count] of plan) {
      for (let i = 0; i < count; i++)
        await jobs.notifier.notify(toChat("telegram", chatId, `rate-${chatId}-${i}`));
    }
    const ours = () => telegram.sent.filter((m) => m.text.includes("most rate-"));
    await waitFor(
      "all 30 messages",
      () => ours().length,
      (n) => n === 30,
      12_000,
    );

    for (const [chatId, count] of plan.slice(0, 3)) {
      const times = ours()
        .filter((m) => m.chatId === chatId)
        .map((m) => m.at);
      expect(times).toHaveLength(count);
      const least = chatId.startsWith("-") ? GROUP_MS : PRIVATE_MS;
      // Measured at the sender, a little after the limiter's decision: a busy machine's jitter.
      expect(Math.min(...gaps(times))).toBeGreaterThanOrEqual(least - 50);
    }
    // The limiter starts jobs 55 ms apart at least: 19 in any second at most (without it, 30 and
    // more go out in a second here). Two more are allowed for the jitter between starting a job
    // and calling the sender on a busy machine.
    expect(busiestWindow(ours(), 1000)).toBeLessThanOrEqual(MOST_PER_SECOND + 2);
    // Nothing was sent twice and nothing failed: waiting for a slot is not an attempt.
    expect(new Set(ours().map((m) => m.text)).size).toBe(30);
    expect(failures()).toEqual([]);
  });

  it("honours a 429: nothing goes out on the queue before retry_after has passed, then everything does", async () => {
    let limitedAt = 0;
    telegram.failWith = (message) => {
      if (message.text.includes("most limited-201 ") && limitedAt === 0) {
        limitedAt = Date.now();
        return new SendRateLimitedError(1000);
      }
      return undefined;
    };
    for (const chatId of ["201", "202", "203", "204"]) {
      await jobs.notifier.notify(toChat("telegram", chatId, `limited-${chatId}`));
    }
    const ours = () => telegram.sent.filter((m) => m.text.includes("most limited-"));
    await waitFor(
      "all four after the pause",
      () => ours().length,
      (n) => n === 4,
      8000,
    );

    expect(limitedAt).toBeGreaterThan(0);
    const callsAfter = telegram.calls.filter((c) => c.at > limitedAt && c.text.includes("most limited-"));
    expect(callsAfter.length).toBeGreaterThanOrEqual(1);
    for (const call of callsAfter) expect(call.at - limitedAt).toBeGreaterThanOrEqual(1000 - 20);
    // The limited message was sent once, later, without using up an attempt.
    expect(ours().filter(labelled("limited-201"))).toHaveLength(1);
    expect(failures()).toEqual([]);
  });

  it("fails a rejected message at once (blocked by the user) and records it", async () => {
    telegram.failWith = (message) =>
      message.chatId === "301" ? new SendRejectedError("Forbidden: bot was blocked by the user") : undefined;
    await jobs.notifier.notify({ ...toChat("telegram", "301", "blocked"), dedupeKey: "blocked-1" });

    const [entry] = await waitFor("the failure record", failures, (f) =>
      f.some((e) => e.subject === "chat/telegram/301"),
    );
    expect(entry).toMatchObject({
      action: "notice.failed",
      actor: { kind: "system", name: "send-telegram" },
      subject: "chat/telegram/301",
      data: {
        channel: "telegram",
        chatId: "301",
        key: "error.tooLong",
        attempts: 1,
        dedupeKey: "blocked-1",
        reason: expect.stringContaining("blocked by the user"),
      },
    });
    expect(telegram.calls.filter((c) => c.chatId === "301")).toHaveLength(1);
    const [job] = await jobs.queues.send.telegram.getJobs(["failed"]);
    expect(job?.attemptsMade).toBe(1);
  });

  it("retries a transient error with back-off and delivers once", async () => {
    telegram.failWith = (message) => {
      const tries = telegram.calls.filter((c) => c.chatId === "401").length;
      return message.chatId === "401" && tries <= 2 ? new Error("ETIMEDOUT") : undefined;
    };
    await jobs.notifier.notify(toChat("telegram", "401", "flaky"));

    await waitFor(
      "the delivery",
      () => telegram.sent.filter((m) => m.chatId === "401").length,
      (n) => n === 1,
    );
    const times = telegram.calls.filter((c) => c.chatId === "401").map((c) => c.at);
    expect(times).toHaveLength(3);
    // Exponential: 100 ms, then 200 ms.
    const [first, second] = gaps(times);
    expect(first).toBeGreaterThanOrEqual(100 - 10);
    expect(second).toBeGreaterThanOrEqual(200 - 10);
    expect(failures().filter((e) => e.subject === "chat/telegram/401")).toEqual([]);
  });

  it("records a message that still fails after its last attempt", async () => {
    telegram.failWith = (message) => (message.chatId === "402" ? new Error("ECONNRESET") : undefined);
    await jobs.notifier.notify(toChat("telegram", "402", "down"));

    const found = await waitFor("the failure record", failures, (f) =>
      f.some((e) => e.subject === "chat/telegram/402"),
    );
    expect(found.find((e) => e.subject === "chat/telegram/402")?.data).toMatchObject({
      channel: "telegram",
      chatId: "402",
      key: "error.tooLong",
      reason: "ECONNRESET",
      attempts: 3,
    });
    expect(telegram.calls.filter((c) => c.chatId === "402")).toHaveLength(3);
  });

  it("fails, and records, a message for a channel that has no sender (no credentials)", async () => {
    await jobs.notifier.notify(toChat("slack", "C0SOMEWHERE", "no-slack"));

    const found = await waitFor("the failure record", failures, (f) =>
      f.some((e) => e.subject === "chat/slack/C0SOMEWHERE"),
    );
    expect(found.find((e) => e.subject === "chat/slack/C0SOMEWHERE")?.data).toMatchObject({
      channel: "slack",
      key: "error.tooLong",
      attempts: 1,
      reason: expect.stringContaining("no sender"),
    });
  });

  it("uses Telegram's and Slack's published limits by default", () => {
    expect(DEFAULT_TUNING.limits.telegram).toMatchObject({ privateChatMs: 1000, groupChatMs: 3000 });
    // 1 job per 35 ms: at most 29 in any second, under Telegram's 30.
    const global = DEFAULT_TUNING.limits.telegram.global;
    expect(global && Math.floor(1000 / (global.duration / global.max)) + 1).toBeLessThanOrEqual(30);
    expect(DEFAULT_TUNING.limits.slack.privateChatMs).toBe(1000);
    expect(isGroupChat("telegram", "-1001234567")).toBe(true);
    expect(isGroupChat("telegram", "2001")).toBe(false);
    expect(chatIntervalMs(DEFAULT_TUNING.limits.telegram, "telegram", "-1001234567")).toBe(3000);
    expect(chatIntervalMs(DEFAULT_TUNING.limits.slack, "slack", "C0DISPATCH")).toBe(1000);
  });
});
