import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app";
import { LOCK_FILE } from "../../src/store/data-dir-lock";
import { waitFor } from "../jobs/support";
import { startFaultApp } from "./fault-app";
import { type EntryRun, freePort, PrivateRedis, runEntry, settle, stopAll, tempDir } from "./servers";

/**
 * Issue 16 §3: a second `npm start` on a DATA_DIR in use refuses at once with one line naming the
 * process that holds it, and never opens the PGlite files; a lock left by a killed process is
 * taken over. The holder and the one refused are real processes, as `npm start` runs them
 * (scripts/start.mjs src/main.ts); the service that takes the stale lock over is started in this
 * process (startApp, the same start-up after the environment is read), which spares loading a
 * third process.
 */
const redis = new PrivateRedis();
const dataDir = tempDir("second");
const started: ChildProcess[] = [];
let app: App | undefined;

async function npmStart(): Promise<EntryRun> {
  const run = runEntry(["src/main.ts"], {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    HTTP_PORT: String(await freePort()),
    LOG_LEVEL: "info",
  });
  started.push(run.child);
  return run;
}

beforeAll(async () => {
  await redis.start();
});
afterAll(async () => {
  try {
    await settle(app?.stop());
    const running = started.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const child of running) child.kill("SIGKILL");
    await settle(Promise.all(running.map((c) => new Promise((done) => c.once("exit", done)))));
    await settle(redis.destroy());
  } finally {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

describe("a second process on the same embedded data (issue 16 §3)", () => {
  it("refuses at once with one line naming the holder; a lock left by a kill -9 is taken over", async () => {
    const first = await npmStart();
    const lock = join(dataDir, LOCK_FILE);
    // The second starts once the first holds DATA_DIR (its lock names it), while the first is
    // still starting: the refusal does not wait for the holder to be serving.
    await waitFor(
      "the first process's lock",
      () => {
        if (first.child.exitCode !== null) throw new Error(`npm start ended:\n${first.stderr}`);
        return existsSync(lock) ? readFileSync(lock, "utf8").trim() : "";
      },
      (holder) => holder === String(first.child.pid),
      90_000,
    );
    const second = await npmStart();
    await first.printed("parcel-desk is serving");
    expect(readFileSync(lock, "utf8").trim()).toBe(String(first.child.pid));
    expect(await second.exit).toBe(1);
    const lines = second.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`in use by process ${first.child.pid}`);
    expect(second.stdout).not.toContain("parcel-desk is serving");
    // The holder is untouched and still holds it.
    expect(first.child.exitCode).toBeNull();
    expect(readFileSync(lock, "utf8").trim()).toBe(String(first.child.pid));

    first.child.kill("SIGKILL"); // no clean-up: the lock file stays behind, stale
    await first.exit;
    expect(existsSync(lock)).toBe(true);
    const third = await startFaultApp({ DATA_DIR: dataDir, REDIS_URL: redis.url });
    app = third;
    expect(readFileSync(lock, "utf8").trim()).toBe(String(process.pid));
    expect((await fetch(`${third.url}/healthz`)).status).toBe(200);
    await third.stop();
    app = undefined;
    expect(existsSync(lock)).toBe(false);
  }, 120_000);

  it("stops gracefully on a SIGTERM that comes while it is still starting, and leaves no lock behind", async () => {
    const run = await npmStart();
    const lock = join(dataDir, LOCK_FILE);
    await waitFor(
      "the process's lock",
      () => (existsSync(lock) ? readFileSync(lock, "utf8").trim() : ""),
      (holder) => holder === String(run.child.pid),
      90_000,
    );
    run.child.kill("SIGTERM"); // still starting: the store is opening, nothing serves yet
    expect(await run.exit).toBe(0);
    expect(run.stdout).toContain("stopping: finishing the work in hand");
    expect(run.stdout).toContain('"msg":"stopped"');
    expect(existsSync(lock)).toBe(false);
  }, 120_000);
});
