import type { FastifyInstance } from "fastify";
import { backupFileName } from "../../store/backup";
import type { HttpDeps } from "../http";
import type { AdminDeps } from "./admin";
import { adminGuard } from "./admin-auth";

export const BACKUP_PATH = "/admin/backup";

/**
 * GET /admin/backup (issue 16 §5): the embedded database's dump (a gzip'ed tar, store/backup.ts),
 * taken by the running service, which holds the data directory; `npm run backup` fetches it with
 * Authorization: Bearer ADMIN_TOKEN. Off (404) without ADMIN_TOKEN; 409 on PostgreSQL (pg_dump).
 */
export function registerBackupRoute(app: FastifyInstance, deps: HttpDeps & { admin: AdminDeps }): void {
  const { admin } = deps;
  app.register(async (scope) => {
    scope.addHook(
      "onRequest",
      adminGuard({ token: admin.token, now: () => deps.clock.now(), whenNoToken: "off" }),
    );
    scope.get(BACKUP_PATH, async (request, reply) => {
      if (!admin.backup) {
        return reply.code(409).send({
          error: "not_embedded",
          message: "this service uses PostgreSQL (DATABASE_URL): back it up with pg_dump",
        });
      }
      const started = Date.now();
      const dump = Buffer.from(await (await admin.backup()).arrayBuffer());
      request.log.info({ bytes: dump.length, ms: Date.now() - started }, "backup taken");
      return reply
        .header("content-type", "application/gzip")
        .header("content-disposition", `attachment; filename="${backupFileName(deps.clock.now())}"`)
        .header("cache-control", "no-store")
        .send(dump);
    });
  });
}
