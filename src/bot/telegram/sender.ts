import { type Api, GrammyError } from "grammy";
import {
  type ChannelSender,
  type OutboundContent,
  type OutboundMessage,
  SendRateLimitedError,
  SendRejectedError,
  type SentMessageRef,
} from "../../domain/ports/channel-sender";
import type { Logger } from "../../log";
import { inlineKeyboard, MAX_MESSAGE_LENGTH, renderReplies } from "./render";

/**
 * The ChannelSender the send queue delivers through: one sendMessage per rendered piece (a text
 * over 4096 characters is several messages, the buttons on the last). No retrying here: the
 * queue owns retries, so failures are classified for it (DESIGN.md, Jobs). The message that
 * carries the buttons is returned, so that the queue can take them off once their step is over
 * (editMessageReplyMarkup with no keyboard).
 */
export function createTelegramSender(api: Api, log: Logger): ChannelSender {
  return {
    async send(message: OutboundMessage) {
      const withButtons: SentMessageRef[] = [];
      // Telegram has no select: its options are buttons after the others.
      const choices = [...(message.buttons ?? []), ...(message.select?.options ?? [])];
      const reply = choices.length
        ? { kind: "choices" as const, text: message.text, choices }
        : { kind: "text" as const, text: message.text };
      for (const piece of renderReplies([reply]).messages) {
        if (!("text" in piece)) continue; // a notice is text only (it renders no photo)
        try {
          const sent = await api.sendMessage(
            message.chatId,
            piece.text,
            piece.reply_markup ? { reply_markup: piece.reply_markup } : {},
          );
          if (piece.reply_markup)
            withButtons.push({ chatId: message.chatId, messageId: String(sent.message_id) });
        } catch (error) {
          throw classifySendError(error, message.chatId, log);
        }
      }
      return withButtons;
    },
    async update(sent: SentMessageRef, content: OutboundContent) {
      // One message is edited in place: the text as Telegram's one message holds it, the buttons
      // (a select's options too: Telegram has no select) as its new inline keyboard.
      const buttons = [...(content.buttons ?? []), ...(content.select?.options ?? [])];
      const text = truncateToMessage(content.text);
      try {
        await api.editMessageText(sent.chatId, Number(sent.messageId), text, {
          reply_markup: { inline_keyboard: buttons.length ? inlineKeyboard(buttons).inline_keyboard : [] },
        });
      } catch (error) {
        // Not modified, gone, too old, or the bot is no longer in the chat: the card stays as it is.
        const skipped =
          error instanceof GrammyError && (error.error_code === 403 || unchangeable(error.description));
        if (skipped) {
          log.debug({ ...sent, description: error.description }, "telegram: a card stays as it is");
          return;
        }
        throw classifySendError(error, sent.chatId, log);
      }
    },
    async clearButtons(sent: SentMessageRef) {
      try {
        // An empty inline keyboard: the message keeps its text and shows no buttons.
        await api.editMessageReplyMarkup(sent.chatId, Number(sent.messageId), {
          reply_markup: { inline_keyboard: [] },
        });
      } catch (error) {
        // Too old to edit, deleted, already without buttons, or the bot left the chat: skipped.
        if (error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403)) {
          log.debug({ ...sent, description: error.description }, "telegram: a card's buttons stay");
          return;
        }
        throw classifySendError(error, sent.chatId, log);
      }
    },
  };
}

/** Edits that can never succeed and are nothing to worry about: the card is as it should be, or gone. */
function unchangeable(description: string): boolean {
  const d = description.toLowerCase();
  return (
    d.includes("message is not modified") ||
    d.includes("message to edit not found") ||
    d.includes("message can't be edited")
  );
}

/** A card's text in one message (a card is short; a longer one is cut, never split: it is edited whole). */
function truncateToMessage(text: string): string {
  return text.length <= MAX_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}

/**
 * 429 → SendRateLimitedError(retry_after); 400 and 403 (blocked, chat not found, kicked, a bad
 * request that will stay bad) → SendRejectedError, logged once in words; anything else (5xx, a
 * network failure, a revoked token) is returned as it is, for the queue to retry with backoff.
 */
export function classifySendError(error: unknown, chatId: string, log: Logger): unknown {
  if (!(error instanceof GrammyError)) return error;
  if (error.error_code === 429) {
    const seconds = error.parameters?.retry_after ?? 1;
    return new SendRateLimitedError(Math.max(1, seconds) * 1000);
  }
  if (error.error_code === 400 || error.error_code === 403) {
    const { reason, chatGone } = rejection(error, chatId);
    log.warn({ chatId, code: error.error_code, description: error.description }, `telegram: ${reason}`);
    return new SendRejectedError(reason, { chatGone });
  }
  return error;
}

/** The refusal in words, and whether it is about the chat (gone for us) rather than this message. */
function rejection(error: GrammyError, chatId: string): { reason: string; chatGone: boolean } {
  const d = error.description.toLowerCase();
  const who = chatId.startsWith("-") ? `chat ${chatId}` : `user ${chatId}`;
  const gone = (reason: string) => ({ reason, chatGone: true });
  if (d.includes("blocked by the user")) return gone(`${who} has blocked the bot`);
  if (d.includes("user is deactivated")) return gone(`${who} has deleted their account`);
  if (d.includes("can't initiate conversation") || d.includes("can't send messages to the user")) {
    return gone(`${who} has never started a chat with the bot`);
  }
  if (d.includes("kicked") || d.includes("not a member")) return gone(`the bot is no longer in ${who}`);
  if (d.includes("chat not found")) return gone(`${who} not found`);
  if (error.parameters?.migrate_to_chat_id !== undefined) {
    const to = error.parameters.migrate_to_chat_id;
    return { reason: `${who} became supergroup ${to}: update the directory`, chatGone: false };
  }
  return { reason: `${who} refused the message (${error.error_code} ${error.description})`, chatGone: false };
}
