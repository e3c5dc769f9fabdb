/**
 * Child process of test/store/crash.test.ts. Through the real use case it ingests a small batch
 * ("warmed <n>" once committed), then one large batch, printing "started" when that batch's
 * transaction begins writing its scans and "committed <n>" after its commit. The test kills it
 * with SIGKILL on "started".
 *
 * env: CRASH_EVENTS, CRASH_WARMUP (counts), and CRASH_DATA_DIR (PGlite) or CRASH_DATABASE_URL +
 * CRASH_SCHEMA.
 */

import { defaultPolicy } from "../../src/domain/config/policy";
import { ingestScans } from "../../src/domain/ingest/ingest-scans";
import { ManualClock } from "../../src/domain/kernel/clock";
import type { ScanEvent } from "../../src/domain/kernel/scan";
import type { Store } from "../../src/domain/ports";
import { openStore } from "../../src/store";

export function crashBatch(count: number, prefix = "CR"): ScanEvent[] {
  const start = Date.parse("2024-05-01T00:00:00Z");
  const kinds = ["collected", "departed", "arrived", "out_for_delivery"] as const;
  return Array.from({ length: count }, (_, i) => ({
    trackingNo: `${prefix}${String(Math.floor(i / 4)).padStart(10, "0")}`,
    at: new Date(start + i * 1000),
    kind: kinds[i % kinds.length] ?? "collected",
    location: `网点 ${i % 23}`,
  }));
}

async function main(): Promise<void> {
  const count = Number(process.env.CRASH_EVENTS ?? "20000");
  const warmup = Number(process.env.CRASH_WARMUP ?? "1000");
  const store = await openStore({
    databaseUrl: process.env.CRASH_DATABASE_URL || undefined,
    schema: process.env.CRASH_SCHEMA || undefined,
    dataDir: process.env.CRASH_DATA_DIR || undefined,
  });
  // The real store; only announces when the batch's transaction starts writing its scans.
  const announcing: Store = {
    ...store,
    transaction: (work) =>
      store.transaction((tx) =>
        work({
          ...tx,
          parcels: {
            ...tx.parcels,
            addScans: (events, receivedAt) => {
              process.stdout.write("started\n");
              return tx.parcels.addScans(events, receivedAt);
            },
          },
        }),
      ),
  };
  const deps = {
    store,
    scheduler: { schedule: async () => {}, cancel: async () => {} },
    policy: defaultPolicy(),
    clock: new ManualClock("2024-05-02T00:00:00Z"),
  };
  const warmed = await ingestScans(deps, crashBatch(warmup, "CW"));
  process.stdout.write(`warmed ${warmed.stored}\n`);
  const outcome = await ingestScans({ ...deps, store: announcing }, crashBatch(count, "CR"));
  process.stdout.write(`committed ${outcome.stored}\n`);
  // Wait to be killed, as a serving process would.
  setInterval(() => {}, 60_000);
}

if (process.argv.slice(1, 3).some((arg) => arg?.endsWith("ingest-child.ts"))) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
