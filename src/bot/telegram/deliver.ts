import { type Api, GrammyError } from "grammy";
import type { Language } from "../../domain/kernel/chat";
import { t } from "../../domain/messages";
import { toastOrMessage } from "../../flows/engine";
import type { RenderedReply } from "../../flows/types";
import type { Logger } from "../../log";
import type { ReplyKeyboardState } from "./dedupe";
import type { LiveKeyboards } from "./keyboards";
import type { ParsedUpdate } from "./parse";
import { type OutgoingMessage, renderReplies } from "./render";

/**
 * The engine's replies to one update, in Telegram's idiom (issue 14 §3, §6):
 * - toasts answer the button press (answerCallbackQuery text); without a press they are short texts;
 * - a turn that answers takes the keyboards of the chat's last turn away (its step is over), and
 *   a pressed button's message in a private chat loses its keyboard once the press is answered or
 *   when it was an old one; a card in the group keeps its keyboard for the others;
 * - replies marked `privately` go to the person's own chat; when the bot may not write there yet
 *   (they never opened it), the group gets one short line asking them to;
 * - a photo is sent by its stored file_id; one Telegram refuses (another bot's, an expired one)
 *   becomes a text saying so, with its caption: the turn goes on.
 */
export interface DeliveryDeps {
  log: Logger;
  keyboards: ReplyKeyboardState;
  live: LiveKeyboards;
  /** The bot's @username and the sender's first name and language, for the "open a chat" line. */
  botUsername: string;
  senderName: string;
  senderLanguage: Language;
}

/** answerCallbackQuery shows at most 200 characters. */
const MAX_TOAST = 200;

export async function deliver(
  api: Api,
  parsed: ParsedUpdate,
  replies: readonly RenderedReply[],
  deps: DeliveryDeps,
): Promise<void> {
  const { who, callback } = parsed;
  const { toasts, messages } = toastOrMessage(replies, callback !== undefined);
  const here = messages.filter((r) => !r.privately);
  const mine = messages.filter((r) => r.privately);
  if (callback) {
    const text = toasts.join("\n").slice(0, MAX_TOAST);
    await api.answerCallbackQuery(callback.queryId, text ? { text } : {}).catch((error: unknown) => {
      deps.log.debug({ err: error }, "telegram: answerCallbackQuery failed (too old?)");
    });
    if (!who.isGroup) await tidyPressed(api, callback, messages.length > 0, deps);
  }
  const chatId = who.chat.chatId;
  const pressed = callback && !who.isGroup ? callback.messageId : undefined;
  await sendTurn(api, chatId, here, deps, pressed);
  if (mine.length === 0) return;
  const own = who.privateChat?.chatId ?? chatId;
  try {
    await sendTurn(api, own, mine, deps, own === chatId ? pressed : undefined);
  } catch (error) {
    if (!(error instanceof GrammyError) || (error.error_code !== 403 && error.error_code !== 400))
      throw error;
    deps.log.info({ chat: own }, "telegram: cannot write to a group member privately yet");
    const text = t(deps.senderLanguage, "buttons.privateChatFirst", {
      name: deps.senderName,
      bot: deps.botUsername,
    });
    await api.sendMessage(chatId, text);
  }
}

/**
 * The pressed message in a private chat: its keyboard goes once the press is answered; a press
 * answered by a toast alone leaves the keyboard of the chat's current step as it is and clears an
 * old one.
 */
async function tidyPressed(
  api: Api,
  callback: NonNullable<ParsedUpdate["callback"]>,
  answered: boolean,
  deps: DeliveryDeps,
): Promise<void> {
  if (!answered && (await deps.live.get(String(callback.chatId))).includes(callback.messageId)) return;
  await removeKeyboard(api, callback.chatId, callback.messageId, deps.log);
}

/**
 * Sends one turn's replies to a chat; a turn with a message takes the chat's last keyboards away
 * (but `pressed`'s, which tidyPressed has seen to).
 */
async function sendTurn(
  api: Api,
  chatId: string,
  replies: readonly RenderedReply[],
  deps: DeliveryDeps,
  pressed?: number,
): Promise<void> {
  if (replies.length === 0) return;
  const answers = replies.some((r) => r.kind !== "toast");
  if (answers) {
    for (const messageId of await deps.live.get(chatId)) {
      if (messageId !== pressed) await removeKeyboard(api, chatId, messageId, deps.log);
    }
  }
  const shown = await deps.keyboards.isShown(chatId);
  const rendered = renderReplies(replies, shown);
  const live: number[] = [];
  for (const message of rendered.messages) {
    const sent = await sendMessage(api, chatId, message, deps);
    if (message.reply_markup && "inline_keyboard" in message.reply_markup) live.push(sent.message_id);
  }
  if (answers) await deps.live.set(chatId, live);
  if (rendered.replyKeyboardShown !== shown) await deps.keyboards.set(chatId, rendered.replyKeyboardShown);
}

async function sendMessage(
  api: Api,
  chatId: string,
  message: OutgoingMessage,
  deps: DeliveryDeps,
): Promise<{ message_id: number }> {
  const other = message.reply_markup ? { reply_markup: message.reply_markup } : {};
  if ("text" in message) return api.sendMessage(chatId, message.text, other);
  try {
    return await api.sendPhoto(chatId, message.photo, {
      ...other,
      ...(message.caption ? { caption: message.caption } : {}),
    });
  } catch (error) {
    if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    deps.log.warn(
      { chat: chatId, fileId: message.photo, description: error.description },
      "telegram: a stored photo was refused (another bot's or expired file id); sent as text",
    );
    const unavailable = t(deps.senderLanguage, "thread.photo.unavailable");
    const text = message.caption ? `${unavailable}\n${message.caption}` : unavailable;
    return api.sendMessage(chatId, text, other);
  }
}

async function removeKeyboard(
  api: Api,
  chatId: string | number,
  messageId: number,
  log: Logger,
): Promise<void> {
  await api
    .editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } })
    .catch((error: unknown) =>
      log.debug({ err: error }, "telegram: could not remove a keyboard (already gone?)"),
    );
}
