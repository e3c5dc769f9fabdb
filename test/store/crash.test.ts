import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store";
import { dropSchema, seedPGliteDataDir, TEST_DATABASE_URL, uniqueSchema } from "../support/store-backends";

/**
 * The crash test: a process killed (SIGKILL) in the middle of ingesting a large batch
 * leaves all of the batch or none of it, never a part; what it committed before stays.
 */

const EVENTS = 20_000;
// The batch committed before the crash: its size does not matter, only that all of it stays.
const WARMUP = 200;
const CHILD = fileURLToPath(new URL("../support/ingest-child.ts", import.meta.url));
const START = fileURLToPath(new URL("../../scripts/start.mjs", import.meta.url));

type Target = { dataDir: string } | { databaseUrl: string; schema: string };

/** Runs the child until it prints `line`, then kills it with SIGKILL. */
async function killAt(line: "started", target: Target): Promise<{ output: string }> {
  const env = {
    ...process.env,
    CRASH_EVENTS: String(EVENTS),
    CRASH_WARMUP: String(WARMUP),
    ...("dataDir" in target
      ? { CRASH_DATA_DIR: target.dataDir }
      : { CRASH_DATABASE_URL: target.databaseUrl, CRASH_SCHEMA: target.schema }),
  };
  // Through scripts/start.mjs, as the service runs: its packages load natively, not through the
  // TypeScript loader's hooks (half the child's CPU).
  const child: ChildProcess = spawn(process.execPath, [START, CHILD], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  child.stderr?.on("data", (d: Buffer) => {
    errors += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const guard = setTimeout(
      () => reject(new Error(`child never printed "${line}": ${output} ${errors}`)),
      40_000,
    );
    child.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
      if (output.split("\n").some((l) => l.startsWith(line))) {
        clearTimeout(guard);
        child.kill("SIGKILL");
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(guard);
      reject(new Error(`child exited (${code}) before "${line}": ${output} ${errors}`));
    });
  }).finally(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  await exited;
  return { output };
}

interface Counts {
  warmupScans: number;
  batchScans: number;
  batchParcels: number;
}

async function countStored(target: Target): Promise<Counts> {
  const db = await openDatabase(target);
  try {
    const { rows } = await sql<Counts>`
      select
        (select count(*)::int from scans where tracking_no like 'CW%') as "warmupScans",
        (select count(*)::int from scans where tracking_no like 'CR%') as "batchScans",
        (select count(*)::int from parcels where tracking_no like 'CR%') as "batchParcels"`.execute(db);
    return rows[0] ?? { warmupScans: -1, batchScans: -1, batchParcels: -1 };
  } finally {
    await db.destroy();
  }
}

const targets: [string, () => Promise<Target>, (t: Target) => Promise<void>][] = [
  [
    "PGlite under DATA_DIR",
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "parcel-desk-crash-"));
      await seedPGliteDataDir(dataDir);
      return { dataDir };
    },
    async (t) => {
      if ("dataDir" in t) await rm(t.dataDir, { recursive: true, force: true });
    },
  ],
];
if (TEST_DATABASE_URL) {
  const url = TEST_DATABASE_URL;
  targets.push([
    "Postgres",
    async () => ({ databaseUrl: url, schema: uniqueSchema("crash") }),
    async (t) => {
      if ("schema" in t) await dropSchema(url, t.schema);
    },
  ]);
}

describe.each(targets)("a process killed mid-batch on %s", (_name, prepare, cleanup) => {
  let target: Target;
  afterAll(async () => {
    if (target) await cleanup(target);
  });

  it("leaves none or all of a 20k-event batch, and keeps what was committed before", async () => {
    target = await prepare();
    const { output } = await killAt("started", target);
    expect(output).toContain(`warmed ${WARMUP}`);
    const counts = await countStored(target);
    // The batch before was committed: every event of it survived the kill.
    expect(counts.warmupScans).toBe(WARMUP);
    // The batch being written: none of it (or all, had the commit won the race), never a part.
    expect([0, EVENTS]).toContain(counts.batchScans);
    expect(counts.batchParcels).toBe(counts.batchScans === 0 ? 0 : EVENTS / 4);
  }, 90_000);
});
