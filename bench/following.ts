/**
 * Issue 17 §4: what following costs the scan ingest. The same 20 000-scan batch (posted in batches
 * of 500) over 5 000 parcels is ingested into fresh PGlite databases seeded alike, twice with
 * nobody following and twice with all 5 000 parcels followed (after a warm-up run). The ratio of
 * the two costs is the figure (target ≤ 1.3×). The follow-push timer's sending is measured apart (it runs in the
 * timer worker, off the ingest path): how fast the pushes recorded are turned into send jobs.
 * Timers go to a real BullMQ queue when a Redis URL is given. Prints figures; asserts nothing.
 *
 *   npx tsx bench/following.ts [scans] [parcels]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { DirectoryIndex, parseDirectory } from "../src/domain/config/directory";
import { defaultPolicy } from "../src/domain/config/policy";
import { followPushTimer } from "../src/domain/following/push";
import { ingestScans } from "../src/domain/ingest/ingest-scans";
import { createBusinessCalendar } from "../src/domain/kernel/calendar";
import { ManualClock } from "../src/domain/kernel/clock";
import type { ScanEvent, ScanKind } from "../src/domain/kernel/scan";
import type { Notice, Scheduler } from "../src/domain/ports";
import { createBullScheduler } from "../src/jobs/scheduler";
import { createStore, openDatabase } from "../src/store";
import { ROOT } from "./proc";

export interface FollowingBenchOptions {
  scans?: number;
  parcels?: number;
  batchSize?: number;
  /** A Redis for a real BullMQ timers queue (a prefix of its own, deleted afterwards); none: a no-op scheduler. */
  redisUrl?: string | undefined;
}

export interface FollowingBenchResult {
  scans: number;
  parcels: number;
  batchSize: number;
  scansPerSecondNone: number;
  scansPerSecondFollowed: number;
  /** Ingest time with every parcel followed over the time with none (target ≤ 1.3). */
  costRatio: number;
  target: number;
  met: boolean;
  pushesRecorded: number;
  timersScheduled: number;
  /** The follow-push timer turning the recorded pushes into send jobs (a counting notifier). */
  pushesQueuedPerSecond: number;
  /** Each timed ingest in run order (none, followed, followed, none), in seconds. */
  runsSeconds: number[];
}

const STEPS: ScanKind[] = ["departed", "arrived", "out_for_delivery", "delivered"];
const DIRECTORY = parseDirectory({ branch: { name: "bench", hotline: "0514-8000000" }, people: [] });

/** Each parcel's first scan (seeded, not timed), then `scans` scans over its next steps, in time order. */
function scansOf(scans: number, parcels: number): { seed: ScanEvent[]; timed: ScanEvent[] } {
  const start = Date.parse("2026-11-26T02:00:00Z");
  const no = (p: number) => `FL${String(p).padStart(10, "0")}`;
  const seed = Array.from({ length: parcels }, (_, p) => ({
    trackingNo: no(p),
    at: new Date(start + p * 10),
    kind: "collected" as const,
    location: `网点 ${p % 31}`,
  }));
  const timed = Array.from({ length: scans }, (_, i) => {
    const step = Math.floor(i / parcels);
    const p = i % parcels;
    return {
      trackingNo: no(p),
      at: new Date(start + (step + 1) * 3_600_000 + p * 10),
      kind: STEPS[step % STEPS.length] ?? "arrived",
      location: `网点 ${(p + step) % 31}`,
    };
  });
  return { seed, timed };
}

async function once(
  followed: boolean,
  opts: Required<Omit<FollowingBenchOptions, "redisUrl">>,
  scheduler: Scheduler,
  drain = false,
): Promise<{ seconds: number; pushes: number; queuedPerSecond: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), "parcel-desk-following-"));
  const store = createStore(await openDatabase({ dataDir }));
  try {
    const policy = defaultPolicy();
    // 10:00 in Shanghai: outside the customers' quiet hours, every push is due at once.
    const clock = new ManualClock("2026-11-27T02:00:00Z");
    const calendar = createBusinessCalendar(policy);
    const deps = { store, scheduler, policy, calendar, clock };
    const { seed, timed } = scansOf(opts.scans, opts.parcels);
    for (let i = 0; i < seed.length; i += opts.batchSize)
      await ingestScans(deps, seed.slice(i, i + opts.batchSize));
    if (followed) {
      await store.transaction(async (tx) => {
        for (const s of seed) {
          const chatId = `9${s.trackingNo.slice(2)}`;
          await tx.subscriptions.subscribe({
            trackingNo: s.trackingNo,
            chat: { channel: "telegram", chatId, userId: chatId },
            language: "zh",
            createdAt: clock.now(),
          });
        }
      });
    }
    let pushes = 0;
    const started = performance.now();
    for (let i = 0; i < timed.length; i += opts.batchSize) {
      pushes += (await ingestScans(deps, timed.slice(i, i + opts.batchSize))).pushes;
    }
    const seconds = (performance.now() - started) / 1000;

    if (!drain) return { seconds, pushes, queuedPerSecond: 0 };
    // The timer's side (the timer worker, not the ingest): pushes into send jobs.
    const sent: Notice[] = [];
    const notifier = { notify: async (n: Notice) => void sent.push(n) };
    const directory = new DirectoryIndex(DIRECTORY);
    const drainStarted = performance.now();
    await followPushTimer(
      { store, notifier, directory, calendar, clock },
      String(Math.ceil(clock.now().getTime() / 1000)),
    );
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    return {
      seconds,
      pushes,
      queuedPerSecond: sent.length === 0 ? 0 : Math.round(sent.length / drainSeconds),
    };
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function run(options: FollowingBenchOptions = {}): Promise<FollowingBenchResult> {
  const opts = {
    scans: options.scans ?? 20_000,
    parcels: options.parcels ?? 5_000,
    batchSize: options.batchSize ?? 500,
  };
  let timers = 0;
  let scheduler: Scheduler = {
    schedule: async () => void timers++,
    cancel: async () => {},
  };
  let close = async () => {};
  if (options.redisUrl) {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    const prefix = `bench-following-${process.pid}`;
    const queue = new Queue("timers", { connection: redis, prefix });
    const bull = createBullScheduler(queue, { redis, clock: new ManualClock("2026-11-27T02:00:00Z") });
    scheduler = {
      async schedule(t) {
        timers++;
        await bull.schedule(t);
      },
      cancel: (ids) => bull.cancel(ids),
    };
    close = async () => {
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      redis.disconnect();
    };
  }
  try {
    // A small run first (the JIT and the database code warm up), then none, followed, followed,
    // none: the order's drift cancels out in the sums.
    await once(false, { ...opts, scans: Math.ceil(opts.scans / 5) }, scheduler);
    const none1 = await once(false, opts, scheduler);
    const scheduledBefore = timers;
    const followed1 = await once(true, opts, scheduler, true);
    const timersOfOne = timers - scheduledBefore;
    const followed2 = await once(true, opts, scheduler);
    const none2 = await once(false, opts, scheduler);
    const none = { seconds: (none1.seconds + none2.seconds) / 2 };
    const followed = { ...followed1, seconds: (followed1.seconds + followed2.seconds) / 2 };
    const ratio = followed.seconds / none.seconds;
    const result: FollowingBenchResult = {
      ...opts,
      scansPerSecondNone: Math.round(opts.scans / none.seconds),
      scansPerSecondFollowed: Math.round(opts.scans / followed.seconds),
      costRatio: Math.round(ratio * 100) / 100,
      target: 1.3,
      met: ratio <= 1.3,
      pushesRecorded: followed.pushes,
      timersScheduled: timersOfOne,
      pushesQueuedPerSecond: followed.queuedPerSecond,
      runsSeconds: [none1, followed1, followed2, none2].map((r) => Math.round(r.seconds * 100) / 100),
    };
    console.log(
      `following (issue 17): ${opts.scans} scans over ${opts.parcels} parcels in batches of ${opts.batchSize}:` +
        ` ${result.scansPerSecondNone} scans/s with none followed, ${result.scansPerSecondFollowed} scans/s with` +
        ` all followed (${result.pushesRecorded} pushes recorded, ${result.timersScheduled} timers):` +
        ` ${result.costRatio}× the cost (target ≤ ${result.target}×: ${result.met ? "met" : "NOT met"});` +
        ` the timer queues ${result.pushesQueuedPerSecond} pushes/s (runs: ${result.runsSeconds.join(" s, ")} s)`,
    );
    return result;
  } finally {
    await close();
  }
}

/** Run alone: the figure also goes into bench/results/latest.json as its `following` key (the rest kept). */
async function runAlone(): Promise<void> {
  const [scans, parcels] = process.argv.slice(2).map(Number);
  const result = await run({
    scans: scans || undefined,
    parcels: parcels || undefined,
    redisUrl: process.env.REDIS_URL,
  });
  const dir = join(ROOT, "bench/results");
  const file = join(dir, "latest.json");
  const before = await readFile(file, "utf8").then(
    (text) => JSON.parse(text) as Record<string, unknown>,
    () => ({}),
  );
  await mkdir(dir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ ...before, following: result }, null, 2)}\n`);
  console.log("wrote the `following` key of bench/results/latest.json");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAlone().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
