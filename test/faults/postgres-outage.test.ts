import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app";
import { t } from "../../src/domain/messages";
import { timer } from "../../src/domain/ports";
import { domainDouble, RunningClock, startTestJobs, type TestJobs, waitFor } from "../jobs/support";
import { WebVisitor } from "../support/web-client";
import { startFaultApp } from "./fault-app";
import { PrivatePostgres, PrivateRedis, settle, stopAll } from "./servers";

/**
 * Issue 16 §2: PostgreSQL unreachable for a while, with a private PostgreSQL (initdb in a
 * temporary folder) stopped and started again, and a private Redis beside it.
 */
const INGEST_TOKEN = "faults-ingest-0123456789";
const database = new PrivatePostgres();
const redis = new PrivateRedis();
let app: App | undefined;
let jobs: TestJobs | undefined;

async function countScans(): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query("select count(*)::int as n from scans");
    return rows[0].n;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await Promise.all([database.start(), redis.start()]);
}, 120_000);
afterAll(async () => {
  try {
    await settle(jobs?.close());
    await settle(app?.stop());
    await settle(database.destroy());
    await settle(redis.destroy());
  } finally {
    await stopAll();
  }
}, 60_000);

const TRACKING = "YT3456789012";
const scan = (kind: string, hour: number) => ({
  trackingNo: TRACKING,
  at: `2026-11-27T${String(hour).padStart(2, "0")}:00:00+08:00`,
  kind,
  location: "扬州转运中心",
});

const botTexts = (events: unknown[]) =>
  events
    .map((e) => e as { from?: string; text?: string })
    .filter((e) => e.from !== "visitor")
    .map((e) => e.text ?? "");

describe("PostgreSQL unreachable for a while (issue 16 §2)", () => {
  it("customers are asked politely in their language to try again shortly, ingest answers 503 with Retry-After, nothing is half-written, and all recovers without a restart", async () => {
    app = await startFaultApp({ DATABASE_URL: database.url, REDIS_URL: redis.url, INGEST_TOKEN });
    const ingest = (events: unknown[]) =>
      fetch(`${app?.url}/api/scans`, {
        method: "POST",
        headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(events),
      });
    const zh = new WebVisitor(app.url, "zh-CN");
    const en = new WebVisitor(app.url, "en-US");
    await zh.open();
    await en.open();

    await database.stop();
    const zhAnswer = await zh.send({ text: TRACKING });
    expect(zhAnswer.status).toBe(200);
    expect(botTexts(zhAnswer.events)).toEqual([t("zh", "error.internal")]);
    const enAnswer = await en.send({ text: TRACKING });
    expect(botTexts(enAnswer.events)).toEqual([t("en", "error.internal")]);
    expect(t("en", "error.internal")).toMatch(/try again shortly/);

    const refused = await ingest([scan("arrived", 9), scan("out_for_delivery", 10)]);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);

    await database.start();
    // No restart: the pool reconnects. Nothing of the refused batch was stored.
    await waitFor(
      "readiness",
      () => fetch(`${app?.url}/readyz`).then((r) => r.status),
      (s) => s === 200,
      15_000,
    );
    expect(await countScans()).toBe(0);
    const stored = await ingest([scan("arrived", 9), scan("out_for_delivery", 10)]);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ received: 2, stored: 2 });
    const after = await zh.send({ text: TRACKING });
    expect(botTexts(after.events).join("\n")).toContain(TRACKING);
    expect(botTexts(after.events)).not.toContain(t("zh", "error.internal"));
    await app.stop();
    app = undefined;
  }, 120_000);

  it("a timer that fires while the database is down waits and tries again with backoff, beyond its attempts, and runs once it is back", async () => {
    const clock = new RunningClock(new Date());
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const ran: string[] = [];
    let tries = 0;
    const dbPool = new pg.Pool({ connectionString: database.url, connectionTimeoutMillis: 1000 });
    dbPool.on("error", () => {});
    jobs = await startTestJobs({
      prefix: "faults-pg-timers",
      connection,
      clock,
      // Two attempts 100 ms apart: without the outage rule the timer would fail for good in the outage.
      tuning: { timerAttempts: 2, timerBackoffMs: 100 },
      domain: domainDouble({
        handleTimer: async (_deps, tm) => {
          tries += 1;
          await dbPool.query("select 1");
          ran.push(tm.subjectId);
          return "done";
        },
      }),
    });
    try {
      await database.stop();
      await jobs.scheduler.schedule(timer("query-due", "patient", new Date(clock.now().getTime() + 200)));
      await waitFor(
        "a few tries in the outage",
        () => tries,
        (n) => n >= 3,
        10_000,
      );
      expect(ran).toEqual([]);
      expect(await jobs.queues.timers.getJobState("query-due-patient")).not.toBe("failed");
      await database.start();
      await waitFor(
        "the timer ran",
        () => [...ran],
        (r) => r.length === 1,
        20_000,
      );
      await sleep(500);
      expect(ran).toEqual(["patient"]);
      expect(await jobs.queues.timers.getJobState("query-due-patient")).toBe("completed");
    } finally {
      await jobs.close();
      jobs = undefined;
      connection.disconnect();
      await dbPool.end();
    }
  }, 120_000);
});
