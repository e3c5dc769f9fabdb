import type { FastifyInstance } from "fastify";
import type { HttpDeps } from "../http";

const CHECK_TIMEOUT_MS = 2000;

async function withTimeout(check: () => Promise<void>, ms: number): Promise<void> {
  let timeout: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timeout);
  }
}

/** GET /healthz: the process is up. GET /readyz: Redis and the database answer. */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: Pick<HttpDeps, "store" | "checkRedis">,
): void {
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (request, reply) => {
    const checks = { database: () => deps.store.ping(), redis: deps.checkRedis };
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check, CHECK_TIMEOUT_MS);
          return [name, "ok"] as const;
        } catch (error) {
          request.log.warn({ err: error, check: name }, "readiness check failed");
          return [name, "failed"] as const;
        }
      }),
    );
    const failed = results.filter(([, state]) => state === "failed").map(([name]) => name);
    const body = {
      status: failed.length === 0 ? "ready" : "unavailable",
      checks: Object.fromEntries(results),
    };
    return failed.length === 0 ? body : reply.code(503).send({ ...body, failed });
  });
}
