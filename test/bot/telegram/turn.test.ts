import Fastify, { type FastifyInstance } from "fastify";
import type { Update } from "grammy/types";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_FLOOD_BUDGET, floodLimitedEngine } from "../../../src/bot/flood-budget";
import { createTelegram, type TelegramChannel, WEBHOOK_PATH, webhookSecret } from "../../../src/bot/telegram";
import { t } from "../../../src/domain/messages";
import { type Engine, turnKeys } from "../../../src/flows/engine";
import type { RenderedReply, Who } from "../../../src/flows/types";
import { redisChatLock, redisSessionStore } from "../../../src/store/redis-sessions";
import { branchDirectory } from "../../support/branch";
import { FakeBotApi } from "./fake-bot-api";

/**
 * Issue 15: a webhook update's Redis work in three round trips (claim with lock and reads, the
 * session's writes, the done mark with the keyboard state and the lock's release), with nothing
 * given up for it: the session is in Redis before the reply is sent, the chat's lock is held
 * until its replies are out (two updates of one chat never interleave), an update delivered twice
 * is answered once, and a turn an outage cut short is handled when Telegram sends it again.
 */
const TOKEN = "424242:TEST-turnturnturnturnturnturn";
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `test:tg-turn:${process.pid}:${Date.now()}:`;
const log = pino({ level: "silent" });
let run = 0;
let keys: { prefix: string; keyboardPrefix: string; sessionPrefix: string; lockPrefix: string };

/** An engine as the real one uses Redis: one step under the chat's lock, reading and saving its session. */
function sessionEngine(
  conn: Redis,
  step: (who: Who, saved: string | undefined) => Promise<void> = async () => {},
  waitMs = 5000,
) {
  const sessions = redisSessionStore(conn, keys.sessionPrefix);
  const lock = redisChatLock(conn, { prefix: keys.lockPrefix, waitMs });
  const engine: Engine = {
    handle: (who, input) => {
      const { lock: lockName, reads } = turnKeys(who);
      const [languageKey, sessionKey] = reads as [string, string];
      return lock.run(lockName, async () => {
        await sessions.get(languageKey);
        const saved = await sessions.get(sessionKey);
        await step(who, saved);
        const text = input.kind === "text" ? input.text : input.kind;
        await sessions.set(sessionKey, `after ${text}`, 60_000);
        const replies: RenderedReply[] = [
          { kind: "choices", text: `re ${text}`, choices: [{ label: "ok", payload: "o1.ok" }] },
        ];
        return replies;
      });
    },
  };
  return engine;
}

const api = new FakeBotApi();
beforeAll(() => api.start());
afterAll(async () => {
  await api.stop();
  const found = await redis.keys(`${prefix}*`);
  if (found.length) await redis.del(...found);
  redis.disconnect();
});

let nextUpdate = 7000;
function text(value: string, from: number): Update {
  const id = nextUpdate++;
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 0,
      chat: { id: from, type: "private", first_name: "x" },
      from: { id: from, is_bot: false, first_name: "x", language_code: "zh-hans" },
      text: value,
    },
  } as unknown as Update;
}

describe("a Telegram webhook update's turn in Redis (issue 15)", () => {
  let http: FastifyInstance;
  let channel: TelegramChannel;
  let conn: Redis;
  const post = (update: Update) =>
    http.inject({
      method: "POST",
      url: WEBHOOK_PATH,
      headers: { "x-telegram-bot-api-secret-token": webhookSecret(TOKEN) },
      payload: update,
    });
  const sessionOf = (chat: number) => redis.get(`${keys.sessionPrefix}session:telegram:${chat}:${chat}`);
  const lockOf = (chat: number) => redis.get(`${keys.lockPrefix}telegram:${chat}`);
  const updateMark = (update: Update) => redis.get(`${keys.prefix}424242:${update.update_id}`);
  const liveOf = (chat: number) => redis.get(`${keys.keyboardPrefix}live:424242:${chat}`);

  async function start(engine: (conn: Redis) => Engine): Promise<void> {
    channel = createTelegram({
      token: TOKEN,
      apiRoot: api.url,
      webhookUrl: "https://desk.example/telegram/webhook",
      directory: branchDirectory(),
      redis: conn,
      log,
      commands: { customer: {}, staff: {} },
      keys,
    });
    channel.attach({ engine: engine(conn) });
    channel.registerRoutes(http);
    await channel.start();
  }

  beforeEach(() => {
    run += 1;
    const at = `${prefix}${run}:`;
    keys = {
      prefix: `${at}u:`,
      keyboardPrefix: `${at}kbd:`,
      sessionPrefix: `${at}s:`,
      lockPrefix: `${at}lock:`,
    };
    api.calls.length = 0;
    api.onCall = undefined;
    http = Fastify();
    conn = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  });
  afterEach(async () => {
    api.onCall = undefined;
    await channel.stop();
    await http.close();
    conn.disconnect();
  });

  it("commits the session before the reply, sends it under the chat's lock, then marks the update done, keeps its buttons and releases the lock: three round trips", async () => {
    await start((c) => sessionEngine(c));
    await post(text("warm-up", 8100)); // the scripts reach the server once (EVAL, then EVALSHA)
    const seen: { session: string | null; lock: string | null; mark: string | null }[] = [];
    const update = text("track BN1", 8101);
    api.onCall = async (method) => {
      if (method !== "sendMessage") return;
      seen.push({ session: await sessionOf(8101), lock: await lockOf(8101), mark: await updateMark(update) });
    };
    const sent = vi.spyOn(conn, "sendCommand");
    expect((await post(update)).statusCode).toBe(200);
    const commands = sent.mock.calls.map(([command]) => (command as { name: string }).name);
    sent.mockRestore();
    // When the reply reached the Bot API: the session saved, the chat still locked, the update in hand.
    expect(seen).toEqual([{ session: "after track BN1", lock: expect.any(String), mark: "processing" }]);
    // Then: done, the reply's buttons remembered as the chat's live ones, the lock released.
    expect(await updateMark(update)).toBe("done");
    expect(await lockOf(8101)).toBeNull();
    const [reply] = api.results("sendMessage").slice(-1) as { message_id: number }[];
    expect(JSON.parse((await liveOf(8101)) ?? "[]")).toEqual([reply?.message_id]);
    expect(commands).toEqual(["evalsha", "evalsha", "evalsha"]);
  });

  it("runs two updates of one chat one after the other, each one's reply before the next step, and takes the first's buttons away", async () => {
    const events: string[] = [];
    await start((c) =>
      sessionEngine(c, async (_who, saved) => {
        events.push(`step (saw ${saved ?? "nothing"})`);
        await new Promise((done) => setTimeout(done, 60));
      }),
    );
    api.onCall = async (method, body) => {
      if (method === "sendMessage") {
        await new Promise((done) => setTimeout(done, 40)); // a slow Bot API: the lock must cover it
        events.push(`reply ${String(body.text)}`);
      }
      if (method === "editMessageReplyMarkup") events.push(`buttons off ${String(body.message_id)}`);
    };
    const before = api.results("sendMessage").length;
    const [a, b] = [text("one", 8201), text("two", 8201)];
    const statuses = await Promise.all([post(a), post(b)]);
    expect(statuses.map((s) => s.statusCode)).toEqual([200, 200]);
    const first = events[1] === "reply re one" ? "one" : "two";
    const second = first === "one" ? "two" : "one";
    const [firstReply] = api.results("sendMessage").slice(before) as { message_id: number }[];
    expect(events).toEqual([
      "step (saw nothing)",
      `reply re ${first}`,
      `step (saw after ${first})`,
      `buttons off ${firstReply?.message_id}`,
      `reply re ${second}`,
    ]);
    expect(await lockOf(8201)).toBeNull();
  });

  it("ten updates of one chat at once: ten replies, each taking the last one's buttons away, so one message shows buttons at the end", async () => {
    await start((c) => sessionEngine(c));
    const chat = 8250;
    const before = api.calls.length;
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => post(text(`m${i}`, chat))));
    expect(statuses.every((r) => r.statusCode === 200)).toBe(true);
    const calls = api.calls.slice(before);
    const sent = calls.filter((c) => c.method === "sendMessage");
    const edited = calls.filter((c) => c.method === "editMessageReplyMarkup").map((c) => c.body.message_id);
    expect(sent).toHaveLength(10);
    expect(edited).toHaveLength(9);
    const ids = (api.results("sendMessage").slice(-10) as { message_id: number }[]).map((m) => m.message_id);
    const showing = ids.filter((id) => !edited.includes(id));
    expect(showing).toHaveLength(1);
    expect(JSON.parse((await liveOf(chat)) ?? "[]")).toEqual(showing);
    expect(await sessionOf(chat)).toMatch(/^after m\d$/);
  });

  it("answers an update Telegram delivers twice at once exactly once", async () => {
    const steps: string[] = [];
    await start((c) => sessionEngine(c, async (who) => void steps.push(who.chat.chatId)));
    const update = text("hello", 8301);
    const statuses = await Promise.all([post(update), post(update), post(update)]);
    expect(statuses.map((s) => s.statusCode)).toEqual([200, 200, 200]);
    expect(steps).toEqual(["8301"]);
    expect(api.callsOf("sendMessage")).toHaveLength(1);
  });

  it("drops a flooding chat's messages over its budget in one round trip each, its lock untouched; tells it once, in its /lang choice", async () => {
    const chat = 600_000_000 + (process.pid % 100_000) * 1000 + run; // flood counters use the default prefix
    const steps: string[] = [];
    const dropped: string[] = [];
    await start((c) =>
      floodLimitedEngine(
        sessionEngine(c, async () => void steps.push("step")),
        c,
        { dropped: (channel) => void dropped.push(channel) },
        { sessionPrefix: keys.sessionPrefix },
      ),
    );
    await redis.set(`${keys.sessionPrefix}lang:telegram:${chat}`, "en");
    // The budget counts per window: keep the flood inside one.
    const left = DEFAULT_FLOOD_BUDGET.windowMs - (Date.now() % DEFAULT_FLOOD_BUDGET.windowMs);
    if (left < 4_000) await new Promise((done) => setTimeout(done, left + 50));
    for (let i = 0; i < DEFAULT_FLOOD_BUDGET.perWindow; i++) await post(text(`m${i}`, chat));
    expect(steps).toHaveLength(DEFAULT_FLOOD_BUDGET.perWindow);
    const before = api.callsOf("sendMessage").length;
    await post(text("over", chat)); // the first over the budget: told
    const sent = vi.spyOn(conn, "sendCommand");
    const silent = [text("a", chat), text("b", chat), text("c", chat)];
    for (const update of silent) expect((await post(update)).statusCode).toBe(200);
    const commands = sent.mock.calls.map(([command]) => (command as { name: string }).name);
    sent.mockRestore();
    expect(commands).toEqual(["evalsha", "evalsha", "evalsha"]);
    for (const update of silent) expect(await updateMark(update)).toBe("done");
    expect(steps).toHaveLength(DEFAULT_FLOOD_BUDGET.perWindow);
    expect(dropped).toEqual(["telegram", "telegram", "telegram", "telegram"]);
    expect(api.callsOf("sendMessage").slice(before)).toEqual([
      { chat_id: String(chat), text: t("en", "flood.slowDown") },
    ]);
    expect(await lockOf(chat)).toBeNull();
    await redis.del(...(await redis.keys(`pd:flood:*telegram:${chat}*`)));
  });

  it("gives the update back, with no apology, when the chat's lock stays busy past its wait; the redelivery is answered", async () => {
    await start((c) => sessionEngine(c, undefined, 200));
    // Another update of the chat holds the lock, its replies held up (a 429 waited out).
    await redis.set(`${keys.lockPrefix}telegram:8402`, "another-update", "PX", 60_000);
    const update = text("hello", 8402);
    const first = await post(update);
    expect(first.statusCode).toBeGreaterThanOrEqual(500);
    expect(await updateMark(update)).toBeNull();
    expect(await lockOf(8402)).toBe("another-update");
    expect(api.callsOf("sendMessage")).toEqual([]);
    await redis.del(`${keys.lockPrefix}telegram:8402`);
    expect((await post(update)).statusCode).toBe(200);
    expect(api.callsOf("sendMessage").map((c) => c.text)).toEqual(["re hello"]);
    expect(await updateMark(update)).toBe("done");
  });

  it("gives the update and the chat's lock back when an outage cuts the turn short, so the redelivery is answered", async () => {
    let down = true;
    await start((c) =>
      sessionEngine(c, async () => {
        if (down)
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });
      }),
    );
    const update = text("hello", 8401);
    const first = await post(update);
    expect(first.statusCode).toBeGreaterThanOrEqual(500);
    expect(await updateMark(update)).toBeNull();
    expect(await lockOf(8401)).toBeNull();
    expect(api.callsOf("sendMessage")).toEqual([]);
    down = false;
    expect((await post(update)).statusCode).toBe(200);
    expect(api.callsOf("sendMessage")).toHaveLength(1);
    expect(await updateMark(update)).toBe("done");
  });
});
