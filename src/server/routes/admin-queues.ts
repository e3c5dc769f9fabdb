import type { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";
import type { JobQueues } from "../../jobs/queues";
import type { HttpDeps } from "../http";
import type { AdminDeps } from "./admin";
import { adminGuard } from "./admin-auth";

const QUEUE_BOARD_PATH = "/admin/queues";

/** Every queue of the jobs: the timers, the digests and one send queue per channel. */
export function namedQueues(queues: JobQueues): Queue[] {
  return [queues.timers, queues.digests, ...Object.values(queues.send)] as Queue[];
}

/**
 * Bull Board at /admin/queues, behind ADMIN_TOKEN (the session cookie or a bearer; off while no
 * token is set). Its own buttons (retry, clean) post with the same cookie, which SameSite=Strict
 * keeps to this site's pages.
 */
export function registerQueueBoard(app: FastifyInstance, deps: HttpDeps & { admin: AdminDeps }): void {
  const { admin } = deps;
  app.register(async (scope) => {
    scope.addHook(
      "onRequest",
      adminGuard({
        token: admin.token,
        now: () => deps.clock.now(),
        signInRedirect: true,
        whenNoToken: "off",
      }),
    );
    // Off (no token: the guard answers first), or no queues here. Bull Board is loaded only when
    // it is shown: a few hundred milliseconds of start-up otherwise (issue 15).
    if (!admin.queues || admin.token === undefined) {
      scope.get(QUEUE_BOARD_PATH, async (_request, reply) =>
        reply.code(503).send({ error: "unavailable", message: "this process has no job queues" }),
      );
      return;
    }
    const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }] = await Promise.all([
      import("@bull-board/api"),
      import("@bull-board/api/bullMQAdapter"),
      import("@bull-board/fastify"),
    ]);
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: namedQueues(admin.queues).map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: "parcel-desk" } },
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
