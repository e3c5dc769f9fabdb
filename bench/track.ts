/**
 * `/track` side by side: the service (on PGlite or Postgres) and the bare grammY bot, each a child
 * process answering webhook updates against the fake Bot API. Measures throughput at 32 in flight,
 * the p99 of a paced 500 updates/s, CPU per update, RSS after the load and at its peak, Redis
 * commands per update, messages per update, and start-up to /healthz.
 */
import type { FakeBotApi } from "./fake-bot-api";
import { closedLoop, type LoadResult, type LoadTarget, paced } from "./load";
import { countRedis, type RedisCount } from "./redis-count";
import { ingestOverHttp, trackingNo } from "./seed";
import type { Bot } from "./service";

export interface Sizes {
  warmup: number;
  throughput: number;
  pacedSeconds: number;
  counted: number;
}

export const FULL: Sizes = { warmup: 500, throughput: 4000, pacedSeconds: 6, counted: 100 };
export const QUICK: Sizes = { warmup: 150, throughput: 800, pacedSeconds: 2, counted: 40 };
export const IN_FLIGHT = 32;
export const PACED_RATE = 500;

export interface BotFigures {
  throughput: LoadResult;
  paced: LoadResult;
  cpuMsPerUpdate: number;
  rssMb: number;
  peakRssMb: number;
  redis: RedisCount;
}

export function target(bot: Bot, api: FakeBotApi): LoadTarget {
  return { webhookUrl: bot.webhookUrl, secret: bot.secret, api };
}

/** The same load on any bot; `marker` tells its Redis connection's commands. */
export async function measureBot(
  bot: Bot,
  api: FakeBotApi,
  parcels: readonly string[],
  sizes: Sizes,
  redis: { url: string; db: number; marker: (args: string[]) => boolean },
): Promise<BotFigures> {
  const to = target(bot, api);
  await closedLoop(to, parcels, sizes.warmup, IN_FLIGHT);
  const counted = await countRedis(redis.url, redis.db, redis.marker, async () => {
    await closedLoop(to, parcels, sizes.counted, 1);
    return sizes.counted;
  });
  const cpu0 = bot.cpuMs();
  const throughput = await closedLoop(to, parcels, sizes.throughput, IN_FLIGHT);
  const cpuMsPerUpdate = (bot.cpuMs() - cpu0) / sizes.throughput;
  const pacedResult = await paced(to, parcels, sizes.pacedSeconds * PACED_RATE, PACED_RATE);
  const memory = bot.memoryMb();
  return {
    throughput,
    paced: pacedResult,
    cpuMsPerUpdate,
    rssMb: memory.rss,
    peakRssMb: memory.peak,
    redis: counted,
  };
}

export function parcelNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => trackingNo(i));
}

/** Ingests `count` parcels through the service's ingest API; scans per second. */
export async function ingestParcels(bot: Bot, count: number): Promise<number> {
  return ingestOverHttp(bot.baseUrl, count);
}

/** A short line per figure set, for the log while the bench runs. */
export function describe(name: string, f: BotFigures): string {
  const t = f.throughput;
  return (
    `${name}: ${t.perSecond.toFixed(0)} updates/s at ${IN_FLIGHT} in flight (p50 ${t.p50Ms.toFixed(1)} ms,` +
    ` p99 ${t.p99Ms.toFixed(1)} ms), paced ${PACED_RATE}/s p99 ${f.paced.p99Ms.toFixed(1)} ms` +
    ` (${f.paced.perSecond.toFixed(0)}/s), CPU ${f.cpuMsPerUpdate.toFixed(2)} ms/update,` +
    ` RSS ${f.rssMb.toFixed(0)} MB (peak ${f.peakRssMb.toFixed(0)}), Redis ${f.redis.commands.toFixed(1)} commands` +
    ` (${f.redis.roundTrips.toFixed(1)} round trips, ${f.redis.scripted.toFixed(1)} in scripts),` +
    ` ${t.repliesPerUpdate.toFixed(1)} messages/update, ${t.failed + f.paced.failed} failed`
  );
}
