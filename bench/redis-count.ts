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
}

export async function countRedis(
  redisUrl: string,
  db: number,
  marker: (args: string[]) => boolean,
  work: () => Promise<number>,
): Promise<RedisCount> {
  const client = new Redis(redisUrl);
  const monitor = await client.monitor();
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

  let commands = 0;
  let roundTrips = 0;
  for (const list of bySource.values()) {
    if (!list.some(marker)) continue;
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
  return { commands: commands / updates, roundTrips: roundTrips / updates, scripted: lua.length / updates };
}
