import { fastifyCookie } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { StaffPresence } from "../../domain/ports";
import type { JobQueues } from "../../jobs/queues";
import type { DeskMetrics } from "../../metrics";
import type { HttpDeps } from "../http";
import { registerBackupRoute } from "./admin-backup";
import { registerDeskRoutes } from "./admin-desk";
import { registerMetricsRoutes } from "./admin-metrics";
import { registerQueueBoard } from "./admin-queues";

/** What the admin routes need beyond the HTTP server's own dependencies. */
export interface AdminDeps {
  /** ADMIN_TOKEN. Unset: /desk and /admin/queues answer 404 (admin is off); /metrics is open. */
  token: string | undefined;
  /** SOP-14 seats on the dashboard; without it their state shows as unknown. */
  presence?: Pick<StaffPresence, "availableIds"> | undefined;
  /** The job queues: Bull Board and the queue depths of /metrics. */
  queues?: JobQueues | undefined;
  /** The counters /metrics shows (default: the process's, src/metrics.ts). */
  metrics?: DeskMetrics | undefined;
  /** The embedded database's dump for GET /admin/backup (unset on PostgreSQL: pg_dump). */
  backup?: (() => Promise<Blob>) | undefined;
}

/**
 * The operations side of the HTTP server, each part in its own scope: the duty lead's dashboard
 * (/desk), GET /metrics, Bull Board (/admin/queues), and one access log line per request.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const withAdmin = { ...deps, admin: deps.admin ?? { token: undefined } };
  logRequests(app);
  app.register(async (admin) => {
    // The session cookie (admin-auth.ts); each part below is a scope of its own inside this one.
    if (!admin.hasRequestDecorator("cookies")) await admin.register(fastifyCookie);
    registerDeskRoutes(admin, withAdmin);
    registerMetricsRoutes(admin, withAdmin);
    registerQueueBoard(admin, withAdmin);
    registerBackupRoute(admin, withAdmin);
  });
}

/**
 * One access log line per request (the server's own request logging is off): the method, the
 * route as declared (`/desk/assets/:name`, never the values in it), the status and the time.
 * Never the query string, a body, a header or a cookie: no token, phone number or message text
 * reaches the log. An unmatched path is logged as "(unmatched)": a path can carry a phone number.
 */
function logRequests(app: FastifyInstance): void {
  app.addHook("onResponse", async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.routeOptions.url ?? "(unmatched)";
    request.log.info(
      {
        method: request.method,
        route: path,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      "request",
    );
  });
}
