import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "grammy/types";
import { truncate } from "../../domain/kernel/text";
import type { RenderedReply } from "../../flows/types";

/**
 * RenderedReply → sendMessage (or sendPhoto) parameters (without chat_id), in Telegram's idiom:
 * choices as an inline keyboard whose callback_data is the engine's payload, a list as bullet
 * lines, a contact request as a one-time reply keyboard, a photo by its stored file_id. Pure.
 */
export const MAX_MESSAGE_LENGTH = 4096; // Telegram's limit, in UTF-16 code units
export const MAX_CAPTION_LENGTH = 1024; // a photo's caption
const MAX_CALLBACK_DATA_BYTES = 64;

type Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

export type OutgoingMessage = OutgoingText | OutgoingPhoto;

export interface OutgoingText {
  text: string;
  reply_markup?: Markup;
}

/** sendPhoto with a file_id Telegram already holds (one of a customer's photos). */
export interface OutgoingPhoto {
  photo: string;
  caption?: string;
  reply_markup?: Markup;
}

export interface Rendered {
  messages: OutgoingMessage[];
  /** Whether a reply keyboard (the contact button) is still shown after these messages. */
  replyKeyboardShown: boolean;
}

/** A button the channel cannot send (the engine keeps payloads short: this is a programming error). */
export class RenderError extends Error {
  override name = "RenderError";
}

/**
 * @param replyKeyboardShown whether the chat still shows the contact keyboard of an earlier
 *   ask_contact: the first message that carries no inline keyboard removes it.
 */
export function renderReplies(replies: readonly RenderedReply[], replyKeyboardShown = false): Rendered {
  const messages: OutgoingMessage[] = [];
  let shown = replyKeyboardShown;
  for (const reply of replies) {
    for (const message of renderReply(reply)) {
      if (reply.kind === "ask_contact") {
        shown = true;
      } else if (shown && message.reply_markup === undefined) {
        message.reply_markup = { remove_keyboard: true };
        shown = false;
      }
      messages.push(message);
    }
  }
  return { messages, replyKeyboardShown: shown };
}

export function renderReply(reply: RenderedReply): OutgoingMessage[] {
  switch (reply.kind) {
    case "text":
      return splitText(reply.text).map((text) => ({ text }));
    case "list":
      return splitText([reply.title, ...reply.items.map((item) => `• ${item}`)].join("\n")).map((text) => ({
        text,
      }));
    case "choices":
      return withLastMarkup(splitText(reply.text, "…"), inlineKeyboard(reply.choices));
    case "ask_contact":
      return withLastMarkup(splitText(reply.text, "…"), {
        keyboard: [[{ text: reply.buttonLabel, request_contact: true }]],
        one_time_keyboard: true,
        resize_keyboard: true,
      });
    case "toast":
      // Without a button press to answer, a toast is a short text.
      return splitText(reply.text).map((text) => ({ text }));
    case "photo": {
      const caption = reply.caption?.trim() ? truncate(reply.caption, MAX_CAPTION_LENGTH) : undefined;
      return [caption ? { photo: reply.fileRef, caption } : { photo: reply.fileRef }];
    }
  }
}

/** Buttons (label, payload) as an inline keyboard: short labels two to a row, long ones alone. */
export function inlineKeyboard(buttons: readonly { label: string; payload: string }[]): InlineKeyboardMarkup {
  const keys: InlineKeyboardButton[] = buttons.map(({ label, payload }) => {
    if (payload === "" || Buffer.byteLength(payload, "utf8") > MAX_CALLBACK_DATA_BYTES) {
      throw new RenderError(`button "${label}" has a payload Telegram cannot carry (1-64 bytes): ${payload}`);
    }
    return { text: label.trim() === "" ? "…" : label, callback_data: payload };
  });
  const perRow = keys.every((k) => k.text.length <= 14) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < keys.length; i += perRow) rows.push(keys.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

function withLastMarkup(texts: string[], markup: Markup): OutgoingMessage[] {
  return texts.map((text, i) => (i === texts.length - 1 ? { text, reply_markup: markup } : { text }));
}

/**
 * Splits a text into messages of at most `max` UTF-16 code units: at the last line break of
 * each piece when there is one in its second half, else at a space, else anywhere but inside a
 * surrogate pair. An empty text gives no message (Telegram refuses empty ones), or `fallback`.
 */
export function splitText(text: string, fallback?: string, max = MAX_MESSAGE_LENGTH): string[] {
  if (text.trim() === "") return fallback === undefined ? [] : [fallback];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) cut = rest.lastIndexOf(" ", max);
    if (cut < max / 2) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep a surrogate pair together
    }
    const part = rest.slice(0, cut).trimEnd();
    if (part !== "") parts.push(part);
    rest = rest.slice(cut).replace(/^[\n ]/, "");
  }
  if (rest.trim() !== "") parts.push(rest);
  return parts;
}
