import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { batchProblems, ingestScans, scanBatchSchema } from "../../domain/ingest/ingest-scans";
import { DEFAULT_BODY_LIMIT_BYTES, type HttpDeps } from "../http";

const MAX_PROBLEMS_LISTED = 100;

/** Compares digests, so neither the token's content nor its length leaks through timing. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  const given = createHash("sha256")
    .update(match?.[1] ?? "")
    .digest();
  const expected = createHash("sha256").update(token).digest();
  return timingSafeEqual(given, expected) && match !== null;
}

/**
 * POST /api/scans (DESIGN.md, ingest API): Bearer INGEST_TOKEN, a JSON array of scan events,
 * all-or-nothing and idempotent per event. 503 while no token is configured, 401 for a missing
 * or wrong token (checked before the body is read), 413 over the body limit, 400 with the
 * reasons per index, 200 with the counts.
 */
export function registerScanRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const schema = scanBatchSchema(deps.policy);

  app.post(
    "/api/scans",
    {
      bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      onRequest: async (request, reply) => {
        if (!deps.ingestToken) {
          return reply
            .code(503)
            .send({ error: "ingest_disabled", message: "the ingest API is off: INGEST_TOKEN is not set" });
        }
        if (!bearerMatches(request.headers.authorization, deps.ingestToken)) {
          return reply
            .code(401)
            .header("www-authenticate", 'Bearer realm="ingest"')
            .send({ error: "unauthorized", message: "a valid Authorization: Bearer token is required" });
        }
      },
    },
    async (request, reply) => {
      const parsed = schema.safeParse(request.body);
      if (!parsed.success) {
        const problems = batchProblems(parsed.error, MAX_PROBLEMS_LISTED);
        const omitted = parsed.error.issues.length - problems.length;
        request.log.info({ problems: parsed.error.issues.length }, "scan batch rejected");
        return reply
          .code(400)
          .send({ error: "invalid_batch", problems, ...(omitted > 0 ? { problemsOmitted: omitted } : {}) });
      }
      const outcome = await ingestScans(deps, parsed.data);
      for (const failure of outcome.timerFailures) {
        request.log.error(
          { err: failure.error, timerId: failure.timerId },
          "timer not scheduled after ingest",
        );
      }
      const { received, stored, duplicates, holdsOpened, holdsClosed } = outcome;
      request.log.info({ received, stored, duplicates, holdsOpened, holdsClosed }, "scan batch ingested");
      return { received, stored, duplicates, holdsOpened, holdsClosed };
    },
  );
}
