/**
 * One database backend end to end: start-up to /healthz (a fresh start and a restart), 1 000
 * parcels over the ingest API, the /track figures, and (measureGrowth) how the per-update cost
 * grows with the parcels stored (100 000 and 1 000 000, filled straight into the database).
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { pgliteTemplate, templateDataDir } from "../src/store/pglite-template";
import { createDatabase } from "./env";
import type { FakeBotApi } from "./fake-bot-api";
import { describeFlood, type FloodFigures, measureFlood } from "./flood";
import { closedLoop } from "./load";
import { MEMORY_PROBE, type MemoryDetail, memoryDetail } from "./memory";
import { ROOT } from "./proc";
import { fillParcels } from "./seed";
import { startService } from "./service";
import {
  type BotFigures,
  describe,
  IN_FLIGHT,
  ingestParcels,
  measureBot,
  parcelNumbers,
  type Sizes,
} from "./track";

export type Backend = "pglite" | "postgres";

export interface GrowthPoint {
  parcels: number;
  cpuMsPerUpdate: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
  startMs: number;
}

export interface BackendFigures {
  backend: Backend;
  /** PGlite: a fresh data dir; Postgres: a new, empty database (migrations run). */
  firstStartMs: number;
  /** The same data again (PGlite: restart on the dir; Postgres: migrated database). */
  restartMs: number;
  ingestScansPerSecond: number;
  track: BotFigures;
  /** Issue 16 §4: the others' /track p99 beside one flooding chat, against none (bench/flood.ts). */
  flood: FloodFigures;
  growth: GrowthPoint[];
  /** The service's memory right after the /track load (bench/memory.ts). */
  memory: MemoryDetail;
  /** Whether the start of that figure ("firstStartMs", "startMs") built src/main.ts first. */
  rebuilt: Record<"firstStartMs" | "startMs", boolean>;
  /** Where its data is, for the profiles of bench/why.ts. */
  where: { dataDir: string; databaseUrl: string | undefined };
}

export interface BackendRun {
  api: FakeBotApi;
  redisUrl: string;
  redisDb: number;
  tempDir: string;
  postgresUrl?: string | undefined;
  sizes: Sizes;
  growth: readonly number[];
  nodeArgs?: string[];
  log(line: string): void;
}

const BASE_PARCELS = 1000;
const MANIFEST = join(ROOT, "node_modules/.cache/parcel-desk-build/src_main_ts.json");
export const serviceMarker = (args: string[]) => args.some((a) => a.includes("tg:update:"));

export async function runBackend(backend: Backend, run: BackendRun): Promise<BackendFigures> {
  const dataDir = join(run.tempDir, `service-${backend}`);
  const databaseUrl =
    backend === "postgres" ? await createDatabase(run.postgresUrl ?? "", `bench_${process.pid}`) : undefined;
  const memoryFile = join(run.tempDir, `memory-${backend}.json`);
  const start = () =>
    startService({
      apiRoot: run.api.url,
      redisUrl: run.redisUrl,
      dataDir,
      databaseUrl,
      nodeArgs: [...(run.nodeArgs ?? []), MEMORY_PROBE],
      env: { BENCH_MEMORY_FILE: memoryFile },
    });

  // A new data dir starts from this machine's migrated template (src/store/pglite-template.ts);
  // tests and the bench build it once. Without it, the first start runs initdb (seconds more).
  if (backend === "pglite") {
    await pgliteTemplate();
    await templateDataDir();
  }
  // scripts/start.mjs builds src/main.ts anew when a source changed since the last start.
  const built = () => (existsSync(MANIFEST) ? statSync(MANIFEST).mtimeMs : 0);
  const builtBefore = built();
  let bot = await start();
  const firstStartMs = bot.startMs;
  await bot.stop();
  const builtFirst = built();
  bot = await start();
  const restartMs = bot.startMs;
  const rebuilt = { firstStartMs: builtFirst !== builtBefore, startMs: built() !== builtFirst };
  try {
    run.log(`${backend}: first start ${firstStartMs.toFixed(0)} ms, restart ${restartMs.toFixed(0)} ms`);
    const ingestScansPerSecond = await ingestParcels(bot, BASE_PARCELS);
    const redis = { url: run.redisUrl, db: run.redisDb, marker: serviceMarker };
    const track = await measureBot(bot, run.api, parcelNumbers(BASE_PARCELS), run.sizes, redis);
    run.log(describe(`${backend} /track`, track));
    const memory = await memoryDetail(bot.child.pid, memoryFile);
    const flood = await measureFlood(
      { webhookUrl: bot.webhookUrl, secret: bot.secret, api: run.api },
      parcelNumbers(BASE_PARCELS),
      run.sizes.pacedSeconds,
    );
    run.log(describeFlood(backend, flood));

    const growth: GrowthPoint[] = [
      {
        parcels: BASE_PARCELS,
        cpuMsPerUpdate: track.cpuMsPerUpdate,
        p50Ms: track.throughput.p50Ms,
        p99Ms: track.throughput.p99Ms,
        perSecond: track.throughput.perSecond,
        startMs: restartMs,
      },
    ];
    const where = { dataDir, databaseUrl };
    const figures = { backend, firstStartMs, restartMs, rebuilt, ingestScansPerSecond, track, flood };
    return { ...figures, growth, memory, where };
  } finally {
    await bot.stop();
  }
}

/**
 * How the per-update cost grows with the parcels stored: each of `run.growth`, filled straight into
 * the backend's database, then the /track load on a restarted service (after bench/why.ts has
 * profiled the 1 000-parcel data).
 */
export async function measureGrowth(b: BackendFigures, run: BackendRun): Promise<void> {
  let stored = BASE_PARCELS;
  for (const size of run.growth) {
    await fillParcels(b.where, stored, size);
    stored = size;
    const bot = await startService({
      apiRoot: run.api.url,
      redisUrl: run.redisUrl,
      ...b.where,
      nodeArgs: run.nodeArgs,
    });
    try {
      const parcels = parcelNumbers(size);
      const to = { webhookUrl: bot.webhookUrl, secret: bot.secret, api: run.api };
      await closedLoop(to, parcels, 300, IN_FLIGHT);
      const cpu0 = bot.cpuMs();
      const n = run.sizes.throughput;
      const load = await closedLoop(to, parcels, n, IN_FLIGHT);
      const point = {
        parcels: size,
        cpuMsPerUpdate: (bot.cpuMs() - cpu0) / n,
        p50Ms: load.p50Ms,
        p99Ms: load.p99Ms,
        perSecond: load.perSecond,
        startMs: bot.startMs,
      };
      b.growth.push(point);
      run.log(
        `${b.backend} with ${size} parcels: ${point.perSecond.toFixed(0)} updates/s, CPU ${point.cpuMsPerUpdate.toFixed(2)} ms/update,` +
          ` p50 ${point.p50Ms.toFixed(1)} ms, p99 ${point.p99Ms.toFixed(1)} ms, start ${point.startMs.toFixed(0)} ms`,
      );
    } finally {
      await bot.stop();
    }
  }
}
