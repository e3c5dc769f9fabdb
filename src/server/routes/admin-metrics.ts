import type { FastifyInstance } from "fastify";
import { Registry } from "prom-client";
import { botAnswerCount } from "../../domain/following/figures";
import { deskMetrics, followingGauges, scrapeGauge } from "../../metrics";
import type { HttpDeps } from "../http";
import type { AdminDeps } from "./admin";
import { adminGuard } from "./admin-auth";
import { namedQueues } from "./admin-queues";

const QUEUE_STATES = ["waiting", "active", "delayed", "failed"] as const;

/**
 * GET /metrics (Prometheus text): the process's counters (src/metrics.ts) and gauges read at
 * scrape time: the jobs waiting in each queue, the SOP timers waiting for their time, the open
 * and overdue queries. Behind ADMIN_TOKEN when it is set (a scraper sends it as
 * `Authorization: Bearer`; a signed-in browser's cookie works too); open when it is not, like
 * the rest of a local try-out (HTTP_HOST is 127.0.0.1 by default).
 */
export function registerMetricsRoutes(app: FastifyInstance, deps: HttpDeps & { admin: AdminDeps }): void {
  const counters = deps.admin.metrics ?? deskMetrics;
  const gauges = new Registry();
  const queues = deps.admin.queues ? namedQueues(deps.admin.queues) : [];

  scrapeGauge(
    gauges,
    { name: "parcel_desk_queue_jobs", help: "Jobs in each queue, by state", labelNames: ["queue", "state"] },
    async (set) => {
      await Promise.all(
        queues.map(async (queue) => {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) set(counts[state] ?? 0, { queue: queue.name, state });
        }),
      );
    },
  );
  const timers = queues.find((q) => q.name === "timers");
  scrapeGauge(
    gauges,
    { name: "parcel_desk_timers_delayed", help: "SOP timers waiting for their due time" },
    async (set) => {
      if (timers) set(await timers.getDelayedCount());
    },
  );
  const queryCounts = async () => deps.store.dashboard?.queryCounts(deps.clock.now());
  scrapeGauge(gauges, { name: "parcel_desk_queries_open", help: "Open queries" }, async (set) => {
    const counts = await queryCounts();
    if (counts) set(counts.open);
  });
  scrapeGauge(
    gauges,
    { name: "parcel_desk_queries_overdue", help: "Open queries past their reply deadline (SOP-10, SOP-11)" },
    async (set) => {
      const counts = await queryCounts();
      if (counts) set(counts.overdue);
    },
  );

  // Issue 17: what following saves the desk (src/metrics.ts followingGauges).
  followingGauges(gauges, deps.store.following, () => deps.clock.now(), botAnswerCount);

  app.register(async (scope) => {
    scope.addHook(
      "onRequest",
      adminGuard({ token: deps.admin.token, now: () => deps.clock.now(), whenNoToken: "open" }),
    );
    scope.get("/metrics", async (_request, reply) => {
      const registry = Registry.merge([counters.registry, gauges]);
      return reply
        .header("content-type", registry.contentType)
        .header("cache-control", "no-store")
        .send(await registry.metrics());
    });
  });
}
