import { type Clock, systemClock } from "../../../src/domain/kernel/clock";
import type { SessionStore } from "../../../src/domain/ports";

/**
 * The SessionStore of src/store/redis-sessions.ts in memory: each value expires when it has been
 * idle for its ttl (as Redis's PX: still there at exactly ttl, gone after it; a ttl under 1 ms counts
 * as 1 ms). Time comes from `clock`, so a test can advance it instead of waiting.
 * test/store/sessions-contract.test.ts runs the same cases against both.
 */
export class MemorySessionStore implements SessionStore {
  readonly #entries = new Map<string, { value: string; expiresAt: number }>();
  readonly #clock: Clock;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#now() > entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#entries.set(key, { value, expiresAt: this.#now() + Math.max(1, Math.round(ttlMs)) });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  #now(): number {
    return this.#clock.now().getTime();
  }
}
