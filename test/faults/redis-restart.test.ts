import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { Update } from "grammy/types";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createTelegram, WEBHOOK_PATH, webhookSecret } from "../../src/bot/telegram";
import { defaultPolicy } from "../../src/domain/config/policy";
import { systemClock } from "../../src/domain/kernel/clock";
import { timer } from "../../src/domain/ports";
import type { Engine } from "../../src/flows/engine";
import type { ChannelInput, RenderedReply, Who } from "../../src/flows/types";
import { silentLogger } from "../../src/log";
import { createHttpServer } from "../../src/server/http";
import { FakeBotApi } from "../bot/telegram/fake-bot-api";
import { domainDouble, RunningClock, startTestJobs, waitFor } from "../jobs/support";
import { branchDirectory } from "../support/branch";
import { FakeScheduler } from "../support/fake-scheduler";
import { openTestStore } from "../support/store-backends";
import { startFaultApp, telegramWebhookEnv, textUpdate } from "./fault-app";
import { PrivateRedis, settle, stopAll, tempDir } from "./servers";

/**
 * Issue 16 §1: Redis restarted mid-run. Each test has its own redis-server (append-only file on),
 * killed with SIGKILL and started again on the same port and folder; with nothing else shared but
 * the fake Bot API (each test its own chats), the tests run at once, so that their waits on the
 * restarts overlap.
 */
const TOKEN = "424242:FAULTS-abcdefghijklmnopqrstuv";
const servers: PrivateRedis[] = [];
const api = new FakeBotApi();
const dataDir = tempDir("data");
const cleanUps: (() => Promise<void>)[] = [];

/** `stop`, run once: by the test, or after the file when the test did not get that far. */
function stopLater(stop: () => Promise<unknown>): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  const once = () => {
    stopped ??= stop().then(() => undefined);
    return stopped;
  };
  cleanUps.push(once);
  return once;
}

/** A private redis-server of the test's own, stopped after the file. */
async function privateRedis(): Promise<PrivateRedis> {
  const redis = new PrivateRedis();
  servers.push(redis);
  return redis.start();
}

beforeAll(async () => {
  await api.start();
});
afterAll(async () => {
  try {
    for (const cleanUp of cleanUps) await settle(cleanUp());
    await settle(api.stop());
    await Promise.all(servers.map((redis) => settle(redis.destroy())));
  } finally {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

let nextUpdate = 7000;
const text = (value: string, from: number): Update => textUpdate(nextUpdate++, value, from);

const repliesTo = (chat: number) => api.callsOf("sendMessage").filter((c) => Number(c.chat_id) === chat);

describe.concurrent("Redis restarted mid-run (issue 16 §1)", () => {
  it("pending timers survive a kill -9 of Redis (AOF) and fire once after the restart", async ({
    expect,
  }) => {
    const redis = await privateRedis();
    const ran: string[] = [];
    const clock = new RunningClock(new Date());
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    connection.on("error", () => {});
    const jobs = await startTestJobs({
      prefix: "faults-timers",
      connection,
      clock,
      domain: domainDouble({
        handleTimer: async (_deps, t) => {
          ran.push(t.subjectId);
          return "done";
        },
      }),
    });
    const closeJobs = stopLater(() => jobs.close());
    const survivor = timer("query-due", "survivor", new Date(clock.now().getTime() + 2500));
    await jobs.scheduler.schedule(survivor);
    await redis.stop("KILL");
    await sleep(1000);
    expect(ran).toEqual([]);
    await redis.start();
    await waitFor(
      "the timer ran after the restart",
      () => [...ran],
      (r) => r.length > 0,
      15_000,
    );
    // No second run: its job is done (kept as completed or removed), none left to run it again.
    const timers = jobs.queues.timers;
    await waitFor(
      "the timer's job to be done",
      () => timers.getJobState(survivor.id),
      (state) => state === "completed" || state === "unknown",
    );
    expect(ran).toEqual(["survivor"]);
    await closeJobs();
    connection.disconnect();
  }, 40_000);

  it("webhook: while Redis is down /readyz says so and updates get 503 (Telegram resends them); after the restart the service reconnects by itself and handles each once", async ({
    expect,
  }) => {
    const redis = await privateRedis();
    const warnings: string[] = [];
    const sink = { write: (line: string) => warnings.push(String(JSON.parse(line).msg)) };
    const app = await startFaultApp(
      { ...telegramWebhookEnv(TOKEN, api.url), REDIS_URL: redis.url, DATA_DIR: dataDir },
      pino({ level: "warn" }, sink),
    );
    const stopApp = stopLater(() => app.stop());
    const url = app.url;
    const post = (update: Update) =>
      fetch(`${url}${WEBHOOK_PATH}`, {
        // A request that hangs fails here, named, instead of the whole test timing out unexplained.
        signal: AbortSignal.timeout(20_000),
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-telegram-bot-api-secret-token": webhookSecret(TOKEN),
        },
        body: JSON.stringify(update),
      });
    const ready = () =>
      fetch(`${url}/readyz`, { signal: AbortSignal.timeout(20_000) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { failed?: string[] },
      }));

    const before = text("/start", 9101);
    expect((await post(before)).status).toBe(200);
    expect(repliesTo(9101)).toHaveLength(1);
    expect((await ready()).status).toBe(200);

    await redis.stop("KILL");
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.failed).toEqual(["redis"]);

    const during = text("/help", 9102);
    const refused = await post(during);
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(repliesTo(9102)).toHaveLength(0); // not swallowed with an apology and a 200

    await redis.start();
    await waitFor("readiness after the restart", ready, (r) => r.status === 200, 15_000);
    // Telegram sends the update again: handled now, once.
    expect((await post(during)).status).toBe(200);
    expect(repliesTo(9102)).toHaveLength(1);
    expect((await post(during)).status).toBe(200);
    expect(repliesTo(9102)).toHaveLength(1);
    // Named if it hangs (a shutdown stuck on the restarted Redis would be a fault of its own).
    await Promise.race([
      stopApp(),
      new Promise((_, fail) =>
        setTimeout(() => fail(new Error("app.stop() hung after the Redis restart")), 40_000).unref(),
      ),
    ]);
    // No job was in hand: the job workers closed at once, not after waiting out the shutdown's
    // grace for a blocking read the restart left unanswered (bullmq#4656).
    expect(warnings).not.toContain(
      "jobs still running at shutdown: closing anyway (they will be taken over)",
    );
  }, 120_000);

  it("long polling: the offset is not confirmed past an update Redis could not take; it is handled once Redis is back", async ({
    expect,
  }) => {
    const redis = await privateRedis();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 2 });
    client.on("error", () => {});
    const seen: number[] = [];
    const engine: Engine = {
      async handle(_who: Who, input: ChannelInput): Promise<RenderedReply[]> {
        seen.push(input.kind === "text" ? Number(input.text.slice(1)) : -1);
        return [{ kind: "text", text: "ok" }];
      },
    };
    const channel = createTelegram({
      token: TOKEN,
      apiRoot: api.url,
      directory: branchDirectory(),
      redis: client,
      log: silentLogger,
    });
    channel.attach({ engine });
    try {
      await channel.start();
      const first = text("#1", 9201);
      api.updates.push(first);
      await waitFor(
        "the first update",
        () => [...seen],
        (s) => s.length === 1,
      );
      // Its turn over (answered) and its offset confirmed before Redis goes: a kill in the middle
      // of the turn would rightly have it handled again (the claim given up).
      await waitFor(
        "the first update's offset confirmed",
        () => Math.max(...api.callsOf("getUpdates").map((c) => Number(c.offset ?? 0))),
        (o) => o > first.update_id,
      );
      expect(repliesTo(9201)).toHaveLength(1);

      await redis.stop("KILL");
      const held = text("#2", 9202);
      api.updates.push(held);
      await sleep(2500); // several tries while Redis is down
      const offsets = api.callsOf("getUpdates").map((c) => Number(c.offset ?? 0));
      expect(Math.max(...offsets)).toBeLessThanOrEqual(held.update_id); // never confirmed past it
      expect(seen).toHaveLength(1);

      await redis.start();
      await waitFor(
        "the held update",
        () => [...seen],
        (s) => s.length === 2,
        20_000,
      );
      await waitFor(
        "the offset moves past it",
        () => Math.max(...api.callsOf("getUpdates").map((c) => Number(c.offset ?? 0))),
        (o) => o > held.update_id,
      );
      expect(repliesTo(9202)).toHaveLength(1);
    } finally {
      await channel.stop();
      client.disconnect();
    }
  }, 120_000);

  it("webhook: a turn cut short when Redis goes away mid-update gives its claim up, so Telegram's redelivery is handled, not skipped as a duplicate", async ({
    expect,
  }) => {
    const redis = await privateRedis();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 2 });
    let calls = 0;
    const engine: Engine = {
      async handle(): Promise<RenderedReply[]> {
        calls += 1;
        if (calls === 1) throw new Error("Connection is closed."); // ioredis, mid-turn
        return [{ kind: "text", text: "ok" }];
      },
    };
    const channel = createTelegram({
      token: TOKEN,
      apiRoot: api.url,
      webhookUrl: "https://desk.example/telegram/webhook",
      directory: branchDirectory(),
      redis: client,
      log: silentLogger,
    });
    channel.attach({ engine });
    const ts = await openTestStore("memory", "faults-webhook");
    const http = await createHttpServer({
      store: ts.store,
      scheduler: new FakeScheduler(),
      policy: defaultPolicy(),
      clock: systemClock,
      log: silentLogger,
      checkRedis: async () => {},
    });
    channel.registerRoutes(http);
    try {
      await channel.start();
      const update = text("/help", 9401);
      const post = () =>
        http.inject({
          method: "POST",
          url: WEBHOOK_PATH,
          headers: { "x-telegram-bot-api-secret-token": webhookSecret(TOKEN) },
          payload: update,
        });
      const first = await post();
      expect(first.statusCode).toBe(503);
      expect(repliesTo(9401)).toHaveLength(0);
      const again = await post();
      expect(again.statusCode).toBe(200);
      expect(calls).toBe(2);
      expect(repliesTo(9401)).toHaveLength(1);
    } finally {
      await channel.stop();
      await http.close();
      await ts.dispose();
      client.disconnect();
    }
  });
});
