import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import type { FastifyError, FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { DirectoryIndex } from "../../domain/config/directory";
import type { Clock } from "../../domain/kernel/clock";
import { MAX_TEXT_LENGTH } from "../../flows/engine";
import type { Logger } from "../../log";
import type { ChannelWiring, ChatChannel } from "../channel";
import type { ChatLog } from "./chat-log";
import { redisChatLog } from "./chat-log";
import { MAX_PAGES_PER_CHAT, registerChatRoutes } from "./chat-routes";
import { refusal, type WebContext, type WebSignIn } from "./context";
import { Visitors } from "./identity";
import { OpenCount, WindowCounter } from "./limits";
import { LiveHub } from "./live";
import { ASSETS_DIR, Pages } from "./pages";
import { createWebSender } from "./sender";
import { redisSignInCodes } from "./signin";
import { registerStaffRoutes } from "./staff-routes";

/**
 * The local web chat (issue 11 §1): a third channel on the same engine, always on, needing no
 * credentials. A page at `/` (plain HTML, CSS and JS from page/), an anonymous customer per
 * browser (identity.ts), the conversation kept in Redis per chat (chat-log.ts) and pushed to the
 * open pages as Server-Sent Events (chat-routes.ts, live.ts); staff by `?as=` or a one-time code
 * (staff-routes.ts). Its sender writes to the same log, so notices sent by `npm run worker`
 * reach the page too.
 */
export interface WebOptions {
  directory: DirectoryIndex;
  redis: Redis;
  clock: Clock;
  log: Logger;
  /** How staff sign in (webSignIn of the config). */
  signIn: WebSignIn;
  /** Redis key prefix (tests use their own). */
  keyPrefix?: string;
  maxPagesPerChat?: number;
  limits?: Partial<WebLimits>;
  /** The conversation store (default: in Redis, chat-log.ts; tests make it fail). */
  chatLog?: ChatLog;
}

/**
 * What one process takes from the web (limits.ts): messages per IP a minute, open event streams
 * per IP and in all, and posts to /web/signin/* per IP in ten minutes. Far above what people do.
 */
export interface WebLimits {
  messagesPerIpPerMinute: number;
  streamsPerIp: number;
  streams: number;
  signInPostsPerIpPer10Min: number;
}

export const WEB_LIMITS: WebLimits = {
  messagesPerIpPerMinute: 120,
  streamsPerIp: 32,
  streams: 1000,
  signInPostsPerIpPer10Min: 30,
};

/**
 * Staff sign-in on the web: by one-time code with ADMIN_TOKEN; by `?as=` only while trying it out
 * locally (no ADMIN_TOKEN and no Telegram or Slack credentials); otherwise off.
 */
export function webSignIn(config: {
  ADMIN_TOKEN?: string | undefined;
  TELEGRAM_BOT_TOKEN?: string | undefined;
  SLACK_BOT_TOKEN?: string | undefined;
}): WebSignIn {
  if (config.ADMIN_TOKEN) return "code";
  return config.TELEGRAM_BOT_TOKEN || config.SLACK_BOT_TOKEN ? "off" : "as";
}

export interface WebChannel extends ChatChannel {
  readonly name: "web";
}

/** A web message is at most MAX_TEXT_LENGTH characters; the body limit leaves room for JSON escapes. */
const WEB_BODY_LIMIT_BYTES = 64 * 1024;

export function createWeb(options: WebOptions): WebChannel {
  const { directory, redis, clock, log } = options;
  const prefix = options.keyPrefix ?? "web:";
  const chatLog = options.chatLog ?? redisChatLog(redis, prefix);
  const limits = { ...WEB_LIMITS, ...options.limits };
  let wiring: ChannelWiring | undefined;
  let hub: LiveHub | undefined;
  let subscriber: Redis | undefined;
  let stopped = false;
  const ctx: WebContext = {
    directory,
    clock,
    log,
    signIn: options.signIn,
    limits: {
      messages: new WindowCounter(limits.messagesPerIpPerMinute, 60_000),
      signInPosts: new WindowCounter(limits.signInPostsPerIpPer10Min, 600_000),
      streams: new OpenCount(limits.streams, limits.streamsPerIp),
    },
    visitors: new Visitors(redis, directory, prefix, options.signIn !== "as"),
    chatLog,
    codes: redisSignInCodes(redis, prefix),
    pages: new Pages(directory),
    wiring: () => wiring,
    hub() {
      // Made at the first page opened: `npm run worker` only uses the sender and never subscribes.
      if (!hub && !stopped) {
        subscriber = redis.duplicate({ maxRetriesPerRequest: null });
        subscriber.on("error", (error) => log.warn({ err: error }, "web: redis subscriber error"));
        hub = new LiveHub(subscriber, chatLog.channelOf, options.maxPagesPerChat ?? MAX_PAGES_PER_CHAT, log);
      }
      return stopped ? undefined : hub;
    },
    streams: new Set(),
  };

  return {
    name: "web",
    mode: "page at /",
    sender: createWebSender(chatLog, clock),
    attach(w) {
      wiring = w;
    },
    registerRoutes(http) {
      http.register(async (scope) => registerWebScope(scope, ctx), {});
    },
    async start() {},
    async stop() {
      stopped = true;
      for (const stream of ctx.streams) stream.end();
      ctx.streams.clear();
      await subscriber?.quit().catch(() => subscriber?.disconnect());
    },
  };
}

async function registerWebScope(scope: FastifyInstance, ctx: WebContext): Promise<void> {
  if (!scope.hasRequestDecorator("cookies")) await scope.register(fastifyCookie);
  await scope.register(fastifyStatic, { root: ASSETS_DIR, prefix: "/web/assets/", cacheControl: false });
  scope.addHook("onRoute", (route) => {
    route.bodyLimit ??= WEB_BODY_LIMIT_BYTES;
  });
  // Only the pages' own scripts post here: JSON, which another site cannot send without CORS's
  // preflight (a form cannot sign a visitor out or speak for them; SameSite=Lax keeps its cookie).
  scope.addHook("onRequest", async (request, reply) => {
    if (request.method === "POST" && !/^application\/json\b/i.test(request.headers["content-type"] ?? "")) {
      return reply.code(415).send(refusal(request, "unsupported_media_type", "web.badInput"));
    }
  });
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    // A message far too long is told so in the visitor's words; the rest as the server answers it.
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply
        .code(413)
        .send(refusal(request, "payload_too_large", "error.tooLong", { max: MAX_TEXT_LENGTH }));
    }
    throw error;
  });
  registerChatRoutes(scope, ctx);
  registerStaffRoutes(scope, ctx);
}
