import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Redis } from "ioredis";
import { pino } from "pino";
import { type App, startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { parseDirectory } from "../../src/domain/config/directory";
import { defaultPolicy } from "../../src/domain/config/policy";
import { ManualClock } from "../../src/domain/kernel/clock";
import { createLogger } from "../../src/log";
import { BRANCH } from "./branch";

/**
 * The whole service as `npm start` runs it with no chat credentials (startApp: PGlite under a temp
 * DATA_DIR, real Redis, job workers, HTTP on a free port): what the web chat's tests talk to.
 *
 * Isolation: startApp takes no Redis key prefix, so each web test file runs on a Redis database
 * of its own (`redisDb`: 7, 8 and 9 are the web chat's; 11-14 the Telegram and Slack e2e
 * files'): two services on one database would take each other's jobs. Afterwards the service's
 * keys there (`web:*`, `pd:*`) are deleted, nothing else.
 */
export interface WebHarness {
  app: App;
  url: string;
  redisUrl: string;
  clock: ManualClock;
  redis: Redis;
  /** The service's warnings and errors so far (its log at level warn, parsed). */
  warnings: Record<string, unknown>[];
  /** Stores scan events through the ingest API (POST /api/scans). */
  ingest(events: object[]): Promise<void>;
  stop(): Promise<void>;
}

export interface WebHarnessOptions {
  redisDb: number;
  adminToken?: string;
  /** false: the job workers do not run here (the send queue's jobs stay where a test can read them). */
  workers?: boolean;
}

export async function startWebHarness(options: WebHarnessOptions): Promise<WebHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), "parcel-desk-web-"));
  const ingestToken = randomBytes(16).toString("hex");
  const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  url.pathname = `/${options.redisDb}`;
  const redisUrl = url.toString();
  // 10:00 on a Friday in Shanghai: the desk is open and an afternoon pickup is today (SOP-12, SOP-20).
  const clock = new ManualClock("2026-11-27T02:00:00Z");
  const level = process.env.WEB_E2E_LOG;
  const warnings: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) warnings.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({
    INGEST_TOKEN: ingestToken,
    ...(options.adminToken ? { ADMIN_TOKEN: options.adminToken } : {}),
    REDIS_URL: redisUrl,
    DATA_DIR: dataDir,
    HTTP_PORT: "0",
    LOG_LEVEL: level ?? "warn",
  });
  let app: App;
  try {
    app = await startApp({
      config,
      policy: defaultPolicy(),
      directory: parseDirectory(BRANCH),
      log: level ? createLogger(level, "web-e2e") : pino({ level: "warn" }, sink),
      clock,
      workers: options.workers ?? true,
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const redis = new Redis(redisUrl);
  const ingest = async (events: object[]) => {
    const response = await fetch(`${app.url}/api/scans`, {
      method: "POST",
      headers: { authorization: `Bearer ${ingestToken}`, "content-type": "application/json" },
      body: JSON.stringify(events),
    });
    if (response.status >= 300) throw new Error(`ingest: ${response.status} ${await response.text()}`);
  };
  const stop = async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
    // The web chat's keys and the service's (sessions, locks, presence, queues: all under pd:).
    const keys = new Set<string>();
    for (const pattern of ["web:*", "pd:*"]) {
      for (const key of await redis.keys(pattern)) keys.add(key);
    }
    if (keys.size > 0) await redis.del(...keys);
    redis.disconnect();
  };
  return { app, url: app.url, redisUrl, clock, redis, warnings, ingest, stop };
}
