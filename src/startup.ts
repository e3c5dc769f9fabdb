import { createServer } from "node:net";
import { Redis } from "ioredis";
import type { Config } from "./config";
import type { Store } from "./domain/ports";
import type { Logger } from "./log";
import { ensureRedis, type RedisHandle, redactUrl } from "./redis-server";
import { phase } from "./startup-phases";
import { prefetchPGliteAssets } from "./store/pglite-assets";

/**
 * The first steps of `npm start`, begun before the rest of the service is loaded (issue 15): the
 * port check, then Redis and the store at once. Opening the embedded database waits on files
 * and on WebAssembly compiled off the main thread, and Redis and Postgres on the network, while
 * the desk's modules load meanwhile. Start-up phases are marked on the way (phase()).
 */

/** A problem at start-up the operator can fix; main prints it as one line. */
export class StartupError extends Error {
  override name = "StartupError";
}

/** What startApp undoes on stop, last started first. */
export type Stops = (() => Promise<unknown>)[];

export interface EarlyStart {
  redis: Promise<Redis>;
  store: Promise<Store>;
  /** The stops of what was opened; startApp appends its own. */
  stops: Stops;
}

/**
 * Checks the port, then connects Redis and opens the store concurrently. A taken port is said
 * before anything starts (job workers on a shared Redis would otherwise take jobs for the moment
 * until listen() fails; a second `npm start` would meet the data-dir lock instead).
 */
export function startEarly(config: Config, log: Logger): EarlyStart {
  if (!config.DATABASE_URL) prefetchPGliteAssets();
  const stops: Stops = [];
  const port = checkPortFree(config).then(() => phase("port checked"));
  const redis = port.then(() => connectRedis(config, log, stops));
  const store = port.then(() => openAppStore(config, log, stops));
  // Awaited by startApp; until then a failure must not count as unhandled.
  redis.catch(() => undefined);
  store.catch(() => undefined);
  return { redis, store, stops };
}

/** Both, once both have settled (so that either's stop is registered); Redis's error first. */
export async function earlyParts(early: EarlyStart): Promise<{ redis: Redis; store: Store }> {
  const [redis, store] = await Promise.allSettled([early.redis, early.store]);
  if (redis.status === "rejected") throw redis.reason;
  if (store.status === "rejected") throw store.reason;
  return { redis: redis.value, store: store.value };
}

async function connectRedis(config: Config, log: Logger, stops: Stops): Promise<Redis> {
  const redisHandle: RedisHandle = await ensureRedis(config.REDIS_URL, config.DATA_DIR);
  stops.push(() => redisHandle.stop());
  if (redisHandle.started) log.info({ dataDir: config.DATA_DIR }, "started a private redis-server");
  // Sessions, chat locks, presence and update de-duplication fail fast when Redis is down (the
  // user gets the polite error) instead of hanging; the job workers open their own connections.
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
  redis.on("error", (error) => log.warn({ err: error }, "redis connection error"));
  stops.push(() => redis.quit());
  phase("redis ready");
  return redis;
}

async function openAppStore(config: Config, log: Logger, stops: Stops): Promise<Store> {
  // The store's code (Kysely, the repositories, pg or PGlite) is loaded here, beside the desk's.
  const { openStore } = await import("./store");
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, log }).catch(
    (error: unknown) => {
      const where = config.DATABASE_URL ? redactUrl(config.DATABASE_URL) : `${config.DATA_DIR}/pglite`;
      throw new StartupError(`the database at ${where} cannot be opened: ${(error as Error).message}`);
    },
  );
  stops.push(() => store.close());
  phase("store open");
  return store;
}

export function cannotListen(config: Config, error: unknown): StartupError {
  const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new StartupError(`cannot listen on ${config.HTTP_HOST}:${config.HTTP_PORT}: ${why}`);
}

async function checkPortFree(config: Config): Promise<void> {
  if (config.HTTP_PORT === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT }, () => probe.close(() => resolve()));
  }).catch((error: unknown) => {
    throw cannotListen(config, error);
  });
}
