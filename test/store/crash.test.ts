import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store";
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from "../support/store-backends";

/**
 * The crash test: a process killed (SIGKILL) in the middle of ingesting a large batch
 * leaves all of the batch or none of it, never a part.
 */

const EVENTS = 20_000;
const CHILD = fileURLToPath(new URL("../support/ingest-child.ts", import.meta.url));

type Target = { dataDir: string } | { databaseUrl: string; schema: string };

/** Runs the child until it prints `line`, then kills it with SIGKILL. */
async function killAt(line: "started" | "committed", target: Target): Promise<{ output: string }> {
  const env = {
    ...process.env,
    CRASH_EVENTS: String(EVENTS),
    ...("dataDir" in target
      ? { CRASH_DATA_DIR: target.dataDir }
      : { CRASH_DATABASE_URL: target.databaseUrl, CRASH_SCHEMA: target.schema }),
  };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", CHILD], {
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
    const guard = setTimeout(() => reject(new Error(`child never printed "${line}": ${output} ${errors}`)), 25_000);
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

async function countStored(target: Target): Promise<{ scans: number; parcels: number }> {
  const db = await openDatabase(target);
  try {
    const { rows } = await sql<{ scans: number; parcels: number }>`
      select (select count(*)::int from scans) as scans, (select count(*)::int from parcels) as parcels`.execute(db);
    return rows[0] ?? { scans: -1, parcels: -1 };
  } finally {
    await db.destroy();
  }
}

function expectAllOrNothing(counts: { scans: number; parcels: number }): void {
  expect([0, EVENTS]).toContain(counts.scans);
  expect(counts.parcels).toBe(counts.scans === 0 ? 0 : EVENTS / 4);
}

const targets: [string, () => Promise<Target>, (t: Target) => Promise<void>][] = [
  [
    "PGlite under DATA_DIR",
    async () => ({ dataDir: await mkdtemp(join(tmpdir(), "parcel-desk-crash-")) }),
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

  it(
    "leaves none or all of a 20k-event batch, and after a commit all of it",
    async () => {
      target = await prepare();
      // Killed while the batch's transaction is writing: none (or, if the commit won the race, all).
      const midway = await killAt("started", target);
      expect(midway.output).toContain("started");
      expectAllOrNothing(await countStored(target));

      // Run again and killed right after the commit: every event is there, none twice.
      await killAt("committed", target);
      expect(await countStored(target)).toEqual({ scans: EVENTS, parcels: EVENTS / 4 });
    },
    60_000,
  );
});
