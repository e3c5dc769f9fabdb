import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { type App, startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { parseDirectory } from "../../src/domain/config/directory";
import { defaultPolicy } from "../../src/domain/config/policy";
import { ManualClock } from "../../src/domain/kernel/clock";
import { createLogger, silentLogger } from "../../src/log";
import { Emulator } from "../bot/telegram/emulator";
import type { SlackBranch } from "./slack-branch";
import { SlackClient } from "./slack-client";
import { SlackRecorder } from "./slack-recorder";

/**
 * The whole service as `npm start` runs it (startApp: PGlite under a temp DATA_DIR, real Redis,
 * job workers, HTTP on a free port) with Slack on (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET,
 * SLACK_API_URL at a SlackRecorder) and Telegram on through the telegram-test-api emulator, so
 * that customers can write in on Telegram while staff work from Slack.
 *
 * Isolation: the service has no Redis key prefix, so each test file runs it on a Redis database
 * of its own (`redisDb`), with ids drawn at random for the run; afterwards only this run's keys
 * are deleted (nothing is flushed). SLACK_E2E_LOG=debug shows the service's log.
 */
export interface SlackHarness {
  app: App;
  recorder: SlackRecorder;
  slack: SlackClient;
  emulator: Emulator;
  telegramToken: string;
  signingSecret: string;
  clock: ManualClock;
  branch: SlackBranch;
  /** The service's Redis (its own database for this file). */
  redisUrl: string;
  /** Stores scan events through the ingest API (POST /api/scans). */
  ingest(events: object[]): Promise<void>;
  /** Stops everything; `extraIds` (customers' Telegram ids) have their keys deleted too. */
  stop(extraIds?: readonly (string | number)[]): Promise<void>;
}

export async function startSlackHarness(branch: SlackBranch, redisDb: number): Promise<SlackHarness> {
  const recorder = await SlackRecorder.start();
  const emulator = await Emulator.start();
  const dataDir = mkdtempSync(join(tmpdir(), "parcel-desk-slack-e2e-"));
  const botId = randomInt(1_000_000, 9_000_000);
  const telegramToken = `${botId}:SLACK-E2E-${randomInt(100_000, 999_999)}-abcdefghijklmnopqrstuvwxyz`;
  const signingSecret = randomBytes(16).toString("hex");
  const ingestToken = randomBytes(16).toString("hex");
  const redisUrl = (() => {
    const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    url.pathname = `/${redisDb}`;
    return url.toString();
  })();
  // 10:00 on a Friday in Shanghai: the desk is open and an afternoon pickup is today (SOP-12, SOP-20).
  // Slack's signatures are checked against the real time (Slack signs with it), not this clock.
  const clock = new ManualClock("2026-11-27T02:00:00Z");
  const level = process.env.SLACK_E2E_LOG;
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: telegramToken,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    SLACK_BOT_TOKEN: `xoxb-${randomInt(1000, 9999)}-e2e-${randomBytes(8).toString("hex")}`,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: recorder.apiUrl,
    INGEST_TOKEN: ingestToken,
    REDIS_URL: redisUrl,
    DATA_DIR: dataDir,
    HTTP_PORT: "0",
    LOG_LEVEL: level ?? "silent",
  });
  // SOP-14 seats are kept in Redis by person id (pd:presence), which every run of this branch
  // shares: each run starts with every seat busy, as a fresh deployment does.
  await clearSeats(redisUrl, branch);
  let app: App;
  try {
    app = await startApp({
      config,
      // The tests set seats busy on the real clock: SOP-14's last open seat after 17:30 (tested in
      // test/domain/queries/seats.test.ts) would refuse that during the desk's last hour only.
      policy: defaultPolicy({ deskHours: { oneSeatAfter: "18:30" } }),
      directory: parseDirectory(branch.directory),
      log: level ? createLogger(level, "slack-e2e") : silentLogger,
      clock,
    });
  } catch (error) {
    await emulator.stop();
    await recorder.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const slack = new SlackClient(app.url, signingSecret, recorder);
  const stop = async (extraIds: readonly (string | number)[] = []) => {
    await app.stop();
    await emulator.stop();
    await recorder.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await deleteRunKeys(redisUrl, branch, botId, extraIds);
    await clearSeats(redisUrl, branch);
  };
  const ingest = async (events: object[]) => {
    const response = await fetch(`${app.url}/api/scans`, {
      method: "POST",
      headers: { authorization: `Bearer ${ingestToken}`, "content-type": "application/json" },
      body: JSON.stringify(events),
    });
    if (response.status >= 300) throw new Error(`ingest: ${response.status} ${await response.text()}`);
  };
  return {
    app,
    recorder,
    slack,
    emulator,
    telegramToken,
    signingSecret,
    clock,
    branch,
    redisUrl,
    ingest,
    stop,
  };
}

async function clearSeats(redisUrl: string, branch: SlackBranch): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    await redis.hdel("pd:presence", ...Object.keys(branch.people));
  } finally {
    redis.disconnect();
  }
}

/** This run's keys only: its Telegram bot's, and the sessions of its Slack and Telegram users. */
async function deleteRunKeys(
  redisUrl: string,
  branch: SlackBranch,
  botId: number,
  extraIds: readonly (string | number)[],
): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const patterns = [`tg:*:${botId}:*`, `*${botId}*`];
    for (const user of [...Object.values(branch.people), branch.stranger]) patterns.push(`*${user.id}*`);
    for (const id of Object.values(branch.telegramIds)) patterns.push(`*${id}*`);
    for (const id of extraIds) patterns.push(`*${id}*`);
    patterns.push(`*${branch.dispatchChannel}*`);
    const keys = new Set<string>();
    for (const pattern of patterns) for (const key of await redis.keys(pattern)) keys.add(key);
    if (keys.size) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
