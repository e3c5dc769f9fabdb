/**
 * How many scans per second one process ingests, and how long the hot read (a parcel with its
 * newest scans) takes: on PGlite in a temp dir always, and on Postgres when TEST_DATABASE_URL
 * is set (in a schema of its own, dropped afterwards). Prints figures; asserts nothing.
 *
 *   npx tsx bench/ingest.ts [scans] [batchSize]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { defaultPolicy } from "../src/domain/config/policy";
import { ingestScans, scanBatchSchema } from "../src/domain/ingest/ingest-scans";
import { ManualClock } from "../src/domain/kernel/clock";
import type { ScanEvent, ScanKind } from "../src/domain/kernel/scan";
import { createStore, openDatabase } from "../src/store";

export interface IngestBenchOptions {
  scans?: number;
  batchSize?: number;
  reads?: number;
  databaseUrl?: string | undefined;
}

export interface IngestBenchResult {
  backend: string;
  scans: number;
  batchSize: number;
  scansPerSecond: number;
  hotReadMs: { mean: number; p50: number; p95: number; p99: number };
  hotReadPlan: string;
}

const LIFECYCLE: ScanKind[] = ["collected", "departed", "arrived", "out_for_delivery", "delivered"];

/** Parcels going through their lifecycle, five scans each, in the order a network would send them. */
function events(count: number): ScanEvent[] {
  const start = Date.parse("2024-05-01T00:00:00Z");
  const parcels = Math.max(1, Math.ceil(count / LIFECYCLE.length));
  return Array.from({ length: count }, (_, i) => {
    const step = Math.floor(i / parcels);
    const parcel = i % parcels;
    return {
      trackingNo: `BN${String(parcel).padStart(10, "0")}`,
      at: new Date(start + step * 3_600_000 + parcel * 1000),
      kind: LIFECYCLE[step % LIFECYCLE.length] ?? "collected",
      location: `网点 ${parcel % 31}`,
      ...(step === 0 ? { originBranch: "苏州分公司" } : {}),
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function benchOne(
  backend: string,
  open: { databaseUrl?: string; schema?: string; dataDir?: string },
  opts: Required<Omit<IngestBenchOptions, "databaseUrl">>,
): Promise<IngestBenchResult> {
  const db = await openDatabase(open);
  const store = createStore(db);
  try {
    const batch = events(opts.scans);
    const deps = {
      store,
      scheduler: { schedule: async () => {}, cancel: async () => {} },
      policy: defaultPolicy(),
      clock: new ManualClock("2024-05-10T00:00:00Z"),
    };
    const started = performance.now();
    for (let i = 0; i < batch.length; i += opts.batchSize) {
      await ingestScans(deps, batch.slice(i, i + opts.batchSize));
    }
    const seconds = (performance.now() - started) / 1000;

    const parcels = [...new Set(batch.map((e) => e.trackingNo))];
    const latencies: number[] = [];
    for (let i = 0; i < opts.reads; i++) {
      const trackingNo = parcels[(i * 7919) % parcels.length] ?? "";
      const t0 = performance.now();
      await store.parcels.get(trackingNo);
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);

    await sql`analyze scans`.execute(db);
    const plan = await sql<{ "QUERY PLAN": string }>`
      explain select id from scans where tracking_no = ${parcels[0] ?? ""} order by at desc, id desc limit 20`.execute(
      db,
    );
    return {
      backend,
      scans: batch.length,
      batchSize: opts.batchSize,
      scansPerSecond: Math.round(batch.length / seconds),
      hotReadMs: {
        mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
      },
      hotReadPlan: plan.rows.map((r) => r["QUERY PLAN"]).join(" / "),
    };
  } finally {
    await store.close();
  }
}

export async function run(options: IngestBenchOptions = {}): Promise<IngestBenchResult[]> {
  const opts = {
    scans: options.scans ?? 20_000,
    batchSize: options.batchSize ?? 500,
    reads: options.reads ?? 1000,
  };
  const databaseUrl = options.databaseUrl ?? process.env.TEST_DATABASE_URL;
  const results: IngestBenchResult[] = [];

  const dataDir = await mkdtemp(join(tmpdir(), "parcel-desk-bench-"));
  try {
    results.push(await benchOne("pglite (temp dir)", { dataDir }, opts));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }

  if (databaseUrl) {
    const schema = `bench_${process.pid}`;
    try {
      results.push(await benchOne("postgres", { databaseUrl, schema }, opts));
    } finally {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  }

  // What the HTTP route adds before the use case: parsing and validating the JSON body.
  const policy = defaultPolicy();
  const schema = scanBatchSchema(policy);
  const bodies = [];
  const all = events(opts.scans);
  for (let i = 0; i < all.length; i += opts.batchSize)
    bodies.push(JSON.stringify(all.slice(i, i + opts.batchSize)));
  const validationStarted = performance.now();
  for (const body of bodies) schema.parse(JSON.parse(body));
  const validationPerSecond = Math.round(all.length / ((performance.now() - validationStarted) / 1000));

  for (const r of results) {
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    console.log(
      `ingest ${r.backend}: ${r.scans} scans in batches of ${r.batchSize}: ${r.scansPerSecond} scans/s` +
        ` | hot read (parcel + 20 newest scans): mean ${ms(r.hotReadMs.mean)}, p50 ${ms(r.hotReadMs.p50)},` +
        ` p95 ${ms(r.hotReadMs.p95)}, p99 ${ms(r.hotReadMs.p99)}`,
    );
    console.log(`  plan of the scans part: ${r.hotReadPlan}`);
  }
  console.log(`JSON.parse + scanBatchSchema alone: ${validationPerSecond} scans/s`);
  if (!databaseUrl) console.log("(set TEST_DATABASE_URL to measure Postgres too)");
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [scans, batchSize] = process.argv.slice(2).map(Number);
  run({ scans: scans || undefined, batchSize: batchSize || undefined }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
