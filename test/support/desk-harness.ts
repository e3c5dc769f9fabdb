import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import {
  DirectoryIndex,
  type DirectoryInput,
  type Person,
  parseDirectory,
} from "../../src/domain/config/directory";
import { defaultPolicy } from "../../src/domain/config/policy";
import { createDesk } from "../../src/domain/desk";
import type { Desk } from "../../src/domain/desk/desk";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import { ManualClock } from "../../src/domain/kernel/clock";
import type { ScanEvent } from "../../src/domain/kernel/scan";
import type { Store } from "../../src/domain/ports";
import { createDeskEngine, type Engine } from "../../src/flows";
import { openStore } from "../../src/store";
import { redisChatLock, redisSessionStore } from "../../src/store/redis-sessions";
import { FakeNotifier, FakePresence, FakeScheduler } from "./fakes";
import { privateChat, type Transcript, transcript } from "./transcript";

/**
 * The desk's conversations as src/app.ts wires them: the real `createDeskEngine` (customer and
 * staff flows, the staff actions) over the real desk, an in-memory PGlite store, a real Redis for
 * sessions and chat locks (under a key prefix of its own, removed by close()), and the doubles of
 * ./fakes for the scheduler, the notifier and the seats. Time is a ManualClock: 2026-11-27 is a
 * Friday and Shanghai is UTC+8, so 02:00Z is 10:00 at the branch.
 */
export const DIRECTORY: DirectoryInput = {
  branch: { name: "扬州分公司", hotline: "0514-8000000", network: "某某快递", networkEn: "Example Express" },
  zones: [
    { id: "east", name: "城东", keywords: ["文昌路", "东关街"], courier: "zhang", driver: "zhao" },
    { id: "west", name: "城西", keywords: ["扬子江路", "西湖镇"], courier: "sun" },
  ],
  branchPoints: [{ name: "东关分点", address: "东关街 12 号", phone: "0514-8000001" }],
  people: [
    { id: "wang", name: "王芳", workNo: "017", roles: ["agent"], telegramId: 2001 },
    { id: "liu", name: "刘洋", workNo: "018", roles: ["agent"], telegramId: 2006, language: "en" },
    { id: "li", name: "李强", workNo: "003", roles: ["supervisor"], telegramId: 2002 },
    { id: "zhang", name: "张伟", workNo: "105", roles: ["courier"], telegramId: 2003, phone: "13800000003" },
    { id: "sun", name: "孙丽", workNo: "106", roles: ["courier"], telegramId: 2005, phone: "13800000005" },
    { id: "zhao", name: "赵刚", workNo: "201", roles: ["driver"], telegramId: 2004, phone: "13800000004" },
    { id: "chen", name: "陈静", workNo: "050", roles: ["dispatcher"], telegramId: 2007 },
  ],
};

/** Shanghai local time on 2026-11-27 (or another date) as a UTC instant. */
export function shanghai(time: string, date = "2026-11-27"): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** Opening an in-memory PGlite and migrating it can take long on a busy machine (hooks default to 30 s). */
export const HARNESS_TIMEOUT = 120_000;

export interface DeskHarnessOptions {
  /** Stands in front of the real desk (e.g. to make it refuse something the flow let through). */
  desk?: (real: Desk) => Desk;
}

/** What open() makes: everything that needs the store or Redis. */
interface Opened {
  store: Store;
  desk: Desk;
  engine: Engine;
  redis: Redis;
}

let chats = 0;

export class DeskHarness {
  /** Starts at Friday 2026-11-27 10:00 in Shanghai, the desk open. */
  readonly clock = new ManualClock(shanghai("10:00"));
  readonly policy = defaultPolicy();
  readonly calendar = createBusinessCalendar(this.policy);
  readonly directory = new DirectoryIndex(parseDirectory(DIRECTORY));
  readonly notifier = new FakeNotifier();
  readonly scheduler = new FakeScheduler();
  readonly presence = new FakePresence();
  /** Errors the engine caught (each would have been answered with error.internal). */
  readonly errors: unknown[] = [];

  readonly #label: string;
  readonly #options: DeskHarnessOptions;
  readonly #prefix: string;
  #opened: Opened | undefined;

  constructor(label: string, options: DeskHarnessOptions = {}) {
    this.#label = label;
    this.#options = options;
    this.#prefix = `test:flows-${label}:${randomUUID()}:`;
  }

  /** Opens the store, the desk (behind options.desk, if given) and the engine. */
  async open(): Promise<void> {
    const store = await openStore({});
    const deps = {
      store,
      scheduler: this.scheduler,
      notifier: this.notifier,
      policy: this.policy,
      calendar: this.calendar,
      directory: this.directory,
      clock: this.clock,
    };
    const real = createDesk({ ...deps, presence: this.presence });
    const desk = this.#options.desk ? this.#options.desk(real) : real;
    const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    const engine = createDeskEngine({
      deps,
      desk,
      sessions: redisSessionStore(redis, this.#prefix),
      lock: redisChatLock(redis, { prefix: `${this.#prefix}lock:` }),
      onError: (error) => this.errors.push(error),
    });
    this.#opened = { store, desk, engine, redis };
  }

  get store(): Store {
    return this.#parts().store;
  }

  /** The desk the flows use (options.desk's wrapper, if given). */
  get desk(): Desk {
    return this.#parts().desk;
  }

  get engine(): Engine {
    return this.#parts().engine;
  }

  /** A customer in a private chat no other test uses; `languageHint` is what their app speaks. */
  customer(languageHint?: string): Transcript {
    return transcript(this.engine, privateChat(this.#newChatId(), undefined, languageHint));
  }

  /** A staff member of DIRECTORY in a private chat no other test uses. */
  staff(personId: string): Transcript {
    const person: Person | undefined = this.directory.person(personId);
    if (!person) throw new Error(`no ${personId} in the test directory`);
    return transcript(this.engine, privateChat(this.#newChatId(), person));
  }

  /** Stores scans as the ingest API would. */
  async ingest(events: ScanEvent[]): Promise<void> {
    await this.store.parcels.addScans(events, this.clock.now());
  }

  async close(): Promise<void> {
    const opened = this.#opened;
    if (!opened) return;
    this.#opened = undefined;
    const keys = await opened.redis.keys(`${this.#prefix}*`);
    if (keys.length > 0) await opened.redis.del(...keys);
    opened.redis.disconnect();
    await opened.store.close();
  }

  #newChatId(): string {
    chats += 1;
    return `${this.#label}-${process.pid}-${chats}`;
  }

  #parts(): Opened {
    if (!this.#opened) throw new Error("the desk harness is not open (useDeskHarness opens it in beforeAll)");
    return this.#opened;
  }
}

/**
 * A harness for the tests of the enclosing describe: opened before them, closed after them. After
 * each test the engine must have caught no error, and the clock is back at 10:00.
 */
export function useDeskHarness(label: string, options: DeskHarnessOptions = {}): DeskHarness {
  const h = new DeskHarness(label, options);
  beforeAll(async () => {
    await h.open();
  }, HARNESS_TIMEOUT);
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.clock.set(shanghai("10:00"));
    expect(h.errors.splice(0), "errors the engine caught").toEqual([]);
  });
  return h;
}
