import type { ChildProcess } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupCommand } from "../../src/backup/cli";
import { openDatabase, openStore } from "../../src/store";
import { EAST_ADDRESS } from "../support/branch";
import { freshTrackingNo } from "../support/parcels";
import { customerChat, testId, world } from "../support/use-case-harness";
import { type EntryRun, freePort, PrivateRedis, runEntry, settle, stopAll, tempDir } from "./servers";

/**
 * Issue 16 §5: `npm run backup` while `npm start` runs on the embedded database (through the
 * service, which holds DATA_DIR), the data directory destroyed, `npm run restore -- FILE` into an
 * empty DATA_DIR, and every query, hold, pickup and audit row found again. The service and the
 * backup taken through it are real processes (`npm start`, `npm run backup`: the lock on DATA_DIR
 * is held across processes); the other runs of the command use its same function in this process
 * (backupCommand), which spares loading a process each.
 */
const ADMIN_TOKEN = "backup-admin-0123456789";
const INGEST_TOKEN = "backup-ingest-0123456789";
const redis = new PrivateRedis();
const dataDir = tempDir("backup-data");
const backups = tempDir("backup-files");
const children: ChildProcess[] = [];
let port = 0;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    HTTP_PORT: String(port),
    ADMIN_TOKEN,
    INGEST_TOKEN,
    LOG_LEVEL: "info",
    ...extra,
  };
}

/** `npm start` or `npm run backup`, a real process. */
function npm(script: "start" | "backup", args: string[] = []): EntryRun {
  const entry = script === "start" ? ["src/main.ts"] : ["src/backup/cli.ts", script];
  const run = runEntry([...entry, ...args], env());
  children.push(run.child);
  return run;
}

/** `npm run backup|restore` run in this process (backupCommand), its output collected. */
async function here(args: string[], extra: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const code = await backupCommand(args, {
    env: env(extra),
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  });
  return { code, ...out };
}

const TABLES = ["queries", "holds", "pickups", "audit_log", "scans"] as const;

/** Every row of the tables the issue names, in a stable order, as JSON. */
async function snapshot(): Promise<Record<string, string[]>> {
  const db = await openDatabase({ dataDir });
  try {
    const result: Record<string, string[]> = {};
    for (const table of TABLES) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      result[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return result;
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  await redis.start();
  port = await freePort();
});
afterAll(async () => {
  try {
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const child of running) child.kill("SIGKILL");
    await settle(Promise.all(running.map((c) => new Promise((done) => c.once("exit", done)))));
    await settle(redis.destroy());
  } finally {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backups, { recursive: true, force: true });
  }
}, 60_000);

describe("backups of the embedded database (issue 16 §5)", () => {
  it("backs up while the service runs, restores into an empty DATA_DIR only, and every query, hold, pickup and audit row is back", async () => {
    // Some of everything, written as the desk writes it (each change with its audit rows).
    const store = await openStore({ dataDir });
    const w = world(store);
    const query = await w.desk.raiseQuery({
      asker: customerChat(testId()),
      language: "zh",
      text: "我的快递到哪了",
    });
    expect(query.ok).toBe(true);
    const pickup = await w.desk.requestPickup({
      customer: customerChat(testId()),
      language: "zh",
      draft: { address: EAST_ADDRESS, phone: "13912345678", goods: "书", payment: "account" },
    });
    expect(pickup.ok).toBe(true);
    expect((await w.desk.markHeld("wang", freshTrackingNo(), "东关分点")).ok).toBe(true);
    await store.close();

    const service = npm("start");
    await service.printed("parcel-desk is serving");
    // Scans keep arriving while the backup is taken: each batch is in it whole or not at all.
    let ingesting = true;
    const batches = (async () => {
      for (let i = 0; ingesting && i < 200; i += 1) {
        const no = freshTrackingNo();
        await fetch(`http://127.0.0.1:${port}/api/scans`, {
          method: "POST",
          headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json" },
          body: JSON.stringify(
            [9, 10, 11].map((h) => ({
              trackingNo: no,
              at: `2026-11-27T${h}:00:00+08:00`,
              kind: "arrived",
              location: "扬州",
            })),
          ),
        });
      }
    })();
    const backup = npm("backup", [`${backups}/`]);
    expect(await backup.exit).toBe(0);
    ingesting = false;
    await batches;
    expect(backup.stdout).toContain("taken by the running service");
    const [file] = readdirSync(backups);
    expect(file).toMatch(/^parcel-desk-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.tar\.gz$/);

    service.child.kill("SIGTERM");
    expect(await service.exit).toBe(0);
    const before = await snapshot();
    expect(before.queries).toHaveLength(1);
    expect(before.holds).toHaveLength(1);
    expect(before.pickups).toHaveLength(1);
    expect((before.audit_log ?? []).length).toBeGreaterThanOrEqual(3);

    // A restore never overwrites: refused on the DATA_DIR in use.
    const refused = await here(["restore", join(backups, file ?? "")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("is not empty");

    rmSync(dataDir, { recursive: true, force: true });
    const restore = await here(["restore", join(backups, file ?? "")]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`restored into ${dataDir}`);
    const after = await snapshot();
    for (const table of ["queries", "holds", "pickups"] as const) expect(after[table]).toEqual(before[table]);
    // Scans and their audit rows up to the backup: a prefix of what was there at the end, whole batches.
    expect(before.scans).toEqual(expect.arrayContaining(after.scans ?? []));
    expect((after.scans ?? []).length % 3).toBe(0);
    expect(before.audit_log).toEqual(expect.arrayContaining(after.audit_log ?? []));
    const deskRows = (rows: string[] = []) => rows.filter((r) => !r.includes('"scan'));
    expect(deskRows(after.audit_log)).toEqual(deskRows(before.audit_log));
    expect(existsSync(join(dataDir, "pglite.lock"))).toBe(false);
  }, 150_000);

  it("with no service running the backup opens DATA_DIR itself; with DATABASE_URL it points to pg_dump", async () => {
    const direct = await here(["backup", join(backups, "direct.tar.gz")]);
    expect(direct.code).toBe(0);
    expect(direct.stdout).toMatch(/^backup: .*direct\.tar\.gz \(\d+ bytes\)\n$/);
    expect(existsSync(join(backups, "direct.tar.gz"))).toBe(true);
    expect(existsSync(join(dataDir, "pglite.lock"))).toBe(false); // given back
    const pgUrl = await here(["backup"], { DATABASE_URL: "postgres://127.0.0.1:1/x" });
    expect(pgUrl.code).toBe(1);
    expect(pgUrl.stderr).toContain("pg_dump");
  }, 60_000);
});
