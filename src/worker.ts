import { Redis } from "ioredis";
import { createChannels } from "./bot/channels";
import { loadDirectory, loadPolicy } from "./branch-files";
import { ConfigError, loadConfig } from "./config";
import { type DirectoryReloader, reloadAndAnnounce } from "./directory-reload";
import { DirectoryIndex } from "./domain/config/directory";
import { createDesk } from "./domain/desk";
import { deskLookups } from "./domain/desk/lookups";
import { createBusinessCalendar } from "./domain/kernel/calendar";
import { systemClock } from "./domain/kernel/clock";
import type { Store } from "./domain/ports";
import { type Jobs, startJobs } from "./jobs";
import { createLogger, secretsOf } from "./log";
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
  const log = createLogger(config.LOG_LEVEL, "parcel-desk-worker", secretsOf(config));

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
  let reloader: DirectoryReloader | undefined;
  // The channels that have credentials, as `npm start` builds them: only their senders are used here.
  const { channels, senders } = await createChannels(config, {
    directory,
    policy,
    clock: systemClock,
    redis,
    log,
  });
  const stopAll = async () => {
    reloader?.stop();
    await jobs?.close();
    await store?.close();
    await redis.quit().catch(() => redis.disconnect());
  };

  try {
    store = await openStore({ databaseUrl: config.DATABASE_URL, log });
    const calendar = createBusinessCalendar(policy);
    const presence = redisPresence(redis);
    jobs = await startJobs({
      connection: redis,
      store,
      policy,
      calendar,
      directory,
      clock: systemClock,
      presence,
      senders,
      log,
      workers: true,
    });
    // Nothing is received here: no engine. What a sender does after a delivery (a staff member's
    // Slack App Home refreshed when a notice reaches their DM) reads the desk's views of the work.
    const desk = createDesk({
      store,
      scheduler: jobs.scheduler,
      notifier: jobs.notifier,
      policy,
      calendar,
      directory,
      clock: systemClock,
      presence,
      log,
    });
    for (const channel of channels) channel.attachDelivery?.({ desk, lookups: deskLookups(store) });
    // SOP-25: this process's directory follows the file too (one process of the deployment announces).
    const announce = {
      store,
      notifier: jobs.notifier,
      clock: systemClock,
      log,
      calendar,
      scheduler: jobs.scheduler,
    };
    reloader = reloadAndAnnounce({ path: config.DIRECTORY_FILE, directory, log, redis, announce });
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
