import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll } from "vitest";
import { DirectoryIndex, type DirectoryInput, parseDirectory } from "../../src/domain/config/directory";
import { defaultPolicy, type Policy, type PolicyInput } from "../../src/domain/config/policy";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import type { Clock } from "../../src/domain/kernel/clock";
import type { AuditLog, Repositories, StaffPresence, Store } from "../../src/domain/ports";
import type { ChannelSender, OutboundMessage } from "../../src/domain/ports/channel-sender";
import type { AuditEntry } from "../../src/domain/ports/records";
import type { JobsDomain } from "../../src/jobs/domain-port";
import type { JobsTuningInput } from "../../src/jobs/queues";
import { type Jobs, type StartJobsOptions, startJobsWith } from "../../src/jobs/start";
import { silentLogger } from "../../src/log";
import { branchWith } from "../support/branch";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A BullMQ key prefix no other test file (or run) uses. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export function newRedis(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: null });
}

/** Deletes every key under the prefix (the queues' and the limiter's); answers how many were left over. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== "0");
  return deleted;
}

/**
 * A test file's own key prefix and Redis connection. After the file's tests, `closeFirst` runs in
 * order (its jobs, its store, its child processes), then the prefix's keys are deleted and the
 * connection closed.
 */
export function redisForFile(
  label: string,
  ...closeFirst: (() => Promise<unknown> | undefined)[]
): { prefix: string; redis: Redis } {
  const prefix = uniquePrefix(label);
  const redis = newRedis();
  afterAll(async () => {
    for (const close of closeFirst) await close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });
  return { prefix, redis };
}

/**
 * The domain's clock in these tests: it starts at a fixed instant (e.g. 10:00 in Shanghai) and
 * then runs with real time, so that BullMQ's real delays and the domain's due times agree.
 */
export class RunningClock implements Clock {
  #start: number;
  #realStart = Date.now();
  constructor(start: Date | string) {
    this.#start = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#start + (Date.now() - this.#realStart));
  }
  set(at: Date | string): void {
    this.#start = new Date(at).getTime();
    this.#realStart = Date.now();
  }
}

export function memoryPresence(available: string[] = []): StaffPresence & { ids: Set<string> } {
  const ids = new Set(available);
  return {
    ids,
    async setAvailable(personId, on) {
      if (on) ids.add(personId);
      else ids.delete(personId);
    },
    async availableIds() {
      return new Set(ids);
    },
  };
}

/** A Store whose audit log is an array; the jobs' own code touches nothing else of it. */
export function auditOnlyStore(): Store & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  const audit: AuditLog = {
    async append(entry) {
      entries.push(entry);
    },
    async list({ subject, limit }) {
      return entries
        .filter((e) => subject === undefined || e.subject === subject)
        .slice(0, limit ?? entries.length)
        .map((e, i) => ({ ...e, id: String(i) }));
    },
  };
  const unused = new Proxy(
    {},
    {
      get(_, name) {
        throw new Error(`this test's store has no ${String(name)}`);
      },
    },
  );
  const repositories = {
    parcels: unused,
    queries: unused,
    pickups: unused,
    problems: unused,
    holds: unused,
    claims: unused,
    subscriptions: unused,
    audit,
  } as unknown as Repositories;
  return {
    ...repositories,
    entries,
    transaction: (work) => work(repositories),
    async ping() {},
    async close() {},
  };
}

export interface SentMessage extends OutboundMessage {
  at: number;
}

/** A ChannelSender that records what it sends (with the real time) and can be told to fail. */
export class RecordingSender implements ChannelSender {
  readonly sent: SentMessage[] = [];
  /** Every call, including those that threw. */
  readonly calls: SentMessage[] = [];
  failWith: ((message: OutboundMessage, callNo: number) => Error | undefined) | undefined;

  async send(message: OutboundMessage): Promise<undefined> {
    const record = { ...message, at: Date.now() };
    this.calls.push(record);
    const error = this.failWith?.(message, this.calls.length);
    if (error) throw error;
    this.sent.push(record);
    return undefined;
  }
}

/**
 * The shared test branch (test/support/branch.ts), with two people of these tests' own: amy, an
 * agent on Slack only who reads English, and qian, a driver the desk cannot reach on any channel.
 */
export const TEST_DIRECTORY: DirectoryInput = branchWith([
  { id: "amy", name: "Amy", workNo: "018", roles: ["agent"], slackId: "U0AMY", language: "en" },
  { id: "qian", name: "钱七", workNo: "202", roles: ["driver"] },
]);

/** Quick timings for tests: short locks and back-offs; limits as each test asks. */
export const FAST_TUNING: JobsTuningInput = {
  lockDurationMs: 5000,
  stalledIntervalMs: 5000,
  timerBackoffMs: 200,
  sendBackoffMs: 100,
};

export function testPolicy(overrides: PolicyInput = {}): Policy {
  return defaultPolicy({
    queryReply: { customer: "PT3S", branch: "PT6S", warnBefore: "PT1S" },
    pickup: { acceptWithin: "PT3S" },
    ...overrides,
  });
}

export interface TestJobsOptions extends Partial<Omit<StartJobsOptions, "connection">> {
  prefix: string;
  domain: JobsDomain;
  connection?: Redis;
}

/** startJobsWith on a connection of its own, with the test directory and a running clock. */
export async function startTestJobs(options: TestJobsOptions): Promise<Jobs & { connection: Redis }> {
  const policy = options.policy ?? testPolicy();
  const connection = options.connection ?? newRedis();
  const jobs = await startJobsWith({
    store: auditOnlyStore(),
    calendar: createBusinessCalendar(policy),
    directory: new DirectoryIndex(parseDirectory(TEST_DIRECTORY)),
    clock: new RunningClock("2026-11-27T02:00:00Z"),
    presence: memoryPresence(),
    log: silentLogger,
    ...options,
    policy,
    tuning: { ...FAST_TUNING, ...options.tuning },
    connection,
  });
  await jobs.ready();
  return {
    ...jobs,
    connection,
    async close(timeoutMs) {
      await jobs.close(timeoutMs);
      if (!options.connection) connection.disconnect();
    },
  };
}

export type TestJobs = Awaited<ReturnType<typeof startTestJobs>>;

/** Polls until the check holds (or throws after timeoutMs with the last value for the message). */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!ok(value)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await sleep(25);
    value = await probe();
  }
  return value;
}

/** A domain whose parts throw until a test gives them a body. */
export function domainDouble(parts: Partial<JobsDomain>): JobsDomain {
  const missing = (name: string) => async () => {
    throw new Error(`${name} is not part of this test`);
  };
  return {
    handleTimer: parts.handleTimer ?? missing("handleTimer"),
    shiftHandover: parts.shiftHandover ?? missing("shiftHandover"),
    morningList: parts.morningList ?? missing("morningList"),
    expectedTimers: parts.expectedTimers ?? (async () => []),
  };
}
