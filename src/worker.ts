import { Api } from "grammy";
import { Redis } from "ioredis";
import { createTelegramSender } from "./bot/telegram/sender";
import { loadDirectory, loadPolicy } from "./branch-files";
import { ConfigError, loadConfig } from "./config";
import { DirectoryIndex } from "./domain/config/directory";
import { createBusinessCalendar } from "./domain/kernel/calendar";
import { systemClock } from "./domain/kernel/clock";
import type { Store } from "./domain/ports";
import { type ChannelSenders, type Jobs, startJobs } from "./jobs";
import { createLogger } from "./log";
import { exitOnStartupError, stopOnSignals } from "./process";
import { RedisUnavailableError, redactUrl, redisAnswers } from "./redis-server";
import { openStore } from "./store";
import { redisPresence } from "./store/redis-presence";

/**
 * `npm run worker`: the job workers alone (timers, digests, the rate-limited sends), so that a
 * deployment can run as many of them as it needs beside the chat processes, on the same Redis
 * and Postgres. `npm start` runs the same workers in its own process; both kinds can run at once.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const policy = loadPolicy(config.POLICY_FILE);
  const directory = new DirectoryIndex(loadDirectory(config.DIRECTORY_FILE));
  const log = createLogger(config.LOG_LEVEL, "parcel-desk-worker");

  if (!config.DATABASE_URL) {
    // PGlite lives inside one process: the one `npm start` runs, workers included.
    throw new ConfigError(
      "environment variable DATABASE_URL: npm run worker needs Postgres (the embedded database belongs to the npm start process, which runs the workers itself)",
    );
  }
  if (!(await redisAnswers(config.REDIS_URL))) {
    throw new RedisUnavailableError(
      `Redis does not answer at ${redactUrl(config.REDIS_URL)}: start it or correct REDIS_URL.`,
    );
  }

  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  redis.on("error", (error) => log.warn({ err: error }, "redis connection error"));
  let store: Store | undefined;
  let jobs: Jobs | undefined;
  // The channels that have credentials (Slack's sender comes with the Slack channel).
  const senders: ChannelSenders = {};
  const stopAll = async () => {
    await jobs?.close();
    await store?.close();
    await redis.quit().catch(() => redis.disconnect());
  };

  try {
    store = await openStore({ databaseUrl: config.DATABASE_URL, log });
    if (config.TELEGRAM_BOT_TOKEN) {
      const client = config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {};
      senders.telegram = createTelegramSender(new Api(config.TELEGRAM_BOT_TOKEN, client), log);
    }
    jobs = await startJobs({
      connection: redis,
      store,
      policy,
      calendar: createBusinessCalendar(policy),
      directory,
      clock: systemClock,
      presence: redisPresence(redis),
      senders,
      log,
      workers: true,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  log.info(
    { redis: redactUrl(config.REDIS_URL), senders: Object.keys(senders) },
    "parcel-desk workers are running",
  );

  stopOnSignals(log, stopAll);
}

main().catch(exitOnStartupError("parcel-desk worker"));
