/**
 * `npm run bench [-- --quick] [-- --profile]`: the service beside bare grammY and bare BullMQ, in one
 * run; prints a table (figure, ours, bare, ratio, target, met?) and, under it, why each target not
 * met is not, from profiles taken in the same run (bench/why.ts); writes bench/results/latest.json
 * with one object per database backend (its `why` too). Nothing here asserts a timing.
 *
 *   --quick    smaller loads, no "how cost grows" (under two minutes)
 *   --profile  the service runs with --cpu-prof (profiles in bench/results/profiles)
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { type BackendFigures, type BackendRun, measureGrowth, runBackend } from "./backend";
import { benchEnv } from "./env";
import { startFakeBotApi } from "./fake-bot-api";
import { run as followingBench } from "./following";
import { run as ingestBench } from "./ingest";
import { ROOT } from "./proc";
import { jsonOf, type RunContext, rowsOf } from "./report";
import { startBareGrammy } from "./service";
import { met, renderTable } from "./table";
import { runTimers } from "./timer-runs";
import { describe, FULL, measureBot, parcelNumbers, QUICK } from "./track";
import { type Explained, explain, type WhyRun } from "./why";

const quick = process.argv.includes("--quick");
const profile = process.argv.includes("--profile");
const log = (line: string) => console.log(line);
const resultsDir = join(ROOT, "bench/results");

/**
 * Issue 15: why each target not met is not, from profiles taken now (bench/why.ts) on the data
 * measured; then how cost grows (it fills the databases with more parcels); then each backend's
 * table with its why under it. The JSON of each backend, with its `why`.
 */
async function explainAndReport(
  backends: readonly BackendFigures[],
  context: RunContext,
  run: WhyRun & BackendRun,
): Promise<Record<string, unknown>> {
  const whys: Explained[] = [];
  for (const b of backends) {
    const unmet = rowsOf(b, context).filter((row) => met(row) === false);
    if (unmet.length > 0) log(`${b.backend}: profiling ${unmet.length} figure(s) not met …`);
    whys.push(await explain(b, unmet, run));
  }
  for (const b of backends) await measureGrowth(b, run);
  backends.forEach((b, i) => {
    console.log(renderTable(`${b.backend}`, rowsOf(b, context)));
    const why = whys[i]?.lines ?? [];
    if (why.length > 0)
      console.log([`\nwhy, from profiles taken in this run (${b.backend}):`, ...why].join("\n"));
  });
  return Object.fromEntries(
    backends.map((b, i) => [b.backend, { ...jsonOf(b, context), why: whys[i]?.json ?? {} }]),
  );
}

async function main(): Promise<void> {
  const began = performance.now();
  const env = await benchEnv();
  const api = await startFakeBotApi();
  const sizes = quick ? QUICK : FULL;
  try {
    log(
      `parcel-desk bench${quick ? " (quick)" : ""}: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}`,
    );
    const bareBot = await startBareGrammy(api.url, env.redisUrl);
    const marker = (args: string[]) => args.some((a) => a.startsWith("bare:"));
    const bare = await measureBot(bareBot, api, parcelNumbers(1000), sizes, {
      url: env.redisUrl,
      db: env.redisDb,
      marker,
    });
    const bareStartMs = bareBot.startMs;
    await bareBot.stop();
    log(describe("bare grammY", bare));

    const backends: BackendFigures[] = [];
    const run = {
      api,
      redisUrl: env.redisUrl,
      redisDb: env.redisDb,
      tempDir: env.tempDir,
      postgresUrl: env.postgresUrl,
      sizes,
      growth: quick ? [] : [100_000, 1_000_000],
      ...(profile ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${join(resultsDir, "profiles")}`] } : {}),
      log,
    };
    backends.push(await runBackend("pglite", run));
    if (env.postgresUrl) backends.push(await runBackend("postgres", run));
    else log("(set TEST_DATABASE_URL or DATABASE_URL to measure Postgres too)");

    const timers = await runTimers({
      redis: env.redis,
      tempDir: env.tempDir,
      postgresUrl: env.postgresUrl,
      quick,
      log,
    });
    if (!quick) await ingestBench({ scans: 20_000, databaseUrl: env.postgresUrl });
    // Issue 17 §4: the ingest with 5 000 followed parcels against none, in this run.
    const following = await followingBench({
      ...(quick ? { scans: 4_000, parcels: 1_000 } : {}),
      redisUrl: env.redisUrl,
    });

    const context = { bare, bareStartMs, timers };
    const json = await explainAndReport(backends, context, { ...run, quick, bare, timers });
    await mkdir(resultsDir, { recursive: true });
    const meta = {
      date: new Date().toISOString(),
      quick,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
      node: process.version,
    };
    await writeFile(
      join(resultsDir, "latest.json"),
      `${JSON.stringify({ ...json, following, meta }, null, 2)}\n`,
    );
    log(`\nwrote bench/results/latest.json (${((performance.now() - began) / 1000).toFixed(0)} s)`);
  } finally {
    await api.close();
    await env.cleanup();
  }
}

main().then(
  // BullMQ and ioredis leave timers behind for a while: the figures are out, end here.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
