import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/kernel/clock";
import { type Notice, timer } from "../../src/domain/ports";
import { SendRateLimitedError, SendRejectedError } from "../../src/domain/ports/channel-sender";
import type { Query } from "../../src/domain/ports/records";
import type { RenderedReply, Who } from "../../src/flows/types";
import { deskMetrics, observeEngine } from "../../src/metrics";
import {
  domainDouble,
  RecordingSender,
  RunningClock,
  redisForFile,
  startTestJobs,
  type TestJobs,
  waitFor,
} from "../jobs/support";
import { openTestStore, type TestStore } from "../support/store-backends";
import { ADMIN_TOKEN, type DeskServer, startDeskServer } from "../web/desk-server";

/**
 * GET /metrics (issue 11 §4): the Prometheus text exposition, parsed, holds the named series with
 * the values of what happened: messages sent, rate-limited and failed by a real send worker, a
 * timer fired late by a real timer worker (an SLA breach), updates handled through the engine,
 * queue depths, and the open and overdue queries of the store.
 */

const NOW = new Date("2026-11-25T06:00:00Z");
const clock = new ManualClock(NOW.toISOString());
let ts: TestStore;
let jobs: TestJobs;
let server: DeskServer;
const { prefix } = redisForFile(
  "metrics",
  () => server?.close(),
  () => jobs?.close(),
  () => ts?.dispose(),
);
const telegram = new RecordingSender();

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The text format: `# TYPE name kind` lines and `name{label="value",…} number` samples. */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type?.[1] && type[2]) types.set(type[1], type[2]);
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample?.[1] || !sample[3]) continue;
    const labels = Object.fromEntries(
      [...(sample[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { types, samples };
}

async function scrape() {
  const res = await fetch(`${server.base}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return parseExposition(await res.text());
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}

/**
 * The counters are the process's (src/metrics.ts), and test files share a worker's modules
 * (vitest.config.ts): a counter is read as its growth since this file started.
 */
let baseline: Sample[] = [];
function grown(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return (value(samples, name, labels) ?? 0) - (value(baseline, name, labels) ?? 0);
}

function openQuery(id: string, dueAt: Date): Query {
  return {
    id,
    kind: "customer",
    trackingNo: null,
    askedBy: { channel: "web", chatId: `chat-${id}` },
    fromBranch: null,
    language: "zh",
    text: "我的快递呢",
    createdAt: new Date(dueAt.getTime() - 30 * 60_000),
    warnAt: new Date(dueAt.getTime() - 10 * 60_000),
    dueAt,
    status: "open",
    assignee: null,
    answeredAt: null,
    answeredBy: null,
  };
}

const toChat = (chatId: string): Notice => ({
  to: { kind: "chat", chat: { channel: "telegram", chatId }, language: "zh" },
  key: "error.tooLong",
  params: { max: 1 },
});

beforeAll(async () => {
  ts = await openTestStore("pglite", "metrics");
  await ts.store.queries.insert(openQuery("late", new Date(NOW.getTime() - 5 * 60_000)));
  await ts.store.queries.insert(openQuery("fine", new Date(NOW.getTime() + 20 * 60_000)));
  jobs = await startTestJobs({
    prefix,
    domain: domainDouble({ handleTimer: async () => "done" }),
    senders: { telegram },
    // The workers' clock is the real one: a timer's lateness is measured against Date.now().
    clock: new RunningClock(new Date().toISOString()),
    tuning: { sendAttempts: 1, limits: { telegram: { privateChatMs: 1, groupChatMs: 1 } } },
  });
  server = await startDeskServer({ store: ts.store, clock, token: ADMIN_TOKEN, queues: jobs.queues });
  baseline = (await scrape()).samples;
});

describe("GET /metrics", () => {
  it("counts messages sent, rate-limited and failed per channel, as the send worker saw them", async () => {
    let limitedOnce = false;
    telegram.failWith = (message) => {
      if (message.chatId === "blocked") return new SendRejectedError("bot was blocked by the user");
      if (message.chatId === "busy" && !limitedOnce) {
        limitedOnce = true;
        return new SendRateLimitedError(50);
      }
      return undefined;
    };
    for (const chat of ["ok", "blocked", "busy"]) await jobs.notifier.notify(toChat(chat));
    const { samples } = await waitFor(
      "the three messages to end",
      scrape,
      ({ samples }) =>
        grown(samples, "parcel_desk_messages_sent_total", { channel: "telegram" }) === 2 &&
        grown(samples, "parcel_desk_messages_failed_total", { channel: "telegram" }) === 1,
    );
    expect(grown(samples, "parcel_desk_messages_rate_limited_total", { channel: "telegram" })).toBe(1);
  });

  it("counts a timer that ran late, and a reply deadline missed as an SLA breach (SOP-10)", async () => {
    const dueAt = new Date(Date.now() - 2 * 60_000);
    await jobs.scheduler.schedule(timer("query-due", "q-late", dueAt));
    const { samples, types } = await waitFor("the late timer to run", scrape, ({ samples }) =>
      Boolean(grown(samples, "parcel_desk_timers_fired_total", { kind: "query-due", outcome: "done" })),
    );
    expect(grown(samples, "parcel_desk_timers_late_total", { kind: "query-due" })).toBe(1);
    expect(grown(samples, "parcel_desk_sla_breaches_total")).toBe(1);
    expect(grown(samples, "parcel_desk_timer_lateness_seconds_count", { kind: "query-due" })).toBe(1);
    expect(types.get("parcel_desk_sla_breaches_total")).toBe("counter");
    expect(types.get("parcel_desk_timer_lateness_seconds")).toBe("histogram");
  });

  it("reads queue depths and delayed timers when scraped", async () => {
    await jobs.scheduler.schedule(timer("hold-origin", "h-1", new Date(Date.now() + 3600_000)));
    const { samples, types } = await scrape();
    expect(value(samples, "parcel_desk_timers_delayed")).toBe(1);
    expect(value(samples, "parcel_desk_queue_jobs", { queue: "timers", state: "delayed" })).toBe(1);
    expect(value(samples, "parcel_desk_queue_jobs", { queue: "send-telegram", state: "waiting" })).toBe(0);
    expect(types.get("parcel_desk_queue_jobs")).toBe("gauge");
  });

  it("reads the open and overdue queries from the store when scraped (SOP-10)", async () => {
    const { samples } = await scrape();
    expect(value(samples, "parcel_desk_queries_open")).toBe(2);
    expect(value(samples, "parcel_desk_queries_overdue")).toBe(1);
  });

  it("counts the updates handled per channel and the flow errors", async () => {
    const engine = observeEngine({ handle: async () => [] }, deskMetrics);
    const who = (channel: "web" | "slack") => ({ chat: { channel, chatId: "1" } }) as Who;
    await engine.handle(who("web"), { kind: "text", text: "hi" });
    await engine.handle(who("web"), { kind: "text", text: "hi" });
    await engine.handle(who("slack"), { kind: "text", text: "hi" });
    deskMetrics.flowError("slack");
    const { samples, types } = await scrape();
    expect(grown(samples, "parcel_desk_updates_handled_total", { channel: "web" })).toBe(2);
    expect(grown(samples, "parcel_desk_updates_handled_total", { channel: "slack" })).toBe(1);
    expect(grown(samples, "parcel_desk_flow_errors_total", { channel: "slack" })).toBe(1);
    expect(types.get("parcel_desk_updates_handled_total")).toBe("counter");
  });

  it("counts the replies the engine rendered per channel, apart from the send queue's messages", async () => {
    const reply = (text: string) => ({ kind: "text", text }) as RenderedReply;
    // A tracking answer and a menu on the web; one answer on Slack; a silent turn (a stale button).
    const answers: RenderedReply[][] = [[reply("运单 …"), reply("主菜单")], [reply("收到")], []];
    const engine = observeEngine({ handle: async () => answers.shift() ?? [] }, deskMetrics);
    const who = (channel: "web" | "slack") => ({ chat: { channel, chatId: "2" } }) as Who;
    const before = await scrape();
    expect(await engine.handle(who("web"), { kind: "text", text: "YT1234567890" })).toHaveLength(2);
    await engine.handle(who("slack"), { kind: "text", text: "hi" });
    await engine.handle(who("slack"), { kind: "choice", payload: "old" });
    const { samples, types } = await scrape();
    const growth = (name: string, channel: string) =>
      (value(samples, name, { channel }) ?? 0) - (value(before.samples, name, { channel }) ?? 0);
    expect(growth("parcel_desk_replies_total", "web")).toBe(2);
    expect(growth("parcel_desk_replies_total", "slack")).toBe(1);
    expect(growth("parcel_desk_updates_handled_total", "slack")).toBe(2);
    // A reply is counted once: never as a send-queue message too.
    expect(growth("parcel_desk_messages_sent_total", "slack")).toBe(0);
    expect(growth("parcel_desk_messages_sent_total", "web")).toBe(0);
    expect(types.get("parcel_desk_replies_total")).toBe("counter");
  });
});
