import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { type AddressInfo, createServer, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/store/data-dir-lock";
import { waitFor } from "../jobs/support";
import { freePort, runEntry, settle, tempDir } from "./servers";

/**
 * A SIGTERM while `npm start` is still starting, and then the start fails (src/main.ts): the
 * operator reads the one line that says why it cannot start, as without the signal, not an
 * "error while stopping" log record. Redis here is a server that takes the connection and then
 * drops it when the test says so, after the signal (a remote host: no private redis-server).
 */
const dataDir = tempDir("signal-mid-start");
const held: Socket[] = [];
const silentRedis = createServer((socket) => {
  held.push(socket);
  socket.on("error", () => undefined);
});
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const socket of held) socket.destroy();
  await settle(new Promise((done) => silentRedis.close(done)));
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe("a signal while starting", () => {
  it("when the start then fails, says in one line why it cannot start", async (ctx) => {
    // 127.0.0.2: a loopback address that is no local Redis host (Linux answers all of 127/8).
    const listening = await new Promise<boolean>((resolve) => {
      silentRedis.once("error", () => resolve(false));
      silentRedis.listen({ host: "127.0.0.2", port: 0 }, () => resolve(true));
    });
    if (!listening) ctx.skip();
    const { port } = silentRedis.address() as AddressInfo;
    const run = runEntry(["src/main.ts"], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      REDIS_URL: `redis://127.0.0.2:${port}`,
      HTTP_PORT: String(await freePort()),
      LOG_LEVEL: "info",
    });
    child = run.child;
    const lock = join(dataDir, LOCK_FILE);
    await waitFor(
      "the process's lock",
      () => (existsSync(lock) ? readFileSync(lock, "utf8").trim() : ""),
      (holder) => holder === String(run.child.pid),
      90_000,
    );
    await waitFor(
      "Redis asked",
      () => held.length,
      (n) => n > 0,
      30_000,
    );
    run.child.kill("SIGTERM"); // still starting: Redis has not answered
    await waitFor(
      "the signal taken",
      () => run.stdout,
      (out) => out.includes("stopping: finishing"),
      30_000,
    );
    for (const socket of held) socket.destroy(); // now Redis fails
    expect(await run.exit).toBe(1);
    expect(run.stderr).toContain(
      `parcel-desk cannot start: Redis does not answer at redis://127.0.0.2:${port}`,
    );
    expect(run.stdout).not.toContain("error while stopping");
    expect(existsSync(lock)).toBe(false);
  }, 120_000);
});
