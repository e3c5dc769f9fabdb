import { readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { parseDirectory } from "../../src/domain/config/directory";
import { defaultPolicy } from "../../src/domain/config/policy";
import { createLogger, secretsOf } from "../../src/log";
import { bearerMatches } from "../../src/server/routes/scans";
import { BRANCH } from "../support/branch";
import { WebVisitor } from "../support/web-client";
import { PrivateRedis, settle, stopAll, tempDir } from "./servers";

/**
 * Issue 16 §6: no token in the logs, phone numbers masked there, tokens compared in constant time.
 * The whole service runs with its log captured while requests carry every kind of secret.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const BOT_TOKEN = "626262:SECRET-abcdefghijklmnopqrstuvwxyz0123";
const INGEST_TOKEN = "ingest-secret-8f7e6d5c4b3a";
const ADMIN_TOKEN = "admin-secret-1a2b3c4d5e6f";
const PHONE = "13912345678";
const redis = new PrivateRedis();
const dataDir = tempDir("secrets");
const lines: string[] = [];
let app: App | undefined;

beforeAll(async () => {
  await redis.start();
});
afterAll(async () => {
  try {
    await settle(app?.stop());
    await settle(redis.destroy());
  } finally {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

function capture(secrets: string[]) {
  return createLogger("debug", "secrets-test", secrets, { write: (line: string) => lines.push(line) });
}

describe("secrets and personal data in logs (issue 16 §6)", () => {
  it("the logger redacts secret fields, scrubs tokens quoted anywhere, and masks phone numbers", () => {
    lines.length = 0;
    const log = capture([INGEST_TOKEN, ADMIN_TOKEN]);
    log.info({ config: { INGEST_TOKEN, ADMIN_TOKEN, TELEGRAM_BOT_TOKEN: BOT_TOKEN } }, "config");
    log.info({ headers: { authorization: `Bearer ${ADMIN_TOKEN}`, cookie: "pd_admin=xyz" } }, "a request");
    log.error(
      { err: new Error(`request to https://api.telegram.org/bot${BOT_TOKEN}/sendMessage failed`) },
      "telegram failed",
    );
    log.warn(`someone sent Authorization: Bearer ${INGEST_TOKEN} and xoxb-1234567890-abcdefghij`);
    log.info({ pickup: { phone: PHONE, address: "文昌路 100 号" } }, `customer said call me at ${PHONE}`);
    log.info({ input: { kind: "text", text: "我住东关街 66 号 1 栋 101 室" } }, "a message");
    log.info("db at postgres://desk:hunter2secret@db.example/desk");
    const out = lines.join("");
    for (const secret of [
      BOT_TOKEN,
      INGEST_TOKEN,
      ADMIN_TOKEN,
      "xoxb-1234567890",
      PHONE,
      "hunter2secret",
      "文昌路",
      "东关街",
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("139****5678");
    expect(out).toContain("[redacted]");
    expect(lines).toHaveLength(7); // every line still written, as JSON
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("the running service's whole log holds none of its tokens after requests that carry them", async () => {
    lines.length = 0;
    const config = loadConfig({
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      HTTP_PORT: "0",
      INGEST_TOKEN,
      ADMIN_TOKEN,
      LOG_LEVEL: "debug",
    });
    app = await startApp({
      config,
      policy: defaultPolicy(),
      directory: parseDirectory(BRANCH),
      log: capture(secretsOf(config)),
    });
    const base = app.url;
    await fetch(`${base}/api/scans`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST_TOKEN}x` },
    });
    await fetch(`${base}/api/scans`, {
      method: "POST",
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
      body: "{not json",
    });
    await fetch(`${base}/desk/api/summary`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await fetch(`${base}/metrics?token=${ADMIN_TOKEN}`);
    await fetch(`${base}/desk/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `token=${ADMIN_TOKEN}`,
    });
    const visitor = new WebVisitor(base);
    await visitor.open();
    await visitor.send({ text: `请打电话 ${PHONE}` });
    await app.stop();
    app = undefined;
    const out = lines.join("");
    expect(out).toContain('"msg":"request"');
    for (const secret of [INGEST_TOKEN, ADMIN_TOKEN, PHONE]) expect(out).not.toContain(secret);
  }, 120_000);

  it("admin and ingest tokens are compared in constant time (digests and timingSafeEqual, never ===)", () => {
    expect(bearerMatches(`Bearer ${INGEST_TOKEN}`, INGEST_TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${INGEST_TOKEN.slice(0, -1)}`, INGEST_TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${"x".repeat(5000)}`, INGEST_TOKEN)).toBe(false);
    expect(bearerMatches(undefined, INGEST_TOKEN)).toBe(false);
    for (const file of ["src/server/routes/scans.ts", "src/server/routes/admin-auth.ts"]) {
      const source = readFileSync(resolve(ROOT, file), "utf8");
      expect(source).toContain("timingSafeEqual(");
      expect(source).not.toMatch(/(===|!==)\s*(deps\.ingestToken|token)\b/);
    }
  });
});
