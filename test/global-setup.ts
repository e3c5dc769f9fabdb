import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureRedis } from "../src/redis-server";

/** Tests need a Redis: the one at REDIS_URL, or a private one started here (as npm start does). */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const redis = await ensureRedis(url, mkdtempSync(join(tmpdir(), "parcel-desk-test-redis-")));
  return () => redis.stop();
}
