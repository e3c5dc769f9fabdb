/**
 * `node scripts/start.mjs bench/redis-trace.ts [updates]`: what Redis hears for a few `/track`
 * webhook updates, one at a time, on every connection of the service (issue 15): each
 * connection's commands listed in order, and the round trips per update on the connections that
 * touched the update keys (bench/redis-count.ts's figure). For finding which round trips remain.
 */
import { join } from "node:path";
import { Redis } from "ioredis";
import { serviceMarker } from "./backend";
import { benchEnv } from "./env";
import { startFakeBotApi } from "./fake-bot-api";
import { closedLoop } from "./load";
import { countRedis } from "./redis-count";
import { startService } from "./service";
import { ingestParcels, parcelNumbers, target } from "./track";

const updates = Number(process.argv[3] ?? 3);
const env = await benchEnv();
const api = await startFakeBotApi();
try {
  const bot = await startService({
    apiRoot: api.url,
    redisUrl: env.redisUrl,
    dataDir: join(env.tempDir, "trace"),
  });
  try {
    await ingestParcels(bot, 50);
    const parcels = parcelNumbers(50);
    await closedLoop(target(bot, api), parcels, 20, 4);
    const client = new Redis(env.redisUrl);
    const monitor = await client.monitor();
    const lines: string[] = [];
    monitor.on("monitor", (_time: string, args: string[], source: string, database: string) => {
      if (Number(database) !== env.redisDb) return;
      lines.push(`${source.padEnd(22)} ${args.map((a) => a.slice(0, 60)).join(" ")}`);
    });
    await new Promise((done) => setTimeout(done, 100));
    const result = await closedLoop(target(bot, api), parcels, updates, 1);
    await new Promise((done) => setTimeout(done, 200));
    monitor.disconnect();
    client.disconnect();
    // Idle job workers' polling (blocking pops, BullMQ's move-to-active scripts) is left out.
    const polling =
      / (bzpopmin|bzpopmax|evalsha [0-9a-f]+ \d+ bull:[^ ]+:(wait|marker|delayed|active|stalled-check))/i;
    console.log(lines.filter((l) => !polling.test(l)).join("\n"));
    const polls = lines.filter((l) => polling.test(l) && !l.startsWith("lua")).length;
    console.log(`(${polls} polling commands of idle workers left out)`);
    console.log(`${updates} updates, ${result.repliesPerUpdate} messages each`);
    const counted = await countRedis(env.redisUrl, env.redisDb, serviceMarker, async () => {
      await closedLoop(target(bot, api), parcels, 40, 1);
      return 40;
    });
    console.log(`per update (redis-count): ${JSON.stringify(counted)}`);
  } finally {
    await bot.stop();
  }
} finally {
  await api.close();
  await env.cleanup();
}
process.exit(0);
