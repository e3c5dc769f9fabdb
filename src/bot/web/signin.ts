import { createHash, randomInt } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * One-time sign-in codes for staff on the web while ADMIN_TOKEN is set: six random digits, sent to
 * the person on Telegram or Slack, kept only as a hash, valid CODE_TTL_S, used once, and refused
 * for good after MAX_ATTEMPTS wrong tries. Asking again cannot buy fresh guesses: a new code waits
 * RESEND_WAIT_S, a person gets at most MAX_CODES_PER_HOUR codes an hour, and after MAX_FAILURES
 * wrong tries across all their codes the person's sign-in is locked for LOCK_S (every code refused).
 */
export const CODE_TTL_S = 10 * 60;
export const MAX_ATTEMPTS = 5;
const RESEND_WAIT_S = 60;
export const MAX_CODES_PER_HOUR = 5;
const MAX_FAILURES = 10;
const LOCK_S = 3600;
const CODE = /^\d{6}$/;

// Atomic: a code checked twice at once is used once; the try that passes the limit drops it; a
// wrong try counts against the person (KEYS[2]) across codes, and a locked person passes none.
const CHECK = `
local failures = tonumber(redis.call('GET', KEYS[2]) or '0')
if failures >= tonumber(ARGV[3]) then redis.call('DEL', KEYS[1]) return 0 end
local h = redis.call('HGET', KEYS[1], 'h')
if h and h == ARGV[1] then
  local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
  redis.call('DEL', KEYS[1])
  if n <= tonumber(ARGV[2]) then return 1 end
  return 0
end
if redis.call('INCR', KEYS[2]) == 1 then redis.call('EXPIRE', KEYS[2], ARGV[4]) end
if h then
  local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
  if n >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) end
end
return 0`;

// A new code: not within RESEND_WAIT_S of the last, not past MAX_CODES_PER_HOUR, not while locked.
const ISSUE = `
if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[4]) then return 0 end
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local issued = tonumber(redis.call('GET', KEYS[2]) or '0')
if issued >= tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
if redis.call('INCR', KEYS[2]) == 1 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
return 1`;

export interface SignInCodes {
  /** A new code for the person, or "wait" when they may not have one now (too soon, too many, locked). */
  issue(personId: string): Promise<string | "wait">;
  /** Whether the code is the person's current one; a right one is used up, so is every code after MAX_ATTEMPTS. */
  check(personId: string, code: string): Promise<boolean>;
}

function digest(personId: string, code: string): string {
  return createHash("sha256").update(`parcel-desk web sign-in\n${personId}\n${code}`).digest("hex");
}

export function redisSignInCodes(redis: Redis, prefix: string): SignInCodes {
  const codeKey = (personId: string) => `${prefix}code:${personId}`;
  const failKey = (personId: string) => `${prefix}code-fail:${personId}`;
  return {
    async issue(personId) {
      const keys = [`${prefix}code-wait:${personId}`, `${prefix}code-count:${personId}`, failKey(personId)];
      const allowed = await redis.eval(
        ISSUE,
        3,
        ...keys,
        RESEND_WAIT_S,
        MAX_CODES_PER_HOUR,
        3600,
        MAX_FAILURES,
      );
      if (allowed !== 1) return "wait";
      const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
      const key = codeKey(personId);
      await redis
        .multi()
        .del(key)
        .hset(key, "h", digest(personId, code), "n", 0)
        .expire(key, CODE_TTL_S)
        .exec();
      return code;
    },
    async check(personId, code) {
      // A malformed try still counts: it cannot be used to probe without cost.
      const hash = CODE.test(code) ? digest(personId, code) : "-";
      const keys = [codeKey(personId), failKey(personId)];
      const ok = await redis.eval(CHECK, 2, ...keys, hash, MAX_ATTEMPTS, MAX_FAILURES, LOCK_S);
      return ok === 1;
    },
  };
}
