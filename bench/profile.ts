/**
 * `node scripts/start.mjs bench/profile.ts [pglite|postgres] [updates]`: the service under the
 * /track load with `node --cpu-prof`; the profile (start-up included) lands in
 * bench/results/profiles, to open in Chrome DevTools or summarise with bench/profile-summary.ts.
 */
import { join } from "node:path";
import type { Backend } from "./backend";
import { benchEnv, createDatabase } from "./env";
import { startFakeBotApi } from "./fake-bot-api";
import { closedLoop } from "./load";
import { ROOT } from "./proc";
import { startService } from "./service";
import { ingestParcels, parcelNumbers, target } from "./track";

const backend = (process.argv[3] ?? "pglite") as Backend;
const updates = Number(process.argv[4] ?? 3000);
const env = await benchEnv();
const api = await startFakeBotApi();
try {
  const databaseUrl =
    backend === "postgres" ? await createDatabase(env.postgresUrl ?? "", `bench_${process.pid}`) : undefined;
  const dir = join(ROOT, "bench/results/profiles");
  const bot = await startService({
    apiRoot: api.url,
    redisUrl: env.redisUrl,
    dataDir: join(env.tempDir, "profile"),
    databaseUrl,
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
  });
  console.log(`started in ${bot.startMs.toFixed(0)} ms`);
  await ingestParcels(bot, 1000);
  const result = await closedLoop(target(bot, api), parcelNumbers(1000), updates, 32);
  console.log(`${JSON.stringify(result)}; stopping (the profile is written on exit) to ${dir}`);
  await bot.stop();
} finally {
  await api.close();
  await env.cleanup();
}
process.exit(0);
