import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/store/data-dir-lock";
import { freePort, PrivateRedis, settle, stopAll, tempDir } from "./servers";

/**
 * Issue 16 §3: a second `npm start` on a DATA_DIR in use refuses at once with one line naming the
 * process that holds it, and never opens the PGlite files; a lock left by a killed process is
 * taken over. Real processes, as `npm start` runs them (scripts/start.mjs src/main.ts).
 */
const ROOT = resolve(import.meta.dirname, "../..");
const redis = new PrivateRedis();
const dataDir = tempDir("second");
const started: ChildProcess[] = [];

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
}

async function npmStart(): Promise<Run> {
  const child = spawn(process.execPath, ["scripts/start.mjs", "src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      HTTP_PORT: String(await freePort()),
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  const run: Run = {
    child,
    stdout: "",
    stderr: "",
    exit: new Promise((done) => child.once("exit", (code) => done(code))),
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    run.stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    run.stderr += chunk.toString();
  });
  return run;
}

async function serving(run: Run, ms = 45_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!run.stdout.includes("parcel-desk is serving")) {
    if (run.child.exitCode !== null) throw new Error(`exited: ${run.stderr}`);
    if (Date.now() > deadline) throw new Error(`not serving within ${ms} ms: ${run.stderr}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

beforeAll(async () => {
  await redis.start();
});
afterAll(async () => {
  try {
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
    await serving(first);
    const lock = join(dataDir, LOCK_FILE);
    expect(readFileSync(lock, "utf8").trim()).toBe(String(first.child.pid));

    const second = await npmStart();
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
    const third = await npmStart();
    await serving(third);
    expect(readFileSync(lock, "utf8").trim()).toBe(String(third.child.pid));
    third.child.kill("SIGTERM");
    expect(await third.exit).toBe(0);
    expect(existsSync(lock)).toBe(false);
  }, 120_000);
});
