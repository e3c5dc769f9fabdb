import type { AddressInfo } from "node:net";
import type { Redis } from "ioredis";
import { createChannels } from "./bot/channels";
import { floodLimitedEngine } from "./bot/flood-budget";
import { webSignIn } from "./bot/web";
import type { Config } from "./config";
import { reloadAndAnnounce } from "./directory-reload";
import { type Directory, DirectoryIndex } from "./domain/config/directory";
import type { Policy } from "./domain/config/policy";
import { createDesk } from "./domain/desk";
import { deskLookups } from "./domain/desk/lookups";
import { createBusinessCalendar } from "./domain/kernel/calendar";
import { type Clock, systemClock } from "./domain/kernel/clock";
import type { Store } from "./domain/ports";
import { createDeskEngine } from "./flows";
import { startJobs } from "./jobs";
import type { Logger } from "./log";
import { deskMetrics, observeEngine } from "./metrics";
import { redactUrl } from "./redis-server";
import { createHttpServer } from "./server/http";
import { cannotListen, type EarlyStart, earlyParts, StartupError, type Stops, startEarly } from "./startup";
import { phase, phases } from "./startup-phases";
import { backupEmbedded } from "./store/backup";
import { redisPresence } from "./store/redis-presence";
import { redisChatLock, redisSessionStore } from "./store/redis-sessions";

export { StartupError };

export interface AppOptions {
  config: Config;
  policy: Policy;
  directory: Directory;
  log: Logger;
  clock?: Clock;
  /** Job workers run in this process (default); `npm run worker` runs them apart. */
  workers?: boolean;
  /** Redis and the store as main began opening them (startEarly); else startApp begins it. */
  early?: EarlyStart;
}

export interface App {
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000 */
  url: string;
  store: Store;
  stop(): Promise<void>;
}

/**
 * Wires the service as DESIGN.md draws it: Redis and the store, the job queues (scheduler,
 * notifier, rate-limited senders), the desk's use cases, the flow engine, the channels that
 * have credentials, and the HTTP server. stop() undoes it in reverse order.
 */
export async function startApp(options: AppOptions): Promise<App> {
  const { config, log } = options;
  const early = options.early ?? startEarly(config, log);
  const stops: Stops = early.stops;
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) => log.warn({ err: error }, "error while stopping a part"));
    }
  };
  try {
    // The port checked first, then Redis and the store opened at once (startup.ts).
    const { redis, store } = await earlyParts(early);
    const { http, channels, status } = await wireDesk(options, redis, store, stops);
    phase("wired");
    const url = await listen(http, config);
    phase("listening");
    stops.push(() => http.close());
    for (const channel of channels) {
      await channel.start();
      stops.push(() => channel.stop());
    }
    phase("channels started");
    logServing(options, url, status);
    log.debug({ phases: phases() }, "start-up phases");
    performance.clearMarks();
    return { url, store, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The jobs, the desk, the flow engine, the channels and the HTTP routes (not yet listening). */
async function wireDesk(options: AppOptions, redis: Redis, store: Store, stops: Stops) {
  const { config, policy, log } = options;
  const clock = options.clock ?? systemClock;
  const directory = new DirectoryIndex(options.directory);
  const calendar = createBusinessCalendar(policy);
  const { channels, senders, status } = await createChannels(config, {
    directory,
    policy,
    clock,
    redis,
    log,
  });
  phase("channels made");

  const presence = redisPresence(redis);
  const jobs = await startJobs({
    connection: redis,
    workers: options.workers ?? true,
    store,
    policy,
    calendar,
    directory,
    clock,
    presence,
    senders,
    log,
  });
  stops.push(() => jobs.close());
  phase("jobs started");

  const { scheduler, notifier } = jobs;
  // SOP-25: the directory file is reloaded on SIGHUP and when it changes; one process announces it.
  const reload = reloadAndAnnounce({
    path: config.DIRECTORY_FILE,
    directory,
    log,
    redis,
    announce: { store, notifier, clock, log, calendar, scheduler },
  });
  stops.push(async () => reload.stop());
  const desk = createDesk({ store, scheduler, notifier, policy, calendar, directory, clock, presence, log });
  // Every update and failed step counted for GET /metrics (src/metrics.ts).
  const observed = observeEngine(
    createDeskEngine({
      deps: { store, policy, calendar, directory, clock },
      desk,
      sessions: redisSessionStore(redis),
      lock: redisChatLock(redis),
      onError: (error, who) => {
        deskMetrics.flowError(who.chat.channel);
        log.error({ err: error, chat: who.chat }, "conversation step failed");
      },
    }),
    deskMetrics,
  );
  // A chat over its flood budget is answered once and dropped before the engine (issue 16 §4).
  const engine = floodLimitedEngine(observed, redis, deskMetrics);
  const http = await createHttpServer({
    store,
    scheduler,
    notifier,
    policy,
    clock,
    log,
    directory,
    ingestToken: config.INGEST_TOKEN,
    trustProxy: config.TRUST_PROXY,
    admin: {
      token: config.ADMIN_TOKEN,
      presence,
      queues: jobs.queues,
      // GET /admin/backup: the embedded database's dump, taken here (this process holds DATA_DIR).
      backup: config.DATABASE_URL ? undefined : () => backupEmbedded(store, config.DATA_DIR),
    },
    checkRedis: async () => {
      await redis.ping();
    },
  });
  const lookups = deskLookups(store);
  for (const channel of channels) {
    channel.attach({ engine, desk, lookups, notifier });
    channel.registerRoutes(http);
  }
  return { http, channels, status };
}

type HttpServer = Awaited<ReturnType<typeof createHttpServer>>;

async function listen(http: HttpServer, config: Config): Promise<string> {
  await http.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT }).catch((error: unknown) => {
    throw cannotListen(config, error);
  });
  const address = http.server.address() as AddressInfo;
  return `http://${config.HTTP_HOST.includes(":") ? `[${config.HTTP_HOST}]` : config.HTTP_HOST}:${address.port}`;
}

function logServing(options: AppOptions, url: string, channels: readonly string[]): void {
  const { config, log } = options;
  log.info(
    {
      url,
      database: config.DATABASE_URL ? "postgres" : `pglite (${config.DATA_DIR}/pglite)`,
      redis: redactUrl(config.REDIS_URL),
      workers: options.workers ?? true,
    },
    "parcel-desk is serving",
  );
  for (const line of channels) log.info(line);
  if (!config.TELEGRAM_BOT_TOKEN && !config.SLACK_BOT_TOKEN) {
    log.info(`no chat credentials: try the bot in a browser at ${url}/`);
  } else {
    log.info(`web chat: ${url}/`);
  }
  if (webSignIn(config) === "as") {
    log.warn(
      "web chat: /?as=<staff id> is on (no ADMIN_TOKEN, no chat credentials): anyone who reaches it can act as any staff member; set ADMIN_TOKEN before exposing it",
    );
  }
  if (!config.INGEST_TOKEN) log.info("scan ingest: off (no INGEST_TOKEN): POST /api/scans answers 503");
}
