/**
 * Redis commands per update, counted from outside with MONITOR on the bench's database: the
 * connections that touched the bot's update keys (`marker`) are the bot's; their commands are
 * counted, a MULTI…EXEC block as one round trip, and the commands Lua scripts ran apart (any
 * script on the database, so idle job workers' polling adds a little).
 */
import { Redis } from "ioredis";

export interface RedisCount {
  /** Commands the bot sent (top level; EVALSHA is one). */
  commands: number;
  /** Round trips: commands outside MULTI blocks, plus one per EXEC. */
  roundTrips: number;
  /** Commands run inside Lua scripts. */
  scripted: number;
  /** The bot's commands per update by name (top level), and those run inside scripts. */
  byName: Record<string, number>;
  scriptedByName: Record<string, number>;
}

function perUpdate(lists: Iterable<string[][]>, updates: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const list of lists) {
    for (const args of list) {
      const name = (args[0] ?? "").toUpperCase();
      counts[name] = (counts[name] ?? 0) + 1;
    }
  }
  const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(sorted.map(([name, n]) => [name, Math.round((100 * n) / updates) / 100]));
}

export async function countRedis(
  redisUrl: string,
  db: number,
  marker: (args: string[]) => boolean,
  work: () => Promise<number>,
): Promise<RedisCount> {
  const client = new Redis(redisUrl);
  const monitor = await client.monitor();
  // ioredis enters its monitoring state a tick after MONITOR's OK: a busy server's first lines,
  // arriving with the OK, are reported as a "Command queue state error". Before the work; dropped.
  let failed: Error | undefined;
  monitor.on("error", (error: Error) => {
    if (!error.message.startsWith("Command queue state error")) failed = error;
  });
  const bySource = new Map<string, string[][]>();
  const lua: string[][] = [];
  monitor.on("monitor", (_time: string, args: string[], source: string, database: string) => {
    if (Number(database) !== db) return;
    if (source === "lua") {
      lua.push(args);
      return;
    }
    let list = bySource.get(source);
    if (!list) {
      list = [];
      bySource.set(source, list);
    }
    list.push(args);
  });
  // MONITOR starts asynchronously: let it settle.
  await new Promise((done) => setTimeout(done, 100));
  const updates = await work();
  await new Promise((done) => setTimeout(done, 200));
  monitor.disconnect();
  client.disconnect();
  if (failed) throw failed;

  let commands = 0;
  let roundTrips = 0;
  const ours = [...bySource.values()].filter((list) => list.some(marker));
  for (const list of ours) {
    let inMulti = false;
    for (const args of list) {
      const name = (args[0] ?? "").toLowerCase();
      commands++;
      if (name === "multi") inMulti = true;
      else if (name === "exec") {
        inMulti = false;
        roundTrips++;
      } else if (!inMulti) roundTrips++;
    }
  }
  return {
    commands: commands / updates,
    roundTrips: roundTrips / updates,
    scripted: lua.length / updates,
    byName: perUpdate(ours, updates),
    scriptedByName: perUpdate([lua], updates),
  };
}
