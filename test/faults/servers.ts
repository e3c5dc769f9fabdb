import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Private servers for the fault tests (issue 16): a redis-server (append-only file on) and a
 * PostgreSQL (initdb into a temporary folder), each on a free port of its own, so a test can stop
 * and start them without touching the machine's own (127.0.0.1:6379 and :5432 belong to the other
 * tests). Every process started here is stopped by stopAll() (call it in afterAll) and, as a last
 * resort, when the test process exits.
 */

const children = new Set<ChildProcess>();

/**
 * Starts `command` under a watchdog shell that holds its stdin: stop() writes the signal to send,
 * and if the test process dies (a worker killed on a timeout), stdin closes and the watchdog kills
 * the server, so no server outlives its test run.
 */
function spawnGuarded(command: string, args: string[], owner: { uid?: number; gid?: number }): ChildProcess {
  const script =
    '"$@" & c=$!; read sig; [ -n "$sig" ] || sig=KILL; kill -s "$sig" "$c" 2>/dev/null; wait "$c"';
  const child = spawn("sh", ["-c", script, "sh", command, ...args], {
    ...owner,
    stdio: ["pipe", "ignore", "ignore"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Asks the watchdog to send `signal` and waits for the server to end (SIGKILL after `ms`). */
async function stopGuarded(child: ChildProcess, signal: "KILL" | "INT" | "TERM", ms = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdin?.end(`${signal}\n`);
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  await done;
  clearTimeout(timer);
}

/** Resolves when `work` settles or after `ms`, whichever is first (a clean-up step never hangs). */
export async function settle(work: Promise<unknown> | undefined, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.resolve(work).catch(() => {}),
    new Promise((done) => {
      timer = setTimeout(done, ms);
    }),
  ]);
  clearTimeout(timer);
}

/** A TCP port nothing listens on right now. */
/**
 * A free port below the kernel's ephemeral range (32768 and up on Linux), where every other test's
 * `listen(0)` and outgoing connection take theirs: a server stopped and started again on its port
 * (Redis, Postgres) must find it still free, not taken by another test meanwhile.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const bound = await new Promise<boolean>((done) => {
      server.once("error", () => done(false));
      server.listen(port, "127.0.0.1", () => done(true));
    });
    if (bound) {
      await new Promise((done) => server.close(done));
      return port;
    }
  }
  throw new Error("no free port between 20000 and 32000");
}

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `pd-faults-${name}-`));
}

async function waitFor(what: string, ready: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await sleep(50);
  }
  throw new Error(`${what} did not come up within ${ms} ms`);
}

/** A private redis-server; stop() and start() again keep its data (AOF, fsync on every write). */
export class PrivateRedis {
  readonly dir = tempDir("redis");
  port = 0;
  #child: ChildProcess | undefined;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (this.port === 0) this.port = await freePort();
    const child = spawnGuarded(
      "redis-server",
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--dir",
        this.dir,
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
        "--save",
        "",
        "--maxmemory-policy",
        "noeviction",
      ],
      {},
    );
    this.#child = child;
    await waitFor("redis-server", () => this.#answers());
    return this;
  }

  /** Stops it (SIGKILL by default: a crash; the AOF written so far is what survives). */
  async stop(signal: "KILL" | "TERM" = "KILL"): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (child) await stopGuarded(child, signal);
  }

  async #answers(): Promise<boolean> {
    // Bounded: a blocked probe would block this test's whole thread (the app under test with it).
    const probe = spawnSync("redis-cli", ["-p", String(this.port), "ping"], {
      encoding: "utf8",
      timeout: 2_000,
    });
    return probe.stdout.trim() === "PONG";
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A private PostgreSQL cluster (trust auth) in a temporary folder. */
export class PrivatePostgres {
  readonly dir = tempDir("pg");
  port = 0;
  #child: ChildProcess | undefined;
  #initialised = false;

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** initdb refuses to run as root: as root, the cluster belongs to the postgres user. */
  #owner(): { uid?: number; gid?: number } {
    if (process.getuid?.() !== 0) return {};
    const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (id.status !== 0) throw new Error("running as root needs a postgres user for initdb");
    return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }

  async start(): Promise<this> {
    const owner = this.#owner();
    const data = join(this.dir, "data");
    if (!this.#initialised) {
      if (owner.uid !== undefined) chownSync(this.dir, owner.uid, owner.gid ?? owner.uid);
      const init = spawnSync(
        "/usr/local/bin/initdb",
        ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"],
        { ...owner, encoding: "utf8" },
      );
      if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
      this.#initialised = true;
    }
    if (this.port === 0) this.port = await freePort();
    const child = spawnGuarded(
      "/usr/local/bin/postgres",
      [
        "-D",
        data,
        "-p",
        String(this.port),
        "-k",
        this.dir,
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
      ],
      owner,
    );
    this.#child = child;
    await waitFor("postgres", () => this.#accepts());
    return this;
  }

  /** Stops it at once (SIGINT: fast shutdown, every connection cut). */
  async stop(signal: "INT" | "KILL" = "INT"): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (child) await stopGuarded(child, signal);
  }

  async #accepts(): Promise<boolean> {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: this.url });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Kills every server this file started (afterAll's last line). */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopGuarded(child, "KILL", 2000)));
}

const ROOT = join(import.meta.dirname, "..", "..");

/** A TypeScript entry run as the npm scripts run it (`node scripts/start.mjs <entry> …`). */
export interface EntryRun {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  /** Resolves once stdout has shown `text`; fails when the process ends first or after `ms`. */
  printed(text: string, ms?: number): Promise<void>;
}

export function runEntry(args: string[], env: NodeJS.ProcessEnv): EntryRun {
  const child = spawn(process.execPath, ["scripts/start.mjs", ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: EntryRun = {
    child,
    stdout: "",
    stderr: "",
    exit: new Promise((done) => child.once("exit", (code) => done(code))),
    printed: (text, ms = 90_000) =>
      new Promise((done, fail) => {
        const timer = setTimeout(
          () => finish(new Error(`not printed within ${ms} ms: ${text}\n${run.stderr}`)),
          ms,
        );
        const check = () => {
          if (run.stdout.includes(text)) finish();
        };
        const ended = (code: number | null) =>
          finish(new Error(`exited (${code}) before printing ${text}:\n${run.stderr}`));
        function finish(error?: Error) {
          clearTimeout(timer);
          child.stdout?.off("data", check);
          child.off("close", ended);
          if (error) fail(error);
          else done();
        }
        child.stdout?.on("data", check);
        child.once("close", ended);
        check();
        if (closed) ended(child.exitCode);
      }),
  };
  let closed = false;
  child.once("close", () => {
    closed = true;
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    run.stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    run.stderr += chunk.toString();
  });
  return run;
}
