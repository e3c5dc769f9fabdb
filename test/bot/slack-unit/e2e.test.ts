import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { t } from "../../../src/domain/messages";
import { type SlackHarness, startSlackHarness } from "../../support/slack-app";
import { customerTelegramIds, slackBranch } from "../../support/slack-branch";
import { buttonLabels, type SlackUser } from "../../support/slack-client";
import { requestPickupOnTelegram } from "../../support/slack-e2e";
import { shownText } from "../../support/slack-recorder";

/**
 * A DM on Slack reaches the same engine as Telegram (issue 10 §4): the whole service (startApp,
 * PGlite, Redis, workers) with Slack on, signed requests to POST /slack/events, the replies read
 * from the Web API recorder at SLACK_API_URL.
 */
const branch = slackBranch();
const [customerId] = customerTelegramIds(1) as [number];
const { wang, zhang } = branch.people as Record<"wang" | "zhang", SlackUser>;
let h: SlackHarness;

// Redis database 11 is this file's alone: the job queues (prefix pd) of an earlier run are
// dropped, so that its leftover sends cannot stand in line before this run's.
const REDIS_DB = 11;
async function dropQueues(): Promise<void> {
  const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  url.pathname = `/${REDIS_DB}`;
  const redis = new Redis(url.toString());
  try {
    const keys = await redis.keys("pd:*");
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

beforeAll(async () => {
  await dropQueues();
  h = await startSlackHarness(branch, REDIS_DB);
}, 60_000);
afterAll(async () => {
  await h?.stop([customerId]);
  await dropQueues();
}, 45_000);

describe("Slack DMs through the engine (startApp + recorder)", () => {
  it("an agent's DM gets the staff menu in their DM, as Block Kit buttons carrying the engine's payloads", async () => {
    const since = h.recorder.calls.length;
    const answer = await h.slack.dm(wang, "菜单");
    expect(answer.status).toBe(200);
    const reply = await h.recorder.waitFor(
      (c) => c.method === "chat.postMessage" && c.args.channel === wang.id,
      "a reply in wang's DM",
      { since },
    );
    const [message] = h.recorder.messagesIn(wang.id).slice(-1);
    if (!message) throw new Error("no message in wang's DM");
    expect(reply.args.text).toBe(message.text);
    const labels = buttonLabels(message.blocks);
    expect(labels).toContain(t("zh", "staff.menu.queries"));
    const values = message.blocks
      .filter((b) => b.type === "actions")
      .flatMap((b) => b.elements as { value?: string; action_id: string }[]);
    expect(
      values.every((e) => /^(o[0-9a-z]+\.|l$)/.test(e.value ?? "") && e.action_id.startsWith("pd.")),
    ).toBe(true);
  });

  it("a click on that menu goes back to the engine, which answers in the DM and tidies the clicked buttons", async () => {
    const [menu] = h.recorder.messagesIn(wang.id).slice(-1);
    if (!menu) throw new Error("no menu");
    const since = h.recorder.calls.length;
    expect((await h.slack.click(wang, menu, t("zh", "staff.menu.queries"))).status).toBe(200);
    const reply = await h.recorder.waitFor(
      (c) => c.method === "chat.postMessage" && c.args.channel === wang.id,
      "the agent's queries",
      { since },
    );
    expect(reply.args.text).toBe(t("zh", "staff.queries.none"));
    const tidied = h.recorder.message(menu.channel, menu.ts);
    expect(tidied?.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(shownText(tidied ?? { text: "", blocks: [] })).toContain(menu.text.split("\n")[0] ?? "");
  });

  it("a notice the send queue delivers to a staff member's DM refreshes their App Home", async () => {
    const since = h.recorder.calls.length;
    const customer = h.emulator.user(h.telegramToken, { userId: customerId });
    await requestPickupOnTelegram(customer, "扬州市文昌路 9 号 1 栋 101 室", "13900000019");
    const ping = await h.recorder.waitFor(
      (c) => c.method === "chat.postMessage" && c.args.channel === zhang.id,
      "the pickup ping in zhang's DM",
      { since, timeoutMs: 30_000 },
    );
    expect(String(ping.args.text)).toContain("文昌路 9 号");
    await h.recorder.waitFor(
      (c) => c.method === "views.publish" && c.args.user_id === zhang.id && c.seq > ping.seq,
      "zhang's App Home published after the ping",
      { since },
    );
  }, 45_000);

  it("a courier's /parcel in a DM runs the same flows: /parcel jobs lists their pickups", async () => {
    const since = h.recorder.calls.length;
    expect((await h.slack.command(zhang, "/parcel", "jobs")).status).toBe(200);
    const reply = await h.recorder.waitFor(
      (c) => c.method === "chat.postMessage" && c.args.channel === zhang.id,
      "zhang's jobs",
      { since },
    );
    expect(reply.args.text).toBe(t("zh", "staff.courier.none")); // pinged, not yet accepted
    // The slash command was answered by its ack alone (empty), the reply going to the DM once.
    expect(h.recorder.calls.slice(since).filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });
});
