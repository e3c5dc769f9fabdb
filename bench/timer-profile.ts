/**
 * Issue 15: what one run of the real timer handler costs. Runs `count` dense timers of the bench's
 * kind through the service's timer worker on one backend and counts, per timer: SQL statements,
 * transactions, Redis commands (by name) and notices. With --prof, a CPU profile of the timed part.
 *
 *   node scripts/start.mjs bench/timer-profile.ts [pglite|postgres] [count] [--open] [--staff]
 *     [--noop] [--prof=<file.cpuprofile>]
 *
 *   --open   desk hours 00:00–24:00 (otherwise the handler defers outside the desk's hours)
 *   --staff  examples/directory.yaml (agents to notify) instead of an empty directory
 *   --noop   the bench's no-op handler instead of the real one
 *   --bare   bare BullMQ (the bench's baseline) instead of the service's worker
 *   --prof   a CPU profile of the timed part only (not the start, the migrations or the seeding)
 */
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { Redis } from "ioredis";
import type { KyselyPlugin } from "kysely";
import { loadDirectory } from "../src/branch-files";
import { createStore, openDatabase } from "../src/store";
import { benchEnv, createDatabase } from "./env";
import { bareSide, lateness, openAllDay, oursSide, seedQueries } from "./timers";

const args = process.argv.slice(2);
const backend = args.includes("postgres") ? "postgres" : "pglite";
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 2000);
const open = args.includes("--open");
const staff = args.includes("--staff");
const noop = args.includes("--noop");
const bare = args.includes("--bare");
const profileTo = args.find((a) => a.startsWith("--prof="))?.slice("--prof=".length);

const sqlByKind = new Map<string, number>();
let statements = 0;
const counter: KyselyPlugin = {
  transformQuery(args) {
    statements++;
    const kind = args.node.kind;
    sqlByKind.set(kind, (sqlByKind.get(kind) ?? 0) + 1);
    return args.node;
  },
  async transformResult(args) {
    return args.result;
  },
};

const redisByName = new Map<string, number>();
let counting = false;
const send = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function (this: Redis, command, stream) {
  if (counting) redisByName.set(command.name, (redisByName.get(command.name) ?? 0) + 1);
  return send.call(this, command, stream);
};

async function main(): Promise<void> {
  const env = await benchEnv();
  try {
    const where =
      backend === "postgres"
        ? { databaseUrl: await createDatabase(env.postgresUrl ?? "", `bench_${process.pid}_tprof`) }
        : { dataDir: join(env.tempDir, "tprof") };
    const db = await openDatabase(where);
    const warm = 500;
    await seedQueries(db, count + warm);
    const store = createStore(db.withPlugin(counter));
    let transactions = 0;
    const transaction = store.transaction;
    store.transaction = (work) => {
      transactions++;
      return transaction(work);
    };
    const makeSide = async () =>
      bare
        ? { ...(await bareSide(env.redis)), notices: 0 }
        : await oursSide(env.redis, store, noop ? "noop" : "real", true, {
            ...(open ? openAllDay() : {}),
            ...(staff
              ? { directory: loadDirectory(join(import.meta.dirname, "../examples/directory.yaml")) }
              : {}),
          });
    // Once unmeasured first, as the bench does: the JIT's first pass is not what a timer costs.
    const first = await makeSide();
    await lateness(first, warm, 300, (i) => `bq-${count + i}`);
    await first.close();
    const side = await makeSide();
    const session = new Session();
    if (profileTo) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
    }
    statements = 0;
    transactions = 0;
    sqlByKind.clear();
    counting = true;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await lateness(side, count, 1000, (i) => `bq-${i}`);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    counting = false;
    if (profileTo) {
      const { profile } = await session.post("Profiler.stop");
      await writeFile(profileTo, JSON.stringify(profile));
      session.disconnect();
    }
    await side.close();
    await store.close();
    const per = (n: number) => (n / count).toFixed(2);
    console.log(
      `${bare ? "bare" : backend}${noop ? " noop" : ""}${open ? " open" : ""}${staff ? " staff" : ""}: ${count} timers, p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms, ran ${result.ran}; handling CPU ${result.cpuMsPerTimer.toFixed(2)} ms per timer; wall ${wall.toFixed(0)} ms, CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
    );
    console.log(
      `per timer: SQL ${per(statements)} (${[...sqlByKind].map(([k, n]) => `${k} ${per(n)}`).join(", ")}), transactions ${per(transactions)}, notices ${per(side.notices)}`,
    );
    const redis = [...redisByName].sort((a, b) => b[1] - a[1]);
    const total = redis.reduce((s, [, n]) => s + n, 0);
    console.log(
      `Redis commands per timer (adding included): ${per(total)}: ${redis.map(([k, n]) => `${k} ${per(n)}`).join(", ")}`,
    );
  } finally {
    await env.cleanup();
  }
}

await main();
// Bare BullMQ's worker connection is the bench's to drop: the process ends here.
process.exit(0);
