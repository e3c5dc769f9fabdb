import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisPresence } from "../../src/store/redis-presence";

// The Redis adapter of StaffPresence (src/store/redis-presence.ts), tested beside the use case it serves.
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `test:presence:${randomUUID()}:`;

afterAll(async () => {
  await redis.del(`${prefix}presence`);
  redis.disconnect();
});

describe("redisPresence (SOP-14)", () => {
  it("keeps the available seats, drops a seat set busy, and is shared by every client", async () => {
    const presence = redisPresence(redis, prefix);
    const at = new Date("2026-11-27T02:00:00Z");
    await presence.setAvailable("wang", true, at);
    await presence.setAvailable("chen", true, at);
    await presence.setAvailable("wang", false, at);
    await presence.setAvailable("li", false, at);
    expect(await presence.availableIds()).toEqual(new Set(["chen"]));
    expect(await redisPresence(redis, prefix).availableIds()).toEqual(new Set(["chen"]));
    expect(await redis.hget(`${prefix}presence`, "chen")).toBe(at.toISOString());
  });

  it("a prefix of its own sees nobody", async () => {
    expect(await redisPresence(redis, `${prefix}other:`).availableIds()).toEqual(new Set());
  });
});
