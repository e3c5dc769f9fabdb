import { createHash, timingSafeEqual } from "node:crypto";
import { autoRetry } from "@grammyjs/auto-retry";
import { type RunnerHandle, run, sequentialize } from "@grammyjs/runner";
import type { FastifyInstance } from "fastify";
import type { ApiClientOptions } from "grammy";
import { Api, Bot, type Context, GrammyError, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { Redis } from "ioredis";
import type { DirectoryIndex } from "../../domain/config/directory";
import { type Language, languageFromHint } from "../../domain/kernel/chat";
import { t } from "../../domain/messages";
import type { ChannelSender } from "../../domain/ports/channel-sender";
import { CUSTOMER_COMMANDS } from "../../flows/customer";
import type { Engine } from "../../flows/engine";
import { STAFF_COMMANDS } from "../../flows/staff";
import type { RenderedReply } from "../../flows/types";
import type { Logger } from "../../log";
import { type CommandTable, customerCommands, personCommands } from "./commands";
import {
  type DedupeOptions,
  type ReplyKeyboardState,
  redisReplyKeyboardState,
  redisUpdateDedupe,
} from "./dedupe";
import { type ParsedUpdate, parseUpdate } from "./parse";
import { renderReplies } from "./render";
import { createTelegramSender } from "./sender";

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

export interface TelegramChannel {
  /** For the send queue: notices, query answers, pings. Usable before start(). */
  sender: ChannelSender;
  /** The engine that answers updates (set before start()). */
  attach(engine: Engine): void;
  /** Adds POST /telegram/webhook to the HTTP server (webhook mode only). */
  registerWebhook(http: FastifyInstance): void;
  start(): Promise<void>;
  /** Stops fetching updates and waits (briefly) for those in hand. */
  stop(): Promise<void>;
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
export function botIdOf(token: string): string {
  return token.slice(0, Math.max(0, token.indexOf(":"))) || "bot";
}

function sameSecret(header: unknown, secret: string): boolean {
  if (typeof header !== "string") return false;
  const a = createHash("sha256").update(header).digest();
  const b = createHash("sha256").update(secret).digest();
  return timingSafeEqual(a, b);
}

export function createTelegram(options: TelegramOptions): TelegramChannel {
  const { token, webhookUrl, directory, redis, log } = options;
  const botId = botIdOf(token);
  const client: ApiClientOptions = options.apiRoot ? { apiRoot: options.apiRoot } : {};
  const commands = options.commands ?? { customer: CUSTOMER_COMMANDS, staff: STAFF_COMMANDS };
  const secret = webhookSecret(token);
  const bot = new Bot(token, { client });
  const dedupe = redisUpdateDedupe(redis, botId, options.keys ?? {});
  const keyboards = redisReplyKeyboardState(redis, botId, options.keys?.keyboardPrefix);
  const inFlight = new Set<Promise<unknown>>();
  let engine: Engine | undefined;
  let runner: RunnerHandle | undefined;
  let commandsTask: Promise<void> | undefined;

  // getUpdates failures are retried by the runner; say so in our log rather than on stderr.
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

  // 1. The error boundary (outermost): whatever fails is logged with the update id and answered.
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      await answerFailure(ctx, error);
    }
  });
  // 2. Updates in hand, so stop() can wait for them.
  bot.use(async (_ctx, next) => {
    const task = Promise.resolve(next());
    inFlight.add(task);
    try {
      await task;
    } finally {
      inFlight.delete(task);
    }
  });
  // 3. Exactly once: a redelivered update (webhook retry, polling after a crash, a second process) is skipped.
  bot.use(async (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (!(await dedupe.claim(updateId))) {
      log.debug({ update_id: updateId }, "telegram: duplicate update skipped");
      return;
    }
    try {
      await next();
    } finally {
      await dedupe
        .done(updateId)
        .catch((error: unknown) =>
          log.warn({ err: error, update_id: updateId }, "telegram: could not mark an update done"),
        );
    }
  });
  // 4. Long polling runs updates concurrently: those of one chat one after the other.
  if (!webhookUrl) bot.use(sequentialize((ctx: Context) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  // 5. Direct replies wait out a 429 or a 5xx a few times; the send queue does its own retrying.
  bot.use((ctx, next) => {
    ctx.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));
    return next();
  });
  // 6. Parse, run the engine, render.
  bot.use(async (ctx) => {
    const parsed = parseUpdate(ctx.update, { directory, botUsername: ctx.me.username });
    if ("ignored" in parsed) {
      log.debug({ update_id: ctx.update.update_id, reason: parsed.ignored }, "telegram: update ignored");
      if (parsed.callbackQueryId) await settleButton(ctx.api, parsed.callbackQueryId);
      return;
    }
    if (parsed.callback) {
      // Stop the spinner first, then take the keyboard away so the button cannot be pressed twice.
      await settleButton(ctx.api, parsed.callback.queryId, parsed.callback);
    }
    if (!engine) throw new Error("telegram: an update arrived before the flow engine was attached");
    const replies = await engine.handle(parsed.who, parsed.input);
    await sendReplies(ctx.api, parsed, replies, keyboards);
  });
  // The last resort (the runner's): an error the boundary itself could not handle.
  bot.catch((error) => {
    log.error({ err: error.error, update_id: error.ctx.update.update_id }, "telegram: unhandled error");
  });

  async function settleButton(api: Api, queryId: string, from?: ParsedUpdate["callback"]): Promise<void> {
    await api.answerCallbackQuery(queryId).catch((error: unknown) => {
      log.debug({ err: error }, "telegram: answerCallbackQuery failed (too old?)");
    });
    if (!from) return;
    await api
      .editMessageReplyMarkup(from.chatId, from.messageId, { reply_markup: { inline_keyboard: [] } })
      .catch((error: unknown) =>
        log.debug({ err: error }, "telegram: could not remove a keyboard (already gone?)"),
      );
  }

  async function answerFailure(ctx: Context, error: unknown): Promise<void> {
    const update: Update = ctx.update;
    log.error(
      { err: error, update_id: update.update_id, chat: ctx.chat?.id },
      "telegram: handling an update failed",
    );
    const chat = ctx.chat;
    if (!chat) return;
    const ours = chat.type === "private" || chat.id === directory.data.dispatch.telegramChatId;
    if (!ours || (error instanceof GrammyError && error.error_code === 403)) return;
    const person = ctx.from ? directory.byTelegramId(ctx.from.id) : undefined;
    const language: Language = person?.language ?? languageFromHint(ctx.from?.language_code);
    await ctx.api.sendMessage(chat.id, t(language, "error.internal")).catch((e: unknown) => {
      log.warn(
        { err: e, update_id: update.update_id },
        "telegram: could not tell the user about the failure",
      );
    });
  }

  async function setCommands(): Promise<void> {
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

  return {
    sender: createTelegramSender(new Api(token, client), log),

    attach(next) {
      engine = next;
    },

    registerWebhook(http) {
      if (!webhookUrl) return;
      const callback = webhookCallback(bot, "fastify", {
        secretToken: secret,
        // A slow update is answered 200 and finishes in the background: Telegram must not resend it.
        onTimeout: "return",
        timeoutMilliseconds: 9_000,
      });
      http.post(WEBHOOK_PATH, async (request, reply) => {
        if (!sameSecret(request.headers[SECRET_HEADER], secret)) {
          log.warn({ ip: request.ip }, "telegram: webhook call with a wrong or missing secret token");
          return reply.code(401).send({ error: "unauthorized", message: "wrong or missing secret token" });
        }
        await callback(request, reply);
        return reply;
      });
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
        runner = run(bot, {
          runner: {
            fetch: { allowed_updates: [...ALLOWED_UPDATES] },
            silent: true,
            retryInterval: "exponential",
          },
        });
        runner.task()?.catch((error: unknown) => log.error({ err: error }, "telegram: long polling stopped"));
      }
      commandsTask = setCommands();
      log.info({ bot: bot.botInfo.username }, "telegram: started");
    },

    async stop() {
      if (runner?.isRunning()) await runner.stop();
      runner = undefined;
      await commandsTask;
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise((done) => {
          timer = setTimeout(done, DRAIN_MS);
        });
        await Promise.race([Promise.allSettled([...inFlight]), timeout]);
        clearTimeout(timer);
      }
    },
  };
}

/** Sends the engine's replies in order; the contact keyboard is removed by the next plain reply. */
async function sendReplies(
  api: Api,
  parsed: ParsedUpdate,
  replies: readonly RenderedReply[],
  keyboards: ReplyKeyboardState,
): Promise<void> {
  if (replies.length === 0) return;
  const chatId = parsed.who.chat.chatId;
  const shown = await keyboards.isShown(chatId);
  const rendered = renderReplies(replies, shown);
  for (const message of rendered.messages) {
    await api.sendMessage(
      chatId,
      message.text,
      message.reply_markup ? { reply_markup: message.reply_markup } : {},
    );
  }
  if (rendered.replyKeyboardShown !== shown) await keyboards.set(chatId, rendered.replyKeyboardShown);
}
