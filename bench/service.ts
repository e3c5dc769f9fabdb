/**
 * The service as `npm start` starts it (node scripts/start.mjs src/main.ts), in webhook mode
 * against the fake Bot API, and the bare grammY bot beside it; both as child processes the bench
 * watches from outside.
 */
import { webhookSecret } from "../src/bot/telegram";
import { type Child, cpuMs, freePort, memoryMb, startEntry, waitHealthy } from "./proc";

export const BOT_TOKEN = "7000000001:AAbenchBENCHbenchBENCHbench0123456789";
export const INGEST_TOKEN = "bench-ingest-token-0123456789";

export interface Bot {
  name: string;
  child: Child;
  baseUrl: string;
  webhookUrl: string;
  secret: string;
  /** ms from spawn to the first 200 of /healthz. */
  startMs: number;
  cpuMs(): number;
  memoryMb(): { rss: number; peak: number };
  stop(): Promise<void>;
}

export interface ServiceOptions {
  apiRoot: string;
  redisUrl: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[] | undefined;
  /** Extra environment (LOG_LEVEL, BENCH_MEMORY_FILE), over the bench's own. */
  env?: Record<string, string>;
}

async function started(name: string, child: Child, port: number, path: string, secret: string): Promise<Bot> {
  const since = performance.now();
  const baseUrl = `http://127.0.0.1:${port}`;
  let startMs: number;
  try {
    startMs = await waitHealthy(`${baseUrl}/healthz`, child, since);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    name,
    child,
    baseUrl,
    webhookUrl: `${baseUrl}${path}`,
    secret,
    startMs,
    cpuMs: () => cpuMs(child.pid),
    memoryMb: () => memoryMb(child.pid),
    stop: () => child.stop(),
  };
}

export async function startService(options: ServiceOptions): Promise<Bot> {
  const port = await freePort();
  const env: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_API_ROOT: options.apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    REDIS_URL: options.redisUrl,
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? "",
    HTTP_PORT: String(port),
    HTTP_HOST: "127.0.0.1",
    INGEST_TOKEN,
    LOG_LEVEL: "warn",
    POLICY_FILE: "",
    DIRECTORY_FILE: "",
    ...options.env,
  };
  const child = startEntry("src/main.ts", env, options.nodeArgs);
  return started("parcel-desk", child, port, "/telegram/webhook", webhookSecret(BOT_TOKEN));
}

export async function startBareGrammy(apiRoot: string, redisUrl: string): Promise<Bot> {
  const port = await freePort();
  const secret = "bare-secret-0123456789";
  const child = startEntry("bench/bare-grammy.mjs", {
    BARE_TOKEN: BOT_TOKEN,
    BARE_API_ROOT: apiRoot,
    BARE_PORT: String(port),
    BARE_SECRET: secret,
    REDIS_URL: redisUrl,
  });
  return started("bare grammY", child, port, "/webhook", secret);
}
