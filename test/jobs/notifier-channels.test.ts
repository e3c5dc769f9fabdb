import { Writable } from "node:stream";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { DirectoryIndex, parseDirectory } from "../../src/domain/config/directory";
import type { Notice } from "../../src/domain/ports";
import { dispatchRecipients, personRecipient } from "../../src/jobs/notifier";
import { branchWith } from "../support/branch";
import {
  auditOnlyStore,
  domainDouble,
  RecordingSender,
  redisForFile,
  startTestJobs,
  type TestJobs,
  waitFor,
} from "./support";

/**
 * A deployment with Slack on and Telegram off (no Telegram credentials): a colleague on both is
 * sent to on Slack, not lost on Telegram; one on Telegram only still gets the attempt, whose
 * failure is recorded and logged once, as the configuration fact it is (a warning, no stack).
 */
const directory = new DirectoryIndex(
  parseDirectory(
    branchWith([
      { id: "mei", name: "梅", workNo: "030", roles: ["agent"], telegramId: 2099, slackId: "U0MEI" },
    ]),
  ),
);
const mei = directory.person("mei");
const wang = directory.person("wang"); // Telegram only

/** Every log line, parsed (pino writes one JSON object per line). */
const lines: Record<string, unknown>[] = [];
const log = pino(
  { level: "debug" },
  new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  }),
);

let jobs: TestJobs;
const { prefix } = redisForFile("notifier-channels", () => jobs?.close());
const store = auditOnlyStore();
const slack = new RecordingSender();

beforeAll(async () => {
  jobs = await startTestJobs({
    prefix,
    domain: domainDouble({}),
    store,
    directory,
    log,
    senders: { slack }, // no Telegram sender
    workers: ["send"],
  });
});

const note = (personId: string, label: string): Notice => ({
  to: { kind: "person", personId },
  key: "error.tooLong",
  params: { max: label },
});

describe("personRecipient: a person's channel among the configured ones", () => {
  it("prefers Telegram, then Slack, among the channels that have a sender", () => {
    if (!mei || !wang) throw new Error("test directory changed");
    expect(personRecipient(mei)).toMatchObject({ channel: "telegram", chatId: "2099" });
    expect(personRecipient(mei, ["telegram", "slack", "web"])).toMatchObject({ channel: "telegram" });
    expect(personRecipient(mei, ["slack", "web"])).toMatchObject({ channel: "slack", chatId: "U0MEI" });
    // None of theirs configured: the first of theirs, as before (its failure is recorded).
    expect(personRecipient(wang, ["slack"])).toMatchObject({ channel: "telegram", chatId: "2001" });
    expect(personRecipient(mei, [])).toMatchObject({ channel: "telegram" });
  });
});

describe("dispatchRecipients: the dispatch chats on the configured channels", () => {
  it("pings only the dispatch chats whose channel has a sender; all of them when none has", () => {
    const chats = (configured?: Parameters<typeof dispatchRecipients>[1]) =>
      dispatchRecipients(directory, configured).map((r) => `${r.channel}:${r.chatId}`);
    expect(chats()).toEqual(["telegram:-1001234567", "slack:C0DISPATCH"]);
    expect(chats(["slack", "web"])).toEqual(["slack:C0DISPATCH"]);
    expect(chats(["telegram"])).toEqual(["telegram:-1001234567"]);
    expect(chats(["web"])).toEqual(["telegram:-1001234567", "slack:C0DISPATCH"]);
  });
});

describe("queued notifier with Slack on and Telegram off", () => {
  it("sends a notice for someone on Telegram and Slack to Slack, and nothing fails", async () => {
    await jobs.notifier.notify(note("mei", "m1"));
    const sent = await waitFor(
      "the Slack message",
      () => slack.sent,
      (s) => s.length > 0,
    );
    expect(sent.map((m) => m.chatId)).toEqual(["U0MEI"]);
    expect(await jobs.queues.send.telegram.getJobCounts("waiting", "failed", "completed")).toEqual({
      waiting: 0,
      failed: 0,
      completed: 0,
    });
    expect(store.entries.filter((e) => e.action === "notice.failed")).toEqual([]);
  });

  it("records a notice for someone on Telegram only, logged once as a warning without a stack", async () => {
    const { failed } = await jobs.queues.send.telegram.getJobCounts("failed");
    await jobs.notifier.notify(note("wang", "w1"));
    await waitFor(
      "the failure record",
      () => store.entries,
      (entries) => entries.some((e) => e.subject === "chat/telegram/2001"),
    );
    // The worker's "failed" event runs after the processor's record: wait until the job is failed.
    await waitFor(
      "the failed job",
      () => jobs.queues.send.telegram.getJobCounts("failed"),
      (counts) => counts.failed === (failed ?? 0) + 1,
    );
    const about = lines.filter((l) => JSON.stringify(l).includes("no sender is configured for telegram"));
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ level: 40, msg: "message not delivered", chatId: "2001" });
    expect(about[0]).not.toHaveProperty("err");
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});
