import Fastify, { type FastifyError, type FastifyInstance, LogController } from "fastify";
import type { DirectoryIndex } from "../domain/config/directory";
import type { Policy } from "../domain/config/policy";
import type { Clock } from "../domain/kernel/clock";
import type { Notifier, Scheduler, Store } from "../domain/ports";
import type { Logger } from "../log";
import { isUnavailable, RETRY_AFTER_SECONDS } from "../store/outage";
import { type AdminDeps, registerAdminRoutes } from "./routes/admin";
import { registerHealthRoutes } from "./routes/health";
import { registerScanRoutes } from "./routes/scans";

export const DEFAULT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Slow and oversized requests are cut off (issue 16 §4): a request must arrive whole (headers and
 * body) within requestMs, its headers within headersMs (a slow sender holds no socket for long);
 * a body over 1 MiB is refused with 413 on every route but the ingest API's (its own limit).
 */
export interface HttpLimits {
  requestMs: number;
  headersMs: number;
  /** How often Node checks the two above. */
  checkEveryMs: number;
  bodyLimitBytes: number;
}

const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestMs: 60_000,
  headersMs: 10_000,
  checkEveryMs: 2_000,
  bodyLimitBytes: 1024 * 1024,
};

export interface HttpDeps {
  store: Store;
  scheduler: Scheduler;
  policy: Policy;
  clock: Clock;
  log: Logger;
  /** Unset: the ingest API answers 503 (DESIGN.md). */
  ingestToken?: string | undefined;
  /** Resolves when Redis answers (for /readyz). */
  checkRedis: () => Promise<void>;
  /** The ingest API's body limit (default 5 MiB). */
  bodyLimitBytes?: number | undefined;
  /**
   * With both, a hold opened by a held_for_pickup scan tells the parcel's followers where to
   * collect it (notice.hold.ready), as a hold staff open does; without, the ingest tells nobody.
   */
  notifier?: Notifier | undefined;
  directory?: DirectoryIndex | undefined;
  /** TRUST_PROXY: whom to believe for X-Forwarded-For/-Proto (request.ip, https cookies). */
  trustProxy?: boolean | string | undefined;
  /** ADMIN_TOKEN and what /desk, /metrics and /admin/queues read (routes/admin.ts). */
  admin?: AdminDeps | undefined;
  /** Timeouts and the body limit (DEFAULT_HTTP_LIMITS). */
  limits?: Partial<HttpLimits> | undefined;
}

/** Client errors Fastify raises before a handler runs, as our JSON error codes. */
const CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "bad_request",
};

/**
 * The HTTP server (not listening yet: main.ts calls listen and may register more routes):
 * health, readiness and the scan ingest API. Every error is JSON; none carries a stack trace
 * or an internal message.
 */
export async function createHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  // Requests are logged by routes/admin.ts (no query strings, bodies or headers in the log).
  const limits = { ...DEFAULT_HTTP_LIMITS, ...deps.limits };
  const app = Fastify({
    loggerInstance: deps.log,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.trustProxy ?? false,
    requestTimeout: limits.requestMs,
    bodyLimit: limits.bodyLimitBytes,
    http: { headersTimeout: limits.headersMs, connectionsCheckingInterval: limits.checkEveryMs },
  }) as unknown as FastifyInstance;

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = CLIENT_ERRORS[error.code] ?? "bad_request";
      request.log.info({ code: error.code }, error.message);
      const message =
        code === "payload_too_large"
          ? `the body is larger than the limit of ${reply.routeOptions.bodyLimit ?? "the server's"} bytes`
          : error.message;
      return reply.code(status).send({ error: code, message });
    }
    if (isUnavailable(error)) {
      // Redis or the database is down for now: nothing was kept, the client sends it again (issue 16).
      request.log.warn({ err: error }, "request refused: a server under the service is unreachable");
      return reply
        .code(503)
        .header("retry-after", String(RETRY_AFTER_SECONDS))
        .send({
          error: "unavailable",
          message: `the service cannot reach its database or Redis; nothing was stored; retry in ${RETRY_AFTER_SECONDS} s`,
        });
    }
    request.log.error({ err: error }, "request failed");
    return reply
      .code(500)
      .send({ error: "internal_error", message: "the server failed; the request may be retried" });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: "not_found", message: `no route ${request.method} ${request.url}` }),
  );

  registerHealthRoutes(app, deps);
  registerScanRoutes(app, deps);
  registerAdminRoutes(app, deps);
  return app;
}
