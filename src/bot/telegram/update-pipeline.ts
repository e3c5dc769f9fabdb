import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { type Api, type Bot, type Context, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { DirectoryIndex } from "../../domain/config/directory";
import { languageFromHint } from "../../domain/kernel/chat";
import { type Engine, failureText, turnKeys } from "../../flows/engine";
import type { RenderedReply } from "../../flows/types";
import type { Logger } from "../../log";
import { isUnavailable } from "../../store/outage";
import { LockTimeoutError } from "../../store/redis-sessions";
import { runInTurn, type TurnScope } from "../../store/redis-turn";
import { floodAhead } from "../flood-budget";
import type { ReplyKeyboardState, UpdateDedupe } from "./dedupe";
import { deliver } from "./deliver";
import type { LiveKeyboards } from "./keyboards";
import { parseUpdate } from "./parse";

/** What every update the bot receives goes through, in order (see installUpdatePipeline). */
export interface UpdatePipelineDeps {
  directory: DirectoryIndex;
  log: Logger;
  dedupe: UpdateDedupe;
  keyboards: ReplyKeyboardState;
  /** The messages whose inline keyboards are the chats' current ones. */
  live: LiveKeyboards;
  /** Updates in hand, so that stop() can wait for them. */
  inFlight: Set<Promise<unknown>>;
  /** Long polling runs updates concurrently: those of one chat must go one after the other. */
  oneChatAtATime: boolean;
  /** The engine attached so far (attach() may come after the bot is built). */
  engine(): Engine | undefined;
}

/** Each update parsed once, at its claim (step 3), for the handler (step 5). */
const parsedUpdates = new WeakMap<Update, ReturnType<typeof parseUpdate>>();

/** Installs the middleware every update passes through, and the runner's last-resort handler. */
export function installUpdatePipeline(bot: Bot, deps: UpdatePipelineDeps): void {
  const { log, dedupe, inFlight } = deps;
  // Direct replies wait out a 429 or a 5xx a few times (installed once, on the bot's Api, which
  // every update's ctx.api inherits); the send queue does its own retrying.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  // 1. The error boundary (outermost): whatever fails below is logged with the update id and answered.
  const safe = bot.errorBoundary((error) => answerFailure(error.ctx, error.error, deps));
  // 2. Updates in hand, so stop() can wait for them.
  safe.use(async (_ctx, next) => {
    const task = Promise.resolve(next());
    inFlight.add(task);
    try {
      await task;
    } finally {
      inFlight.delete(task);
    }
  });
  // 3. Exactly once: a redelivered update (webhook retry, polling after a crash, a second process) is
  // skipped. Claiming it also counts it against the chat's flood budget, takes the chat's lock and
  // reads the turn's session keys and keyboard state ahead (one Redis round trip, redis-turn.ts);
  // not in long polling, where the updates of a chat queue in step 4, after the claim. The engine's
  // step writes the session before it returns (a second round trip); the lock is held until the
  // replies are sent, then released with the done mark and the keyboard state (the third).
  safe.use(async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const parsed = parseUpdate(ctx.update, { directory: deps.directory, botUsername: ctx.me.username });
    parsedUpdates.set(ctx.update, parsed);
    const ahead =
      "ignored" in parsed || deps.oneChatAtATime
        ? undefined
        : {
            chatId: parsed.who.chat.chatId,
            ...turnKeys(parsed.who),
            flood: floodAhead(parsed.who.chat, Date.now()),
          };
    const scope = await dedupe.begin(updateId, ahead);
    if (!scope) {
      log.debug({ update_id: updateId }, "telegram: duplicate update skipped");
      return;
    }
    try {
      await runInTurn(scope, next);
    } catch (error) {
      // Redis or the database went away mid-turn: give the claim up, so that the update Telegram
      // sends again (webhook 5xx) or polling tries again is handled (issue 16 §1); if Redis cannot
      // hear it now, the claim lapses after its processing time.
      if (handleLater(error)) {
        await dedupe.release(updateId, scope).catch(() => {});
        throw error;
      }
      await markDone(dedupe, updateId, scope, log);
      throw error;
    }
    await markDone(dedupe, updateId, scope, log);
  });
  // 4. Long polling runs updates concurrently: those of one chat one after the other.
  if (deps.oneChatAtATime) {
    safe.use(sequentialize((ctx: Context) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  }
  // 5. Parse, run the engine, render.
  safe.use((ctx) => handleUpdate(ctx, deps));
  // The last resort (the runner's): an error the boundary itself could not handle.
  bot.catch((error) => {
    log.error({ err: error.error, update_id: error.ctx.update.update_id }, "telegram: unhandled error");
  });
}

async function markDone(
  dedupe: UpdateDedupe,
  updateId: number,
  scope: TurnScope,
  log: Logger,
): Promise<void> {
  await dedupe
    .finish(updateId, scope)
    .catch((error: unknown) =>
      log.warn({ err: error, update_id: updateId }, "telegram: could not mark an update done"),
    );
}

async function handleUpdate(ctx: Context, deps: UpdatePipelineDeps): Promise<void> {
  const { directory, log } = deps;
  const parsed =
    parsedUpdates.get(ctx.update) ?? parseUpdate(ctx.update, { directory, botUsername: ctx.me.username });
  if ("ignored" in parsed) {
    log.debug({ update_id: ctx.update.update_id, reason: parsed.ignored }, "telegram: update ignored");
    if (parsed.callbackQueryId) await settleButton(ctx.api, log, parsed.callbackQueryId);
    return;
  }
  const engine = deps.engine();
  if (!engine) throw new Error("telegram: an update arrived before the flow engine was attached");
  let replies: RenderedReply[];
  try {
    replies = await engine.handle(parsed.who, parsed.input);
  } catch (error) {
    // Stop the spinner; the error boundary answers the failure.
    if (parsed.callback) await settleButton(ctx.api, log, parsed.callback.queryId);
    throw error;
  }
  await deliver(ctx.api, parsed, replies, {
    log,
    keyboards: deps.keyboards,
    live: deps.live,
    botUsername: ctx.me.username,
    senderName: ctx.from?.first_name ?? "",
    senderLanguage: parsed.who.person?.language ?? languageFromHint(parsed.who.languageHint),
  });
}

/** Answers a press that is not for the engine (or failed), so the button stops spinning. */
async function settleButton(api: Api, log: Logger, queryId: string): Promise<void> {
  await api.answerCallbackQuery(queryId).catch((error: unknown) => {
    log.debug({ err: error }, "telegram: answerCallbackQuery failed (too old?)");
  });
}

/**
 * Failures after which the update is given back rather than answered with an apology: a server
 * is down, or the chat's lock stayed busy past its wait (its replies go out under the lock, and a
 * 429 can hold them up to 90 s). Telegram sends the update again (webhook 5xx), long polling
 * tries it again, and it is handled then.
 */
export function handleLater(error: unknown): boolean {
  return isUnavailable(error) || error instanceof LockTimeoutError;
}

/** Logs the failure with its update id and, in a chat of ours the bot may still write to, apologises. */
async function answerFailure(
  ctx: Context,
  error: unknown,
  { directory, log }: UpdatePipelineDeps,
): Promise<void> {
  const update: Update = ctx.update;
  // Redis or the database is down: no apology that would end the update. It goes back to Telegram
  // (the webhook answers 503, so Telegram sends it again) or long polling keeps it and tries again
  // (polling.ts); either way it is handled once the server is back (issue 16 §1).
  if (handleLater(error)) {
    log.warn({ err: error, update_id: update.update_id }, "telegram: update not handled now, it comes again");
    throw error;
  }
  log.error(
    { err: error, update_id: update.update_id, chat: ctx.chat?.id },
    "telegram: handling an update failed",
  );
  const chat = ctx.chat;
  if (!chat) return;
  const ours = chat.type === "private" || chat.id === directory.data.dispatch.telegramChatId;
  if (!ours || (error instanceof GrammyError && error.error_code === 403)) return;
  const person = ctx.from ? directory.byTelegramId(ctx.from.id) : undefined;
  const text = failureText({ person, languageHint: ctx.from?.language_code });
  await ctx.api.sendMessage(chat.id, text).catch((e: unknown) => {
    log.warn({ err: e, update_id: update.update_id }, "telegram: could not tell the user about the failure");
  });
}
