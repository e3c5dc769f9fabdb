/**
 * Timers side by side, in this process: the service's scheduler and timer worker (src/jobs, with a
 * no-op handler and with the desk's real one) and bare BullMQ delayed jobs, each at concurrency 4
 * on a queue of its own. Lateness is when the handler starts minus when the timer was due.
 */
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { sql } from "kysely";
import { loadDirectory } from "../src/branch-files";
import type { Directory } from "../src/domain/config/directory";
import { DirectoryIndex } from "../src/domain/config/directory";
import type { Policy } from "../src/domain/config/policy";
import { defaultPolicy } from "../src/domain/config/policy";
import { createBusinessCalendar } from "../src/domain/kernel/calendar";
import type { Store, TimerKind } from "../src/domain/ports";
import { deskJobsDomain, type Jobs, type JobsDomain, startJobs } from "../src/jobs";
import { silentLogger } from "../src/log";
import { createStore, openDatabase } from "../src/store";
import type { Db } from "../src/store/db";
import { redisPresence } from "../src/store/redis-presence";
import { percentile } from "./load";

export const CONCURRENCY = 4;
const KIND: TimerKind = "query-warn";
let queueNo = 0;

function payload(subjectId: string, dueAt: number) {
  return { kind: KIND, subjectId, dueAt: new Date(dueAt).toISOString() };
}

/** Runs `work` over 0..n-1, `parallel` at a time. */
async function each(n: number, parallel: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/** How the timers are added and run; `lateness` fills as handlers start. */
interface Side {
  prefix: string;
  add(subjectId: string, dueAt: number): Promise<void>;
  lateness: number[];
  close(): Promise<void>;
}

/**
 * The desk open round the clock: the real handler then does its work whenever the bench runs.
 * With SOP.md's hours (08:00–18:30 Shanghai) a run outside them measures only the deferral to
 * the next opening (another path: a job moved back to delayed), so the figure hung on the time of day.
 */
export const openAllDay = (): Branch => ({
  policy: defaultPolicy({ deskHours: { opens: "00:00", closes: "24:00" } }),
});

/** The branch the real handler runs for (default: SOP.md's policy, an empty directory). */
export interface Branch {
  policy?: Policy;
  directory?: Directory;
}

export async function oursSide(
  redis: Redis,
  store: Store,
  handler: "noop" | "real",
  workers = true,
  branch: Branch = {},
): Promise<Side & { jobs: Jobs; notices: number }> {
  const prefix = `bench${process.pid}o${queueNo++}`;
  const policy = branch.policy ?? defaultPolicy();
  const due = new Map<string, number>();
  const lateness: number[] = [];
  let notices = 0;
  const domain: JobsDomain = {
    ...deskJobsDomain,
    async handleTimer(deps, timer) {
      const at = due.get(timer.subjectId);
      if (at !== undefined) lateness.push(Date.now() - at);
      if (handler !== "real") return "done";
      const notifier = {
        ...deps.notifier,
        notify: (notice: Parameters<typeof deps.notifier.notify>[0]) => {
          notices++;
          return deps.notifier.notify(notice);
        },
      };
      return deskJobsDomain.handleTimer({ ...deps, notifier }, timer);
    },
  };
  const jobs = await startJobs({
    connection: redis,
    prefix,
    store,
    policy,
    calendar: createBusinessCalendar(policy),
    directory: new DirectoryIndex(branch.directory ?? loadDirectory(undefined)),
    presence: redisPresence(redis, `${prefix}:`),
    log: silentLogger,
    workers: workers ? ["timers"] : false,
    domain,
  });
  await jobs.ready();
  return {
    prefix,
    jobs,
    lateness,
    get notices() {
      return notices;
    },
    async add(subjectId, dueAt) {
      due.set(subjectId, dueAt);
      await jobs.scheduler.schedule({
        id: `${KIND}-${subjectId}`,
        kind: KIND,
        subjectId,
        dueAt: new Date(dueAt),
      });
    },
    async close() {
      await jobs.queues.timers.obliterate({ force: true }).catch(() => undefined);
      await jobs.close();
    },
  };
}

export async function bareSide(redis: Redis, workers = true): Promise<Side & { queue: Queue }> {
  const prefix = `bench${process.pid}b${queueNo++}`;
  const connection = redis.duplicate({ maxRetriesPerRequest: null });
  const queue = new Queue("timers", { connection, prefix });
  const lateness: number[] = [];
  const worker = workers
    ? new Worker(
        "timers",
        async (job) => {
          lateness.push(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
        },
        { connection: redis.duplicate({ maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY },
      )
    : undefined;
  await worker?.waitUntilReady();
  return {
    prefix,
    queue,
    lateness,
    async add(subjectId, dueAt) {
      await queue.add(KIND, payload(subjectId, dueAt), {
        jobId: `${KIND}-${subjectId}`,
        delay: Math.max(0, dueAt - Date.now()),
      });
    },
    async close() {
      await worker?.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await connection.quit();
    },
  };
}

async function waitFor(side: Side, count: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (side.lateness.length < count && Date.now() < until) await new Promise((d) => setTimeout(d, 20));
}

/**
 * `count` timers due evenly within `spreadMs`, starting once all can be added; the p99 lateness.
 * `subject(i)` names the timer's subject (the real handler's query ids).
 */
export async function lateness(
  side: Side,
  count: number,
  spreadMs: number,
  subject: (i: number) => string = (i) => `bench-${i}`,
): Promise<{ p50: number; p99: number; max: number; ran: number; cpuMsPerTimer: number }> {
  // Time the adding of a few first, so that the rest are all in before the first is due.
  const probe = Math.min(200, count);
  const t0 = Date.now();
  const farAway = t0 + 3_600_000;
  await each(probe, 16, (i) => side.add(`probe-${i}`, farAway));
  const perAdd = (Date.now() - t0) / probe;
  const start = Date.now() + Math.max(1000, perAdd * count * 1.5 + 500);
  await each(count, 16, (i) => side.add(subject(i), start + (i * spreadMs) / count));
  // This process's CPU while the timers run (the adding done): what handling one costs, a figure
  // that the machine's other load distorts less than lateness does.
  const cpu = process.cpuUsage();
  await waitFor(side, count, spreadMs + 120_000 + (start - Date.now()));
  const used = process.cpuUsage(cpu);
  const values = side.lateness.slice(0, count);
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: Math.max(...values),
    ran: values.length,
    cpuMsPerTimer: (used.user + used.system) / 1000 / count,
  };
}

/** Redis bytes per pending timer: the queue's keys' MEMORY USAGE after `count` far-off timers, per timer. */
export async function bytesPerTimer(redis: Redis, side: Side, count: number): Promise<number> {
  const before = await queueBytes(redis, side.prefix);
  const due = Date.now() + 24 * 3_600_000;
  await each(count, 16, (i) => side.add(`pending-${String(i).padStart(8, "0")}`, due));
  const after = await queueBytes(redis, side.prefix);
  return (after - before) / count;
}

async function queueBytes(redis: Redis, prefix: string): Promise<number> {
  let total = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory("USAGE", key, "SAMPLES", "0");
    for (const [, bytes] of (await pipeline.exec()) ?? []) total += Number(bytes ?? 0);
  } while (cursor !== "0");
  return total;
}

/** Fills the timers queue with `pending` far-off jobs, then times schedule() and cancel() of others. */
export async function schedulingCost(
  side: Side & { jobs: Jobs },
  pending: number,
  samples: number,
): Promise<{ scheduleMs: number; cancelMs: number }> {
  const queue = side.jobs.queues.timers;
  const due = Date.now() + 30 * 86_400_000;
  const chunk = 5000;
  for (let lo = 0; lo < pending; lo += chunk) {
    const n = Math.min(chunk, pending - lo);
    await queue.addBulk(
      Array.from({ length: n }, (_, k) => {
        const subjectId = `fill-${lo + k}`;
        return {
          name: KIND,
          data: payload(subjectId, due),
          opts: { jobId: `${KIND}-${subjectId}`, delay: due - Date.now() },
        };
      }),
    );
  }
  const t0 = performance.now();
  for (let i = 0; i < samples; i++) await side.add(`cost-${i}`, due + i);
  const scheduleMs = (performance.now() - t0) / samples;
  const t1 = performance.now();
  for (let i = 0; i < samples; i++) await side.jobs.scheduler.cancel([`${KIND}-cost-${i}`]);
  return { scheduleMs, cancelMs: (performance.now() - t1) / samples };
}

/** A store with `count` open queries (ids bq-0…) for the real handler to read. */
export async function storeWithQueries(
  open: { dataDir?: string; databaseUrl?: string },
  count: number,
): Promise<Store> {
  const db = await openDatabase(open);
  await seedQueries(db, count);
  return createStore(db);
}

/** `count` open customer queries, ids bq-0…, each asked from a chat of its own. */
export async function seedQueries(db: Db, count: number): Promise<void> {
  const now = Date.now();
  await sql`insert into queries (id, kind, tracking_no, asked_channel, asked_chat_id, asked_user_id, language,
      text, created_at, warn_at, due_at, status)
    select 'bq-' || g, 'customer', 'BN' || lpad(g::text, 10, '0'), 'telegram', (6000000000 + g)::text,
      (6000000000 + g)::text, 'zh', '我的快递到哪里了', ${new Date(now)}, ${new Date(now + 600_000)},
      ${new Date(now + 1_800_000)}, 'open'
    from generate_series(0, ${count - 1}::int) g on conflict do nothing`.execute(db);
}
