/**
 * Whether an error means a server under the service is unreachable for now (Redis or the
 * database restarting, a network cut), as opposed to a bug or bad input (issue 16). Such a
 * failure must not lose what the user sent: the webhook answers 5xx so that Telegram sends the
 * update again, long polling keeps the update and tries it again, the ingest API answers 503
 * with Retry-After, and a timer job is retried with backoff.
 */

/** Socket errors of a connection that is down or cut. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTCONN",
  "EAI_AGAIN",
]);

/** PostgreSQL SQLSTATEs of a server that is shutting down, starting or unreachable. */
const POSTGRES_CODES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);

/** Messages of ioredis and pg for a connection that is gone (they carry no code). */
const MESSAGES = [
  /^Connection is closed/,
  /^Stream isn't writeable/,
  /^Reached the max retries per request limit/,
  /^Connection terminated/,
  /^Client has encountered a connection error/,
  /^timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end/,
];

const NAMES = new Set(["MaxRetriesPerRequestError"]);

export function isUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (NETWORK_CODES.has(e.code) || POSTGRES_CODES.has(e.code))) return true;
  if (typeof e.name === "string" && NAMES.has(e.name)) return true;
  if (typeof e.message === "string" && MESSAGES.some((m) => m.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isUnavailable(inner, depth + 1))) return true;
  // grammY's BotError carries the middleware's error as `error`. (Not its HttpError: the Bot API
  // unreachable is no outage of ours, and the turn it interrupted may have committed already.)
  const inner = e.name === "BotError" ? (error as { error?: unknown }).error : undefined;
  return isUnavailable(e.cause, depth + 1) || isUnavailable(inner, depth + 1);
}

/** Seconds a client is asked to wait before trying again (Retry-After) while a server is down. */
export const RETRY_AFTER_SECONDS = 5;
