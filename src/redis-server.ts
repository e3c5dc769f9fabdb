import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";

/**
 * Newcomers should not have to set Redis up: when nothing answers at REDIS_URL on this
 * machine and `redis-server` is installed, we start a private one (AOF on, noeviction, which
 * BullMQ requires) with its data under DATA_DIR, and stop it when we stop.
 */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

export interface RedisHandle {
  url: string;
  /** True when this process started the server (and will stop it). */
  started: boolean;
  stop(): Promise<void>;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function redisServerInstalled(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

export async function ensureRedis(url: string, dataDir: string): Promise<RedisHandle> {
  if (await redisAnswers(url)) return { url, started: false, stop: async () => {} };

  const parsed = new URL(url);
  if (!LOCAL_HOSTS.has(parsed.hostname)) {
    throw new RedisUnavailableError(
      `Redis does not answer at ${redactUrl(url)}: start it or correct REDIS_URL.`,
    );
  }
  if (!redisServerInstalled()) {
    throw new RedisUnavailableError(
      `Redis does not answer at ${redactUrl(url)} and redis-server is not installed: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.`,
    );
  }
  const dir = resolve(dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  const port = parsed.port || "6379";
  const child = spawn(
    "redis-server",
    [
      "--port",
      port,
      "--bind",
      parsed.hostname === "localhost" ? "127.0.0.1" : parsed.hostname.replace(/^\[|\]$/g, ""),
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--maxmemory-policy",
      "noeviction",
      "--daemonize",
      "no",
      ...(parsed.password ? ["--requirepass", decodeURIComponent(parsed.password)] : []),
    ],
    { stdio: "ignore" }, // it logs nothing we read; a pipe left unread could block it
  );
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  for (let i = 0; i < 50 && !exited; i++) {
    if (await redisAnswers(url, 200)) return { url, started: true, stop: () => stopChild(child) };
    await sleep(100);
  }
  await stopChild(child);
  throw new RedisUnavailableError(`redis-server could not be started on port ${port} (data in ${dir}).`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM"); // redis-server saves and exits on SIGTERM
  const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
  if (timedOut) child.kill("SIGKILL");
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
