import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/kernel/clock";
import type { ChatLock, SessionStore } from "../../src/domain/ports";
import { LockTimeoutError, redisChatLock, redisSessionStore } from "../../src/store/redis-sessions";
import { MemoryChatLock } from "../support/memory/chat-lock";
import { MemorySessionStore } from "../support/memory/sessions";

/**
 * One contract for the conversation sessions and the chat lock, run against Redis
 * (src/store/redis-sessions.ts) and against the in-memory fakes the flow tests use
 * (test/support/memory): idle expiry, one holder per key, waiting, giving up, a lock's expiry.
 * Redis lets real time pass; the fakes advance a ManualClock instead.
 */
interface Backend {
  sessions(): SessionStore;
  lock(options?: { holdMs?: number; waitMs?: number }): ChatLock;
  /** Lets this much time pass. */
  elapse(ms: number): Promise<void>;
}

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `test:sessions-contract:${randomUUID()}:`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

let instances = 0;
const redisBackend = (): Backend => ({
  sessions: () => redisSessionStore(redis, `${prefix}${++instances}:`),
  lock: (options) => redisChatLock(redis, { prefix: `${prefix}lock:${++instances}:`, ...options }),
  elapse: (ms) => sleep(ms),
});

const memoryBackend = (): Backend => {
  const clock = new ManualClock("2026-11-27T02:00:00Z");
  return {
    sessions: () => new MemorySessionStore(clock),
    lock: (options) => new MemoryChatLock({ clock, ...options }),
    async elapse(ms) {
      clock.advance(ms);
      await sleep(20); // waiters look at the clock every few real milliseconds
    },
  };
};

/** A promise the test resolves when it chooses: work that holds a lock until then. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Waits (real time) until the flag is set; the lock's waiters poll. */
async function until(flag: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!flag()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}

describe.each([
  ["Redis", redisBackend],
  ["memory", memoryBackend],
])("SessionStore and ChatLock contract: %s", (_name, makeBackend) => {
  const backend = makeBackend();

  describe("SessionStore", () => {
    it("gives back what was set, the newer value after a second set, nothing after delete", async () => {
      const sessions = backend.sessions();
      expect(await sessions.get("a")).toBeUndefined();
      await sessions.set("a", '{"v":1}', 60_000);
      await sessions.set("b", "other", 60_000);
      expect(await sessions.get("a")).toBe('{"v":1}');
      await sessions.set("a", '{"v":2}', 60_000);
      expect(await sessions.get("a")).toBe('{"v":2}');
      await sessions.delete("a");
      await sessions.delete("never-set");
      expect(await sessions.get("a")).toBeUndefined();
      expect(await sessions.get("b")).toBe("other");
    });

    it("forgets a value idle for longer than its ttl; setting it again starts the idle time afresh", async () => {
      const sessions = backend.sessions();
      await sessions.set("idle", "x", 600);
      await sessions.set("renewed", "y", 600);
      await backend.elapse(350);
      expect(await sessions.get("idle")).toBe("x");
      await sessions.set("renewed", "y2", 600);
      await backend.elapse(350);
      expect(await sessions.get("idle")).toBeUndefined();
      expect(await sessions.get("renewed")).toBe("y2");
      await backend.elapse(350);
      expect(await sessions.get("renewed")).toBeUndefined();
    });
  });

  describe("ChatLock", () => {
    it("returns what the work returns, and passes its error on after releasing the lock", async () => {
      const lock = backend.lock();
      expect(await lock.run("k", async () => 42)).toBe(42);
      await expect(
        lock.run("k", async () => {
          throw new Error("work failed");
        }),
      ).rejects.toThrow("work failed");
      expect(await lock.run("k", async () => "free again")).toBe("free again");
    });

    it("runs the work of one key one at a time, and of different keys side by side", async () => {
      const lock = backend.lock();
      let active = 0;
      let most = 0;
      const step = (n: number) =>
        lock.run("one", async () => {
          active += 1;
          most = Math.max(most, active);
          await sleep(20);
          active -= 1;
          return n;
        });
      expect(await Promise.all([step(1), step(2), step(3)])).toEqual([1, 2, 3]);
      expect(most).toBe(1);

      const held = gate();
      const x = lock.run("x", () => held.wait);
      expect(await lock.run("y", async () => "y ran while x was held")).toBe("y ran while x was held");
      held.open();
      await x;
    });

    it("makes a caller give up with LockTimeoutError when the key stays busy past waitMs", async () => {
      const lock = backend.lock({ waitMs: 200 });
      const held = gate();
      let started = false;
      const holder = lock.run("busy", async () => {
        started = true;
        await held.wait;
      });
      await until(() => started, "the holder runs");
      let waiterRan = false;
      const waiting = expect(
        lock.run("busy", async () => {
          waiterRan = true;
        }),
      ).rejects.toBeInstanceOf(LockTimeoutError);
      await backend.elapse(250);
      await waiting;
      expect(waiterRan).toBe(false);
      held.open();
      await holder;
    });

    it("lets a holder that outlives holdMs lose the lock; its late release leaves the next holder's lock alone", async () => {
      const lock = backend.lock({ holdMs: 600, waitMs: 10_000 });
      const stuck = gate();
      let stuckStarted = false;
      const first = lock.run("k", async () => {
        stuckStarted = true;
        await stuck.wait;
      });
      await until(() => stuckStarted, "the first holder runs");
      await backend.elapse(700);

      const second = gate();
      let secondStarted = false;
      const next = lock.run("k", async () => {
        secondStarted = true;
        await second.wait;
      });
      await until(() => secondStarted, "the second holder gets the expired lock");
      stuck.open();
      await first; // its release must not delete the second holder's lock

      let thirdStarted = false;
      const third = lock.run("k", async () => {
        thirdStarted = true;
      });
      await sleep(60);
      expect(thirdStarted).toBe(false);
      second.open();
      await next;
      await third;
      expect(thirdStarted).toBe(true);
    });
  });
});
