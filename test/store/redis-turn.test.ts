import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisUpdateDedupe } from "../../src/bot/telegram/dedupe";
import { redisChatLock, redisSessionStore } from "../../src/store/redis-sessions";
import { currentTurn, runInTurn } from "../../src/store/redis-turn";

/**
 * Issue 15: one update's Redis work in few round trips. begin() claims the update, takes the
 * chat's lock and reads the turn's session keys in one script; the session store answers from
 * them and keeps its writes back until the engine's step ends, which sends them in one script;
 * the lock stays held until finish(), after the replies, which releases it with the done mark.
 */
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `test:turn:${process.pid}:${Date.now()}:`;
const keys = {
  prefix: `${prefix}update:`,
  sessionPrefix: `${prefix}s:`,
  lockPrefix: `${prefix}lock:`,
  keyboardPrefix: `${prefix}kbd:`,
};
const dedupe = redisUpdateDedupe(redis, "9", keys);
const sessions = redisSessionStore(redis, keys.sessionPrefix);
const lock = redisChatLock(redis, { prefix: keys.lockPrefix, waitMs: 5000 });
const ahead = (chatId: string) => ({
  chatId,
  lock: `telegram:${chatId}`,
  reads: [`lang:telegram:${chatId}`, `session:telegram:${chatId}:${chatId}`],
});

afterAll(async () => {
  const found = await redis.keys(`${prefix}*`);
  if (found.length) await redis.del(...found);
  redis.disconnect();
});

describe("a Telegram update's turn in few Redis round trips", () => {
  it("claims the update, takes the chat's lock and reads the session ahead, once per update", async () => {
    await redis.set(`${keys.sessionPrefix}session:telegram:100:100`, "saved");
    const scope = await dedupe.begin(1, ahead("100"));
    expect(scope?.lock?.state).toBe("held");
    expect(await redis.get(`${keys.lockPrefix}telegram:100`)).toBe(scope?.lock?.token);
    expect(scope?.values.get(`${keys.sessionPrefix}session:telegram:100:100`)).toBe("saved");
    expect(scope?.values.get(`${keys.sessionPrefix}lang:telegram:100`)).toBeNull();
    // The same update again (a redelivery) is not ours; another update of the chat is, without the lock.
    expect(await dedupe.begin(1, ahead("100"))).toBeUndefined();
    const other = await dedupe.begin(2, ahead("100"));
    expect(other).toBeDefined();
    expect(other?.lock).toBeUndefined();
    if (scope) await dedupe.finish(1, scope);
    if (other) await dedupe.finish(2, other);
  });

  it("adopts the lock taken ahead, answers reads from the scope, commits writes when the step ends and keeps the lock until the finish", async () => {
    const sessionKey = "session:telegram:200:200";
    await redis.set(`${keys.sessionPrefix}${sessionKey}`, "before");
    const scope = await dedupe.begin(10, ahead("200"));
    if (!scope) throw new Error("not claimed");
    const lockKey = `${keys.lockPrefix}telegram:200`;
    const result = await runInTurn(scope, () =>
      lock.run("telegram:200", async () => {
        // The lock is the one taken ahead (not taken twice), and the read is the one made under it.
        expect(currentTurn()?.lock?.state).toBe("adopted");
        expect(await redis.get(lockKey)).toBe(scope.lock?.token);
        expect(await sessions.get(sessionKey)).toBe("before");
        await sessions.set(sessionKey, "after", 60_000);
        // Kept back until the release, but read back within the turn.
        expect(await redis.get(`${keys.sessionPrefix}${sessionKey}`)).toBe("before");
        expect(await sessions.get(sessionKey)).toBe("after");
        return "replies";
      }),
    );
    // run() returns only once the write is in Redis: before any reply is sent. The chat stays
    // locked while the replies go out; finish() marks the update done and releases it.
    expect(result).toBe("replies");
    expect(await redis.get(`${keys.sessionPrefix}${sessionKey}`)).toBe("after");
    expect(await redis.pttl(`${keys.sessionPrefix}${sessionKey}`)).toBeGreaterThan(50_000);
    expect(await redis.get(lockKey)).toBe(scope.lock?.token);
    expect(scope.lock?.state).toBe("kept");
    await dedupe.finish(10, scope);
    expect(await redis.exists(lockKey)).toBe(0);
    expect(await redis.get(`${keys.prefix}9:10`)).toBe("done");
  });

  it("commits the writes made before a failure and deletes what the turn deleted; the finish releases the lock", async () => {
    const sessionKey = "session:telegram:300:300";
    await redis.set(`${keys.sessionPrefix}${sessionKey}`, "old");
    const scope = await dedupe.begin(20, ahead("300"));
    if (!scope) throw new Error("not claimed");
    await expect(
      runInTurn(scope, () =>
        lock.run("telegram:300", async () => {
          await sessions.set("lang:telegram:300", "en", 60_000);
          await sessions.delete(sessionKey);
          throw new Error("step failed");
        }),
      ),
    ).rejects.toThrow("step failed");
    expect(await redis.get(`${keys.sessionPrefix}lang:telegram:300`)).toBe("en");
    expect(await redis.exists(`${keys.sessionPrefix}${sessionKey}`)).toBe(0);
    await dedupe.finish(20, scope);
    expect(await redis.exists(`${keys.lockPrefix}telegram:300`)).toBe(0);
  });

  it("releases a lock taken ahead that the turn never used (an ignored update), and marks the update done", async () => {
    const scope = await dedupe.begin(30, ahead("400"));
    if (!scope) throw new Error("not claimed");
    await dedupe.finish(30, scope);
    expect(await redis.exists(`${keys.lockPrefix}telegram:400`)).toBe(0);
    expect(await redis.get(`${keys.prefix}9:30`)).toBe("done");
    expect(await dedupe.claim(30)).toBe(false);
  });

  it("still holds the chat one turn at a time when the lock was busy at the claim", async () => {
    const first = await dedupe.begin(40, ahead("500"));
    const second = await dedupe.begin(41, ahead("500"));
    if (!first || !second) throw new Error("not claimed");
    expect(second.lock).toBeUndefined();
    const order: string[] = [];
    // As the pipeline runs an update: the engine's step, its replies, then finish().
    const a = runInTurn(first, async () => {
      await lock.run("telegram:500", async () => {
        order.push("a start");
        await new Promise((done) => setTimeout(done, 100));
        await sessions.set("session:telegram:500:500", "a", 60_000);
        order.push("a end");
      });
      await new Promise((done) => setTimeout(done, 50));
      order.push("a replied");
    }).then(() => dedupe.finish(40, first));
    const b = runInTurn(second, async () => {
      await lock.run("telegram:500", async () => {
        order.push("b start");
        // Read from Redis (nothing was read ahead without the lock): a's write is there.
        order.push(`b read ${await sessions.get("session:telegram:500:500")}`);
      });
      // The lock b took in its step is its turn's too: held until its finish.
      expect(second.lock?.state).toBe("kept");
      expect(await redis.get(`${keys.lockPrefix}telegram:500`)).toBe(second.lock?.token);
    }).then(() => dedupe.finish(41, second));
    await Promise.all([a, b]);
    expect(order).toEqual(["a start", "a end", "a replied", "b start", "b read a"]);
    expect(await redis.exists(`${keys.lockPrefix}telegram:500`)).toBe(0);
  });

  it("reads the chat's reply-keyboard state ahead with the claim", async () => {
    await redis.set(`${keys.keyboardPrefix}9:600`, "1");
    const scope = await dedupe.begin(50, ahead("600"));
    expect(scope?.ahead.get(`${keys.keyboardPrefix}9:600`)).toBe("1");
    if (scope) await dedupe.finish(50, scope);
  });
});
