/**
 * `node scripts/start.mjs bench/flood-run.ts [runs] [seconds] [--profile]`: the bench's flood scenario alone
 * (bench/flood.ts: others' paced /track beside one chat at 50/s, against the same load without it)
 * on the service on PGlite with 1 000 parcels, `runs` times, for comparing a change's flood
 * figure without the whole bench. Run it under `flock /tmp/tools/bench.lock`.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { benchEnv } from "./env";
import { startFakeBotApi } from "./fake-bot-api";
import { describeFlood, flood, measureFlood } from "./flood";
import { closedLoop } from "./load";
import { ROOT } from "./proc";
import { startService } from "./service";
import { ingestParcels, parcelNumbers, target } from "./track";

const runs = Number(process.argv[3] ?? 2);
const seconds = Number(process.argv[4] ?? 6);
const env = await benchEnv();
const api = await startFakeBotApi();
try {
  // `--profile` (5th argument): the service under `node --cpu-prof`, its profile in bench/results/profiles.
  const profile = process.argv[5] === "--profile";
  const bot = await startService({
    apiRoot: api.url,
    redisUrl: env.redisUrl,
    dataDir: join(env.tempDir, "flood"),
    ...(profile
      ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${join(ROOT, "bench/results/profiles")}`] }
      : {}),
  });
  try {
    await ingestParcels(bot, 1000);
    const parcels = parcelNumbers(1000);
    await closedLoop(target(bot, api), parcels, 300, 32);
    // The flood alone: the service's CPU per flooding message (what the budget's drops cost).
    const stop = new AbortController();
    const cpuBefore = bot.cpuMs();
    const flooding = flood(target(bot, api), parcels[0] ?? "BN0000000000", stop.signal);
    await sleep(seconds * 1000);
    stop.abort();
    const { sent } = await flooding;
    await sleep(200);
    console.log(
      `flood alone: ${sent} messages, service CPU ${((bot.cpuMs() - cpuBefore) / sent).toFixed(2)} ms each`,
    );
    for (let i = 0; i < runs; i++) {
      const cpu0 = bot.cpuMs();
      const figures = await measureFlood(target(bot, api), parcels, seconds);
      console.log(
        `${describeFlood(`run ${i + 1}`, figures)}; service CPU ${(bot.cpuMs() - cpu0).toFixed(0)} ms`,
      );
    }
  } finally {
    await bot.stop();
  }
} finally {
  await api.close();
  await env.cleanup();
}
process.exit(0);
