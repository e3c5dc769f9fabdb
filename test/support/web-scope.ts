import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { ChannelWiring } from "../../src/bot/channel";
import { createWeb, type WebChannel, type WebLimits } from "../../src/bot/web";
import type { ChatLog } from "../../src/bot/web/chat-log";
import type { WebSignIn } from "../../src/bot/web/context";
import { ManualClock } from "../../src/domain/kernel/clock";
import type { Notice } from "../../src/domain/ports";
import type { ChannelInput, RenderedReply, Who } from "../../src/flows/types";
import { silentLogger } from "../../src/log";
import { branchDirectory } from "./branch";

/**
 * The web chat alone on a Fastify server (no startApp, no database): createWeb with a recording
 * engine and notifier, for the tests of its guards (sign-in modes, limits, delivery failures).
 * Every turn the engine takes is counted in `turns`; every sign-in code sent is in `notices`.
 */
export interface WebScope {
  base: string;
  web: WebChannel;
  turns: { who: Who; input: ChannelInput }[];
  notices: Notice[];
  close(): Promise<void>;
}

export async function startWebScope(options: {
  redis: Redis;
  prefix: string;
  signIn: WebSignIn;
  limits?: Partial<WebLimits>;
  chatLog?: ChatLog;
  /** Fastify's trustProxy, as TRUST_PROXY sets it. */
  trustProxy?: boolean;
}): Promise<WebScope> {
  const turns: WebScope["turns"] = [];
  const notices: Notice[] = [];
  const web = createWeb({
    directory: branchDirectory(),
    redis: options.redis,
    clock: new ManualClock("2026-11-27T02:00:00Z"),
    log: silentLogger,
    signIn: options.signIn,
    keyPrefix: options.prefix,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.chatLog ? { chatLog: options.chatLog } : {}),
  });
  const engine = {
    async handle(who: Who, input: ChannelInput): Promise<RenderedReply[]> {
      turns.push({ who, input });
      return [{ kind: "text", text: `done ${turns.length}` }];
    },
  };
  const notifier = {
    async notify(request: Notice) {
      notices.push(request);
    },
  };
  web.attach({ engine, notifier } as unknown as ChannelWiring);
  const app: FastifyInstance = Fastify({ trustProxy: options.trustProxy ?? false });
  web.registerRoutes(app);
  await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    web,
    turns,
    notices,
    async close() {
      await web.stop();
      await app.close();
    },
  };
}
