import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { z } from "zod";
import { type BusinessCalendar, createBusinessCalendar } from "../../../src/domain/calendar";
import { ManualClock } from "../../../src/domain/clock";
import { DirectoryIndex, type DirectoryInput, parseDirectory } from "../../../src/domain/directory";
import { defaultPolicy, type Policy } from "../../../src/domain/policy";
import type { Store } from "../../../src/domain/ports";
import type { ScanEvent } from "../../../src/domain/scan";
import { createDesk } from "../../../src/domain/use-cases";
import type { Desk } from "../../../src/domain/use-cases/desk";
import { CUSTOMER_COMMANDS, customerFlows, customerMenu, customerRoute } from "../../../src/flows/customer";
import { createEngine, type Engine } from "../../../src/flows/engine";
import type { Flow } from "../../../src/flows/types";
import { openStore } from "../../../src/store";
import { redisChatLock, redisSessionStore } from "../../../src/store/redis-sessions";
import { FakeNotifier, FakePresence, FakeScheduler } from "../../support/fakes";
import { privateChat, type Transcript, transcript } from "../../support/transcript";

/**
 * The customer flows on the real engine, the real desk, an in-memory store and a real Redis
 * (sessions and chat locks under a key prefix of their own, removed by close()). Time is a
 * ManualClock; Shanghai is UTC+8, so 2026-11-27T02:00:00Z is 10:00 there (a Friday).
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
    { id: "zhang", name: "张伟", workNo: "105", roles: ["courier"], telegramId: 2003, phone: "13800000003" },
    { id: "sun", name: "孙丽", workNo: "106", roles: ["courier"], telegramId: 2005, phone: "13800000005" },
    { id: "zhao", name: "赵刚", workNo: "201", roles: ["driver"], telegramId: 2004, phone: "13800000004" },
  ],
};

/** Shanghai local time on 2026-11-27 (or another date) as a UTC instant. */
export function shanghai(time: string, date = "2026-11-27"): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** Opening an in-memory PGlite and migrating it takes seconds, more on a busy machine. */
export const HARNESS_TIMEOUT = 120_000;

/**
 * A staff-only flow with a command, so that a stranger typing it meets a real staff command
 * (the engine must answer them as a customer).
 */
const staffOnlyFlow: Flow<unknown> = {
  name: "staff-queries",
  roles: ["agent"],
  state: z.unknown(),
  start: async () => ({ replies: [{ kind: "text", text: "STAFF QUEUE" }] }),
  on: async () => ({ replies: [] }),
};

export interface CustomerHarness {
  clock: ManualClock;
  policy: Policy;
  calendar: BusinessCalendar;
  directory: DirectoryIndex;
  store: Store;
  desk: Desk;
  engine: Engine;
  notifier: FakeNotifier;
  scheduler: FakeScheduler;
  /** Errors the engine caught (each would have been answered with error.internal). */
  errors: unknown[];
  /** A customer in a private chat no other test uses. */
  customer(languageHint?: string): Transcript;
  /** Stores scans as the ingest API would. */
  ingest(events: ScanEvent[]): Promise<void>;
  close(): Promise<void>;
}

let chats = 0;

export interface HarnessOptions {
  /** Stands in front of the real desk (e.g. to make it refuse something the flow let through). */
  desk?: (real: Desk) => Desk;
}

export async function customerHarness(label: string, options: HarnessOptions = {}): Promise<CustomerHarness> {
  const clock = new ManualClock(shanghai("10:00"));
  const policy = defaultPolicy();
  const calendar = createBusinessCalendar(policy);
  const directory = new DirectoryIndex(parseDirectory(DIRECTORY));
  const store = await openStore({});
  const notifier = new FakeNotifier();
  const scheduler = new FakeScheduler();
  const deps = { store, scheduler, notifier, policy, calendar, directory, clock };
  const real = createDesk({ ...deps, presence: new FakePresence() });
  const desk = options.desk ? options.desk(real) : real;

  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const prefix = `test:${label}:${randomUUID()}:`;
  const errors: unknown[] = [];
  const engine = createEngine({
    deps,
    sessions: redisSessionStore(redis, prefix),
    lock: redisChatLock(redis, { prefix: `${prefix}lock:` }),
    flows: [...customerFlows(desk), staffOnlyFlow],
    commands: { ...CUSTOMER_COMMANDS, queries: { flow: "staff-queries", roles: ["agent"] } },
    menu: customerMenu,
    route: customerRoute,
    onError: (error) => errors.push(error),
  });

  return {
    clock,
    policy,
    calendar,
    directory,
    store,
    desk,
    engine,
    notifier,
    scheduler,
    errors,
    customer(languageHint) {
      chats += 1;
      return transcript(engine, privateChat(`${label}-${process.pid}-${chats}`, undefined, languageHint));
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
