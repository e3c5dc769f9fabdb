/** Every timer figure of the bench, ours beside bare BullMQ's, in one run. */
import { join } from "node:path";
import type { Redis } from "ioredis";
import { openStore } from "../src/store";
import { createDatabase } from "./env";
import {
  bareSide,
  bytesPerTimer,
  lateness,
  openAllDay,
  oursSide,
  schedulingCost,
  storeWithQueries,
} from "./timers";

export interface Lateness {
  p50: number;
  p99: number;
  max: number;
  ran: number;
  /** This process's CPU while the timers ran, per timer (bench/timers.ts lateness). */
  cpuMsPerTimer?: number;
}

export interface TimerFigures {
  dense: { count: number; ours: Lateness; bare: Lateness };
  sparse: { count: number; spreadMs: number; ours: Lateness; bare: Lateness };
  realHandler: Partial<Record<"pglite" | "postgres", Lateness>>;
  bytesPerTimer: { ours: number; bare: number; count: number };
  /** ms per schedule() and cancel() with so many timers pending. */
  scheduling: { pending: number; scheduleMs: number; cancelMs: number }[];
}

export interface TimerRun {
  redis: Redis;
  tempDir: string;
  postgresUrl?: string | undefined;
  quick: boolean;
  log(line: string): void;
}

const show = (l: Lateness) =>
  `p50 ${l.p50.toFixed(0)} ms, p99 ${l.p99.toFixed(0)} ms, max ${l.max.toFixed(0)} ms (${l.ran} ran, CPU ${l.cpuMsPerTimer?.toFixed(2)} ms each)`;

/** The dense timers through the desk's real handler, on each backend's store. */
async function realHandlerLateness(run: TimerRun, dense: number): Promise<TimerFigures["realHandler"]> {
  const { redis, log } = run;
  const realHandler: TimerFigures["realHandler"] = {};
  const stores = { pglite: { dataDir: join(run.tempDir, "timers-pglite") } } as Record<string, object>;
  if (run.postgresUrl) {
    stores.postgres = { databaseUrl: await createDatabase(run.postgresUrl, `bench_${process.pid}_timers`) };
  }
  for (const [backend, open] of Object.entries(stores)) {
    const store = await storeWithQueries(open, dense);
    try {
      const real = await oursSide(redis, store, "real", true, openAllDay());
      realHandler[backend as "pglite"] = await lateness(real, dense, 1000, (i) => `bq-${i}`);
      await real.close();
    } finally {
      await store.close();
    }
    log(
      `timers: ${dense} due within 1 s, real handler on ${backend}: ${show(realHandler[backend as "pglite"] as Lateness)}`,
    );
  }
  return realHandler;
}

export async function runTimers(run: TimerRun): Promise<TimerFigures> {
  const { redis, quick, log } = run;
  const dense = quick ? 2000 : 10_000;
  const memory = await openStore();
  try {
    // Both sides once unmeasured first: the first to run in this process would pay for the JIT.
    for (const warm of [await bareSide(redis), await oursSide(redis, memory, "noop")]) {
      await lateness(warm, quick ? 300 : 1000, 300);
      await warm.close();
    }
    let side = await bareSide(redis);
    const bareDense = await lateness(side, dense, 1000);
    await side.close();
    let ours = await oursSide(redis, memory, "noop");
    const oursDense = await lateness(ours, dense, 1000);
    await ours.close();
    log(`timers: ${dense} due within 1 s: ours ${show(oursDense)}; bare BullMQ ${show(bareDense)}`);

    const sparseCount = quick ? 60 : 200;
    const spreadMs = quick ? 6_000 : 20_000;
    side = await bareSide(redis);
    ours = await oursSide(redis, memory, "noop");
    const [oursSparse, bareSparse] = await Promise.all([
      lateness(ours, sparseCount, spreadMs),
      lateness(side, sparseCount, spreadMs),
    ]);
    await Promise.all([side.close(), ours.close()]);
    log(
      `timers: ${sparseCount} over ${spreadMs / 1000} s: ours ${show(oursSparse)}; bare ${show(bareSparse)}`,
    );

    const count = quick ? 2000 : 10_000;
    side = await bareSide(redis, false);
    ours = await oursSide(redis, memory, "noop", false);
    const bytes = {
      ours: await bytesPerTimer(redis, ours, count),
      bare: await bytesPerTimer(redis, side, count),
      count,
    };
    await Promise.all([side.close(), ours.close()]);
    log(
      `timers: Redis bytes per pending timer: ours ${bytes.ours.toFixed(0)}, bare ${bytes.bare.toFixed(0)}`,
    );

    const realHandler = await realHandlerLateness(run, dense);

    const scheduling: TimerFigures["scheduling"] = [];
    for (const pending of quick ? [10_000] : [10_000, 1_000_000]) {
      const producer = await oursSide(redis, memory, "noop", false);
      scheduling.push({ pending, ...(await schedulingCost(producer, pending, 500)) });
      // A million jobs take long to obliterate one by one: the bench's Redis database is its own.
      await producer.jobs.close();
      await redis.flushdb();
      await redis.set("bench:claimed", String(process.pid));
      const last = scheduling.at(-1);
      log(
        `timers: with ${pending} pending: schedule ${last?.scheduleMs.toFixed(3)} ms, cancel ${last?.cancelMs.toFixed(3)} ms`,
      );
    }
    return {
      dense: { count: dense, ours: oursDense, bare: bareDense },
      sparse: { count: sparseCount, spreadMs, ours: oursSparse, bare: bareSparse },
      realHandler,
      bytesPerTimer: bytes,
      scheduling,
    };
  } finally {
    await memory.close();
  }
}
