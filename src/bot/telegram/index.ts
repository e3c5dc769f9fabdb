import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiClientOptions } from "grammy";
import { Api, Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { Redis } from "ioredis";
import type { DirectoryIndex } from "../../domain/config/directory";
import { CUSTOMER_COMMANDS } from "../../flows/customer";
import { STAFF_COMMANDS } from "../../flows/staff";
import type { Logger } from "../../log";
import type { ChannelWiring, ChatChannel } from "../channel";
import { type CommandTable, customerCommands, personCommands } from "./commands";
import { type DedupeOptions, redisReplyKeyboardState, redisUpdateDedupe } from "./dedupe";
import { liveKeyPrefix, redisLiveKeyboards } from "./keyboards";
import { startPolling } from "./polling";
import { createTelegramSender } from "./sender";
import { installUpdatePipeline } from "./update-pipeline";

/**
 * The Telegram channel on grammY: parse an update, hand it to the flow engine, render the
 * replies. Long polling through grammY runner (updates of one chat in order) or a webhook on the
 * HTTP server; each update handled once across processes (Redis); one error boundary that logs
 * and answers politely; the ChannelSender the send queue delivers notices through.
 */
export interface TelegramOptions {
  token: string;
  /** Another Bot API server (a local one, or the test emulator). */
  apiRoot?: string | undefined;
  /** Set: Telegram posts updates to this URL (POST /telegram/webhook). Unset: long polling. */
  webhookUrl?: string | undefined;
  directory: DirectoryIndex;
  redis: Redis;
  log: Logger;
  /** The command menus (default: the flows' command tables). */
  commands?: { customer: CommandTable; staff: CommandTable };
  /** Redis key prefixes (tests use unique ones). */
  keys?: DedupeOptions & { keyboardPrefix?: string };
}

export interface TelegramChannel extends ChatChannel {
  readonly name: "telegram";
  /** The engine that answers updates (set before start()); Telegram needs nothing else of the wiring. */
  attach(wiring: Pick<ChannelWiring, "engine">): void;
}

export const WEBHOOK_PATH = "/telegram/webhook";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const ALLOWED_UPDATES = ["message", "callback_query"] as const;
const DRAIN_MS = 10_000;

/** The webhook's secret_token: derived from the bot token, so every process agrees without config. */
export function webhookSecret(token: string): string {
  return createHash("sha256").update(`parcel-desk telegram webhook\n${token}`).digest("hex");
}

/** A bot token is `<bot id>:<secret>`: the id names the bot in Redis keys without a getMe. */
function botIdOf(token: string): string {
  return token.slice(0, Math.max(0, token.indexOf(":"))) || "bot";
}

export function createTelegram(options: TelegramOptions): TelegramChannel {
  const { token, webhookUrl, directory, redis, log } = options;
  const botId = botIdOf(token);
  const client: ApiClientOptions = options.apiRoot ? { apiRoot: options.apiRoot } : {};
  const commands = options.commands ?? { customer: CUSTOMER_COMMANDS, staff: STAFF_COMMANDS };
  const secret = webhookSecret(token);
  const bot = new Bot(token, { client });
  const inFlight = new Set<Promise<unknown>>();
  let engine: ChannelWiring["engine"] | undefined;
  let polling: ReturnType<typeof startPolling> | undefined;
  let commandsTask: Promise<void> | undefined;

  logUpdateFetching(bot, log);
  installUpdatePipeline(bot, {
    directory,
    log,
    dedupe: redisUpdateDedupe(redis, botId, options.keys ?? {}),
    keyboards: redisReplyKeyboardState(redis, botId, options.keys?.keyboardPrefix),
    live: redisLiveKeyboards(redis, botId, liveKeyPrefix(options.keys?.keyboardPrefix)),
    inFlight,
    oneChatAtATime: !webhookUrl,
    engine: () => engine,
  });

  return {
    name: "telegram",
    mode: webhookUrl ? "webhook" : "long polling",
    sender: createTelegramSender(new Api(token, client), log),

    attach(wiring) {
      engine = wiring.engine;
    },

    registerRoutes(http) {
      if (webhookUrl) http.register(async (scope) => registerWebhookRoute(scope, bot, secret, log));
    },

    async start() {
      const where = options.apiRoot ?? "https://api.telegram.org";
      await bot.init().catch((error: unknown) => {
        throw new Error(
          `telegram: the Bot API at ${where} does not accept the bot token: ${(error as Error).message}`,
        );
      });
      if (webhookUrl) {
        await bot.api.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
        log.info({ url: webhookUrl }, "telegram: webhook set");
      } else {
        // A webhook left from an earlier run would make getUpdates fail with 409.
        await bot.api
          .deleteWebhook()
          .catch((error: unknown) => log.warn({ err: error }, "telegram: deleteWebhook failed"));
        polling = startPolling(bot, log, ALLOWED_UPDATES);
      }
      commandsTask = setCommands(bot, commands, directory, log);
      log.info({ bot: bot.botInfo.username }, "telegram: started");
    },

    async stop() {
      await polling?.stop();
      polling = undefined;
      await commandsTask;
      await drain(inFlight, DRAIN_MS);
    },
  };
}

/** getUpdates failures are retried by the runner; say so in our log rather than on stderr. */
function logUpdateFetching(bot: Bot, log: Logger): void {
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal).catch((error: unknown) => {
      if (method === "getUpdates" && !signal?.aborted)
        log.warn({ err: error }, "telegram: fetching updates failed");
      throw error;
    });
    if (method === "getUpdates" && !result.ok) {
      log.warn(
        { code: result.error_code, description: result.description },
        "telegram: fetching updates refused",
      );
    }
    return result;
  });
}

/**
 * POST /telegram/webhook: grammY's callback checks the secret token itself (401 on a wrong or
 * missing one, the update untouched); the adapter is grammY's Fastify one, plus a log line.
 */
function registerWebhookRoute(http: FastifyInstance, bot: Bot, secret: string, log: Logger): void {
  const adapter = (request: FastifyRequest, reply: FastifyReply) => ({
    update: Promise.resolve(request.body as Update),
    header: request.headers[SECRET_HEADER] as string | undefined,
    end: () => reply.send(""),
    respond: (json: string) => reply.headers({ "content-type": "application/json" }).send(json),
    unauthorized: () => {
      log.warn({ ip: request.ip }, "telegram: webhook call with a wrong or missing secret token");
      return reply.code(401).send({ error: "unauthorized", message: "wrong or missing secret token" });
    },
  });
  const callback = webhookCallback(bot, adapter, {
    secretToken: secret,
    // A slow update is answered 200 and finishes in the background: Telegram must not resend it.
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
  http.post(WEBHOOK_PATH, async (request, reply) => {
    await callback(request, reply);
    return reply;
  });
}

async function setCommands(
  bot: Bot,
  commands: { customer: CommandTable; staff: CommandTable },
  directory: DirectoryIndex,
  log: Logger,
): Promise<void> {
  const { customer, staff } = commands;
  try {
    await bot.api.setMyCommands(customerCommands(customer, "zh"));
    await bot.api.setMyCommands(customerCommands(customer, "en"), { language_code: "en" });
    for (const person of directory.data.people) {
      if (person.telegramId === undefined) continue;
      await bot.api.setMyCommands(personCommands(customer, staff, person), {
        scope: { type: "chat", chat_id: person.telegramId },
      });
    }
  } catch (error) {
    // The menus are a convenience: commands work without them (a chat the bot never saw refuses a scope).
    log.warn({ err: error }, "telegram: could not set the command menus");
  }
}

/** Waits (at most `ms`) for the updates in hand. */
async function drain(inFlight: ReadonlySet<Promise<unknown>>, ms: number): Promise<void> {
  if (inFlight.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((done) => {
    timer = setTimeout(done, ms);
  });
  await Promise.race([Promise.allSettled([...inFlight]), timeout]);
  clearTimeout(timer);
}
