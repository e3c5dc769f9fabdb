import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { Update } from "grammy/types";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app";
import { DEFAULT_FLOOD_BUDGET, floodLimitedEngine } from "../../src/bot/flood-budget";
import { WEBHOOK_PATH, webhookSecret } from "../../src/bot/telegram";
import { t } from "../../src/domain/messages";
import type { Engine } from "../../src/flows/engine";
import { deskMetrics } from "../../src/metrics";
import { FakeBotApi } from "../bot/telegram/fake-bot-api";
import { startFaultApp, telegramWebhookEnv, textUpdate } from "./fault-app";
import { PrivateRedis, settle, stopAll, tempDir } from "./servers";

/**
 * Issue 16 §4: floods. The whole service in webhook mode on a private Redis: one chat sending 50
 * messages at once, other customers beside it, and a thousand new chats.
 */
const TOKEN = "515151:FLOOD-abcdefghijklmnopqrstuv";
const redis = new PrivateRedis();
const api = new FakeBotApi();
const dataDir = tempDir("flood");
let app: App | undefined;
let client: Redis | undefined;

beforeAll(async () => {
  await redis.start();
  await api.start();
  app = await startFaultApp({
    ...telegramWebhookEnv(TOKEN, api.url),
    REDIS_URL: redis.url,
    DATA_DIR: dataDir,
  });
  client = new Redis(redis.url);
}, 120_000);
afterAll(async () => {
  try {
    client?.disconnect();
    await settle(app?.stop());
    await settle(api.stop());
    await settle(redis.destroy());
  } finally {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

/** BullMQ's own keys (the job queues under the "pd" prefix): kept by design, not per chat. */
const QUEUE_KEY = /^pd:(timers|digests|send-[a-z]+):/;

let nextUpdate = 50_000;
const text = (value: string, from: number): Update => textUpdate(nextUpdate++, value, from);

const post = (update: Update) =>
  fetch(`${app?.url}${WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": webhookSecret(TOKEN) },
    body: JSON.stringify(update),
  });
const textsTo = (chat: number) =>
  api
    .callsOf("sendMessage")
    .filter((c) => Number(c.chat_id) === chat)
    .map((c) => String(c.text));

async function metric(name: string, channel: string): Promise<number> {
  const found = (await deskMetrics.registry.getSingleMetric(name)?.get())?.values.find(
    (v) => v.labels.channel === channel,
  );
  return found?.value ?? 0;
}

describe("floods and abuse (issue 16 §4)", () => {
  it("one chat sending 50 messages at once gets one 'please slow down', the rest beyond its budget are dropped and counted; another customer is still answered", async () => {
    const flooder = 9301;
    const other = 9302;
    const droppedBefore = await metric("parcel_desk_updates_dropped_total", "telegram");
    const handledBefore = await metric("parcel_desk_updates_handled_total", "telegram");
    // The budget counts per window: a flood cut in two by a window's end is two half floods.
    const left = DEFAULT_FLOOD_BUDGET.windowMs - (Date.now() % DEFAULT_FLOOD_BUDGET.windowMs);
    if (left < 5_000) await sleep(left + 50);
    const flood = Array.from({ length: 50 }, (_, i) => post(text(i % 2 ? "/help" : "你好", flooder)));
    const quiet = post(text("/help", other));
    const statuses = await Promise.all([...flood, quiet].map(async (r) => (await r).status));
    expect(statuses.every((s) => s === 200)).toBe(true);

    const slowDown = t("zh", "flood.slowDown");
    expect(textsTo(flooder).filter((m) => m === slowDown)).toHaveLength(1);
    const over = 50 - DEFAULT_FLOOD_BUDGET.perWindow;
    expect((await metric("parcel_desk_updates_dropped_total", "telegram")) - droppedBefore).toBe(over);
    expect((await metric("parcel_desk_updates_handled_total", "telegram")) - handledBefore).toBe(
      DEFAULT_FLOOD_BUDGET.perWindow + 1,
    );
    // The other customer: answered, and never told to slow down.
    expect(textsTo(other).length).toBeGreaterThan(0);
    expect(textsTo(other)).not.toContain(slowDown);
  }, 120_000);

  it("a thousand new chats leave nothing in Redis without an expiry but the job queues (sessions, update ids, flood counters all lapse)", async () => {
    const first = 200_000;
    for (let batch = 0; batch < 1000; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => post(text("/start", first + batch + i)).then((r) => r.status)),
      );
    }
    expect(textsTo(first + 999).length).toBeGreaterThan(0);
    const forever: string[] = [];
    let cursor = "0";
    let keys = 0;
    do {
      const [next, found] = await (client as Redis).scan(cursor, "COUNT", 1000);
      cursor = next;
      keys += found.length;
      const ttls = await Promise.all(found.map((k) => (client as Redis).pttl(k)));
      found.forEach((k, i) => {
        if (ttls[i] === -1 && !QUEUE_KEY.test(k)) forever.push(k);
      });
    } while (cursor !== "0");
    expect(keys).toBeGreaterThan(1000); // the chats' keys are there…
    expect(forever).toEqual([]); // …and every one of them lapses
  }, 120_000);

  it("the web chat and Slack (no claim script) count with one round trip of their own, per chat, in English for an English speaker", async () => {
    let handled = 0;
    const inner: Engine = {
      async handle() {
        handled += 1;
        return [{ kind: "text", text: "ok" }];
      },
    };
    const drops: string[] = [];
    const engine = floodLimitedEngine(
      inner,
      client as Redis,
      { dropped: (c) => drops.push(c) },
      {
        budget: { perWindow: 5, windowMs: 60_000 },
        prefix: "faults:flood:",
      },
    );
    const who = (chatId: string) => ({
      chat: { channel: "web" as const, chatId },
      person: undefined,
      isGroup: false,
      languageHint: "en-US",
    });
    const answers = [];
    for (let i = 0; i < 8; i += 1) answers.push(await engine.handle(who("w1"), { kind: "text", text: "hi" }));
    expect(handled).toBe(5);
    expect(answers.slice(5)).toEqual([[{ kind: "text", text: t("en", "flood.slowDown") }], [], []]);
    expect(drops).toEqual(["web", "web", "web"]);
    expect(await engine.handle(who("w2"), { kind: "text", text: "hi" })).toEqual([
      { kind: "text", text: "ok" },
    ]);
    const [key] = await (client as Redis).keys("faults:flood:web:w1:*");
    expect(await (client as Redis).pttl(key ?? "")).toBeGreaterThan(0);
  });

  it("a flood that lasts several windows is told to slow down once, in the chat's /lang choice; a new flood after a pause is told again", async () => {
    let now = 1_000_000 * 60_000;
    const drops: string[] = [];
    const ok: Engine = { handle: async () => [{ kind: "text", text: "ok" }] };
    const engine = floodLimitedEngine(
      ok,
      client as Redis,
      { dropped: (c) => drops.push(c) },
      { budget: { perWindow: 3, windowMs: 60_000 }, prefix: "faults:flood2:", now: () => now },
    );
    const who = {
      chat: { channel: "web" as const, chatId: "w9" },
      person: undefined,
      isGroup: false,
      languageHint: "en-US",
    };
    // The chat chose Chinese with /lang (the session store's key, redis-sessions.ts).
    await (client as Redis).set("pd:lang:web:w9", "zh", "PX", 60_000);
    const slowDowns = async (messages: number) => {
      let told = 0;
      for (let i = 0; i < messages; i += 1) {
        const answer = await engine.handle(who, { kind: "text", text: "hi" });
        if (answer.some((r) => r.kind === "text" && r.text === t("zh", "flood.slowDown"))) told += 1;
        expect(answer.some((r) => r.kind === "text" && r.text === t("en", "flood.slowDown"))).toBe(false);
      }
      return told;
    };
    expect(await slowDowns(10)).toBe(1); // window 1: 3 answered, 7 dropped, told once
    now += 60_000;
    expect(await slowDowns(10)).toBe(0); // window 2, the same flood: dropped, not told again
    expect(drops).toHaveLength(14);
    now += 3 * 60_000; // quiet for longer than two windows: the flood is over
    expect(await slowDowns(10)).toBe(1);
  });
});
