import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { defaultPolicy } from "../../src/domain/config/policy";
import type { Clock } from "../../src/domain/kernel/clock";
import type { StaffPresence, Store } from "../../src/domain/ports";
import { createJobQueues, DEFAULT_TUNING, type JobQueues } from "../../src/jobs/queues";
import type { DeskMetrics } from "../../src/metrics";
import { createHttpServer } from "../../src/server/http";
import { branchDirectory } from "../support/branch";
import { FakeScheduler } from "../support/fake-scheduler";

/** The HTTP server with the admin routes, listening on a free port, and every log line it wrote. */

export const ADMIN_TOKEN = "admin-token-0123456789abcdef";

export interface DeskServer {
  app: FastifyInstance;
  base: string;
  queues: JobQueues | undefined;
  /** Every log line, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startDeskServer(options: {
  store: Store;
  clock: Clock;
  token: string | undefined;
  redis?: Redis;
  prefix?: string;
  /** Queues of a running jobs harness (else made on redis + prefix when both are given). */
  queues?: JobQueues;
  presence?: Pick<StaffPresence, "availableIds">;
  metrics?: DeskMetrics;
  /** TRUST_PROXY as the service passes it. */
  trustProxy?: boolean | string;
}): Promise<DeskServer> {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const ownQueues =
    !options.queues && options.redis && options.prefix
      ? createJobQueues(options.redis, {
          prefix: options.prefix,
          tuning: DEFAULT_TUNING,
          log: pino({ level: "silent" }),
        })
      : undefined;
  const queues = options.queues ?? ownQueues;
  const app = await createHttpServer({
    store: options.store,
    scheduler: new FakeScheduler(),
    policy: defaultPolicy(),
    clock: options.clock,
    log: pino({ level: "info" }, sink),
    directory: branchDirectory(),
    checkRedis: async () => {},
    trustProxy: options.trustProxy,
    admin: { token: options.token, presence: options.presence, queues, metrics: options.metrics },
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    base,
    queues,
    logs,
    async close() {
      await app.close();
      await ownQueues?.close();
    },
  };
}
