import { setTimeout as sleep } from "node:timers/promises";
import { type Clock, systemClock } from "../../../src/domain/kernel/clock";
import type { ChatLock } from "../../../src/domain/ports";
import { LockTimeoutError } from "../../../src/store/redis-sessions";

export interface MemoryChatLockOptions {
  /** How long a holder keeps the lock before it expires (a crashed or stuck holder); as redisChatLock. */
  holdMs?: number;
  /** How long a caller waits for a busy key before LockTimeoutError; as redisChatLock. */
  waitMs?: number;
  clock?: Clock;
}

/**
 * The ChatLock of src/store/redis-sessions.ts in one process: one holder per key; a holder loses
 * the lock after holdMs, and then its release leaves the next holder's lock alone; a caller waits
 * at most waitMs. Time comes from `clock` (a test may advance it): a waiter wakes when a lock is
 * released, and every few real milliseconds to see whether a lock has expired or it waited too long.
 * test/store/sessions-contract.test.ts runs the same cases against both.
 */
export class MemoryChatLock implements ChatLock {
  readonly #held = new Map<string, { token: symbol; expiresAt: number }>();
  readonly #released = new Set<() => void>();
  readonly #holdMs: number;
  readonly #waitMs: number;
  readonly #clock: Clock;

  constructor(options: MemoryChatLockOptions = {}) {
    this.#holdMs = options.holdMs ?? 60_000;
    this.#waitMs = options.waitMs ?? 30_000;
    this.#clock = options.clock ?? systemClock;
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const token = Symbol(key);
    const deadline = this.#now() + this.#waitMs;
    while (!this.#take(key, token)) {
      if (this.#now() > deadline)
        throw new LockTimeoutError(`chat ${key} stayed busy for ${this.#waitMs} ms`);
      await this.#releaseOrPause();
    }
    try {
      return await work();
    } finally {
      if (this.#held.get(key)?.token === token) this.#held.delete(key);
      for (const wake of this.#released) wake();
      this.#released.clear();
    }
  }

  #take(key: string, token: symbol): boolean {
    const holder = this.#held.get(key);
    if (holder && this.#now() <= holder.expiresAt) return false;
    this.#held.set(key, { token, expiresAt: this.#now() + this.#holdMs });
    return true;
  }

  async #releaseOrPause(): Promise<void> {
    const ac = new AbortController();
    let wake = () => {};
    const released = new Promise<void>((resolve) => {
      wake = resolve;
      this.#released.add(resolve);
    });
    await Promise.race([released, sleep(5, undefined, { signal: ac.signal }).catch(() => {})]);
    ac.abort();
    this.#released.delete(wake);
  }

  #now(): number {
    return this.#clock.now().getTime();
  }
}
