import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { DONE_SECONDS, redisReplyKeyboardState, redisUpdateDedupe } from "../../../src/bot/telegram/dedupe";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `test:tg:${process.pid}:${Date.now()}:`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("redisUpdateDedupe: each update handled once", () => {
  it("lets the first claim of an update through and refuses a second, in any process", async () => {
    const one = redisUpdateDedupe(redis, "123", { prefix: `${prefix}update:` });
    const other = redisUpdateDedupe(redis, "123", { prefix: `${prefix}update:` });
    expect(await one.claim(1001)).toBe(true);
    expect(await other.claim(1001)).toBe(false);
    expect(await other.claim(1002)).toBe(true);
  });

  it("keeps the key tg:update:<botId>:<update_id> while processing (120 s) and DONE_SECONDS once done", async () => {
    const dedupe = redisUpdateDedupe(redis, "123", { prefix: `${prefix}update:` });
    await dedupe.claim(2001);
    const key = `${prefix}update:123:2001`;
    expect(await redis.get(key)).toBe("processing");
    expect(await redis.ttl(key)).toBeGreaterThan(100);
    expect(await redis.ttl(key)).toBeLessThanOrEqual(120);
    await dedupe.done(2001);
    expect(await redis.get(key)).toBe("done");
    expect(await redis.ttl(key)).toBeGreaterThan(DONE_SECONDS - 100);
    expect(await dedupe.claim(2001)).toBe(false);
  });

  it("keeps bots apart: the same update id of another bot is another update", async () => {
    const a = redisUpdateDedupe(redis, "111", { prefix: `${prefix}update:` });
    const b = redisUpdateDedupe(redis, "222", { prefix: `${prefix}update:` });
    expect(await a.claim(3001)).toBe(true);
    expect(await b.claim(3001)).toBe(true);
  });

  it("lets a crashed handler's claim lapse so a redelivery is handled", async () => {
    const dedupe = redisUpdateDedupe(redis, "123", { prefix: `${prefix}update:`, processingSeconds: 1 });
    expect(await dedupe.claim(4001)).toBe(true);
    await redis.pexpire(`${prefix}update:123:4001`, 1); // as if the 120 s had passed
    await new Promise((done) => setTimeout(done, 20));
    expect(await dedupe.claim(4001)).toBe(true);
  });

  it("answers 20 concurrent claims of one update with exactly one yes", async () => {
    const dedupe = redisUpdateDedupe(redis, "123", { prefix: `${prefix}update:` });
    const results = await Promise.all(Array.from({ length: 20 }, () => dedupe.claim(5001)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe("redisReplyKeyboardState", () => {
  it("remembers per chat that a contact keyboard is shown, until told it is gone", async () => {
    const state = redisReplyKeyboardState(redis, "123", `${prefix}kbd:`);
    expect(await state.isShown("5001")).toBe(false);
    await state.set("5001", true);
    expect(await state.isShown("5001")).toBe(true);
    expect(await state.isShown("5002")).toBe(false);
    await state.set("5001", false);
    expect(await state.isShown("5001")).toBe(false);
  });
});
