import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { type BusinessCalendar, createBusinessCalendar } from "../../../src/domain/calendar";
import { ManualClock } from "../../../src/domain/clock";
import {
  DirectoryIndex,
  type DirectoryInput,
  type Person,
  parseDirectory,
} from "../../../src/domain/directory";
import { defaultPolicy, type Policy } from "../../../src/domain/policy";
import type { Notice, Notifier, StaffPresence, Store } from "../../../src/domain/ports";
import type { ScanEvent } from "../../../src/domain/scan";
import { createDesk } from "../../../src/domain/use-cases";
import type { Desk } from "../../../src/domain/use-cases/desk";
import { createDeskEngine } from "../../../src/flows";
import type { Engine } from "../../../src/flows/engine";
import { openStore } from "../../../src/store";
import { redisChatLock, redisSessionStore } from "../../../src/store/redis-sessions";
import { FakeScheduler } from "../../support/fake-scheduler";
import { privateChat, type Transcript, transcript } from "../../support/transcript";

/**
 * The staff flows on the real engine as the app wires it (customer and staff flows, the staff
 * actions), the real desk, an in-memory PGlite store and a real Redis for sessions and chat locks
 * (a key prefix of its own, removed by close()). Time is a ManualClock: 2026-11-27 is a Friday and
 * Shanghai is UTC+8, so 02:00Z is 10:00 at the branch.
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

/** Opening PGlite and migrating it can take long on a busy machine (beforeAll's default is 30 s). */
export const HARNESS_TIMEOUT = 120_000;

/** Shanghai local time on 2026-11-27 (or another date) as a UTC instant. */
export function shanghai(time: string, date = "2026-11-27"): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** Keeps every notice the desk sends (in the order sent). */
export class RecordingNotifier implements Notifier {
  readonly sent: Notice[] = [];
  async notify(notice: Notice): Promise<void> {
    this.sent.push(notice);
  }
  to(personId: string): Notice[] {
    return this.sent.filter((n) => n.to.kind === "person" && n.to.personId === personId);
  }
}

/** SOP-14 seats in memory. */
export class MemoryPresence implements StaffPresence {
  readonly #available = new Set<string>();
  async setAvailable(personId: string, available: boolean): Promise<void> {
    if (available) this.#available.add(personId);
    else this.#available.delete(personId);
  }
  async availableIds(): Promise<Set<string>> {
    return new Set(this.#available);
  }
}

export interface StaffHarness {
  clock: ManualClock;
  policy: Policy;
  calendar: BusinessCalendar;
  directory: DirectoryIndex;
  store: Store;
  desk: Desk;
  engine: Engine;
  notifier: RecordingNotifier;
  presence: MemoryPresence;
  /** Errors the engine caught (each would have been answered with error.internal). */
  errors: unknown[];
  /** A staff member of DIRECTORY in a private chat no other test uses. */
  staff(personId: string): Transcript;
  /** A customer in a private chat no other test uses. */
  customer(): Transcript;
  /** Stores scans as the ingest API would. */
  ingest(events: ScanEvent[]): Promise<void>;
  close(): Promise<void>;
}

let chats = 0;

export async function staffHarness(label: string): Promise<StaffHarness> {
  const clock = new ManualClock(shanghai("10:00"));
  const policy = defaultPolicy();
  const calendar = createBusinessCalendar(policy);
  const directory = new DirectoryIndex(parseDirectory(DIRECTORY));
  const store = await openStore({});
  const notifier = new RecordingNotifier();
  const scheduler = new FakeScheduler();
  const presence = new MemoryPresence();
  const deps = { store, scheduler, notifier, policy, calendar, directory, clock };
  const desk = createDesk({ ...deps, presence });

  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const prefix = `test:staff-${label}:${randomUUID()}:`;
  const errors: unknown[] = [];
  const engine = createDeskEngine({
    deps,
    desk,
    sessions: redisSessionStore(redis, prefix),
    lock: redisChatLock(redis, { prefix: `${prefix}lock:` }),
    onError: (error) => errors.push(error),
  });

  const person = (id: string): Person => {
    const p = directory.person(id);
    if (!p) throw new Error(`no ${id} in the test directory`);
    return p;
  };

  return {
    clock,
    policy,
    calendar,
    directory,
    store,
    desk,
    engine,
    notifier,
    presence,
    errors,
    staff(personId) {
      chats += 1;
      return transcript(engine, privateChat(`${label}-${process.pid}-${chats}`, person(personId)));
    },
    customer() {
      chats += 1;
      return transcript(engine, privateChat(`${label}-c-${process.pid}-${chats}`));
    },
    async ingest(events) {
      await store.parcels.addScans(events, clock.now());
    },
    async close() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await store.close();
    },
  };
}
