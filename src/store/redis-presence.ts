import type { Redis } from "ioredis";
import type { StaffPresence } from "../domain/ports";

/**
 * SOP-14 seat presence in Redis: one hash, field = personId, value = when the seat was set
 * available (ISO). Busy (示忙) removes the field. Shared by every process of the branch; the
 * audit of each change is the use case's (setAvailability).
 */
export function redisPresence(redis: Redis, prefix = "pd:"): StaffPresence {
  const key = `${prefix}presence`;
  return {
    async setAvailable(personId, available, at) {
      if (available) await redis.hset(key, personId, at.toISOString());
      else await redis.hdel(key, personId);
    },
    async availableIds() {
      return new Set(await redis.hkeys(key));
    },
  };
}
