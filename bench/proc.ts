/**
 * Child processes of the bench: the service as `npm start` starts it, and the bare baselines, each
 * watched from outside (/proc/<pid>/stat for CPU, /proc/<pid>/status for RSS and its peak).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TICKS_PER_SECOND = 100;

export interface Child {
  process: ChildProcess;
  pid: number;
  /** The last lines it printed (for an error message). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * `node [nodeArgs] scripts/start.mjs <entry>`, as the npm scripts run it; a plain JavaScript
 * entry (.mjs, the bare baselines) runs on node itself.
 */
export function startEntry(entry: string, env: Record<string, string>, nodeArgs: string[] = []): Child {
  const args = entry.endsWith(".mjs") ? [entry] : ["scripts/start.mjs", entry];
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return {
    process: child,
    pid: child.pid ?? 0,
    output: () => lines.join("\n"),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const hard = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(hard);
    },
  };
}

/** Polls `url` until it answers 200; the milliseconds since `since` (performance.now()). */
export async function waitHealthy(
  url: string,
  child: Child,
  since: number,
  timeoutMs = 60_000,
): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (child.process.exitCode !== null) throw new Error(`exited before ${url} answered:\n${child.output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output()}`);
}

/** CPU time (user + system) the process has used, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Fields of /proc/<pid>/status given in kB, in MB. */
export function statusMb(pid: number, names: readonly string[]): Record<string, number> {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const mb = (name: string) =>
    Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return Object.fromEntries(names.map((name) => [name, mb(name)]));
}

/** Resident memory now and its peak so far, in MB. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const mb = statusMb(pid, ["VmRSS", "VmHWM"]);
  return { rss: mb.VmRSS ?? Number.NaN, peak: mb.VmHWM ?? Number.NaN };
}
