import type { Chat, Message, PhotoSize, Update, User } from "grammy/types";
import type { DirectoryIndex } from "../../domain/config/directory";
import { acceptedInGroup, parseCommand } from "../../flows/engine";
import type { ChannelInput, Who } from "../../flows/types";

/**
 * Telegram update → the engine's (Who, ChannelInput). Pure: no API calls, no business rules.
 * Private chats: everything the engine understands. The dispatch group: commands and button
 * presses only (the group's chatter is not for the bot). Any other group or channel: nothing.
 */
export interface ParsedUpdate {
  who: Who;
  input: ChannelInput;
  /** Set for a button press: the query to answer and the message whose keyboard to remove. */
  callback?: CallbackRef;
}

export interface CallbackRef {
  queryId: string;
  chatId: number;
  messageId: number;
}

export interface ParseOptions {
  directory: DirectoryIndex;
  /** The bot's username: `/cmd@OtherBot` in a group is meant for another bot. */
  botUsername?: string | undefined;
}

/** Why an update was not handed to the engine (for the debug log). */
export type Ignored = { ignored: string; callbackQueryId?: string };

export function parseUpdate(update: Update, options: ParseOptions): ParsedUpdate | Ignored {
  if (update.callback_query) {
    const cq = update.callback_query;
    const ignored = (reason: string): Ignored => ({ ignored: reason, callbackQueryId: cq.id });
    const message = cq.message;
    if (!message) return ignored("button on an inline message");
    const place = chatPlace(message.chat, options);
    if (place === "ignored") return ignored(`button in ${message.chat.type} ${message.chat.id}`);
    return {
      who: who(message.chat, cq.from, place === "dispatch", options),
      input: { kind: "choice", payload: cq.data ?? "" },
      callback: { queryId: cq.id, chatId: message.chat.id, messageId: message.message_id },
    };
  }

  const message = update.message;
  if (!message) return { ignored: `update of another kind (${updateKind(update)})` };
  const from = message.from;
  if (!from || from.is_bot) return { ignored: "message without a human sender" };
  const place = chatPlace(message.chat, options);
  if (place === "ignored") return { ignored: `message in ${message.chat.type} ${message.chat.id}` };

  const command = message.text === undefined ? undefined : parseCommand(message.text);
  if (
    place === "dispatch" &&
    command?.bot &&
    command.bot.toLowerCase() !== options.botUsername?.toLowerCase()
  ) {
    return { ignored: `a command for @${command.bot}` };
  }
  const input: ChannelInput = command
    ? { kind: "command", name: command.name, args: command.args }
    : messageInput(message);
  // The engine's group rule: only commands and button presses (the group's chatter is not for the bot).
  if (place === "dispatch" && !acceptedInGroup(input)) return { ignored: "chatter in the dispatch group" };
  return { who: who(message.chat, from, place === "dispatch", options), input };
}

function chatPlace(chat: Chat, options: ParseOptions): "private" | "dispatch" | "ignored" {
  if (chat.type === "private") return "private";
  const dispatch = options.directory.data.dispatch.telegramChatId;
  if (
    (chat.type === "group" || chat.type === "supergroup") &&
    dispatch !== undefined &&
    chat.id === dispatch
  ) {
    return "dispatch";
  }
  return "ignored";
}

function who(chat: Chat, from: User, isGroup: boolean, options: ParseOptions): Who {
  return {
    chat: { channel: "telegram", chatId: String(chat.id), userId: String(from.id) },
    person: options.directory.byTelegramId(from.id),
    isGroup,
    languageHint: from.language_code,
    // On Telegram a user's private chat with the bot has the user's id: replies for them alone go there.
    ...(isGroup
      ? { privateChat: { channel: "telegram" as const, chatId: String(from.id), userId: String(from.id) } }
      : {}),
  };
}

/**
 * A message that is not a command. Kinds the engine has no input for (stickers, voice, files)
 * become an empty text: outside a flow the engine answers it with the menu, inside one it is
 * ignored, so nothing the user sends goes unhandled or throws.
 */
function messageInput(message: Message): ChannelInput {
  if (message.contact) {
    const contact = message.contact;
    return {
      kind: "contact",
      phone: contact.phone_number,
      // A contact the user shared of someone else (or typed by hand) is not proof of their own number.
      ownContact: contact.user_id !== undefined && contact.user_id === message.from?.id,
    };
  }
  if (message.location) {
    return { kind: "location", latitude: message.location.latitude, longitude: message.location.longitude };
  }
  if (message.photo && message.photo.length > 0) {
    // The words sent with the photo (its caption) belong with it: the customer's question.
    const caption = message.caption?.trim();
    return { kind: "photo", fileRef: largestPhoto(message.photo).file_id, ...(caption ? { caption } : {}) };
  }
  // A reply to one of the bot's own messages carries its words: "什么时候能送到" under a push is
  // about the parcel that push named (flows/customer/route.ts).
  const replied = message.reply_to_message;
  const replyTo = replied?.from?.is_bot ? (replied.text ?? replied.caption) : undefined;
  return { kind: "text", text: message.text ?? "", ...(replyTo ? { replyTo } : {}) };
}

/** The largest size of a photo (Telegram lists them small to large; we do not rely on it). */
export function largestPhoto(sizes: readonly PhotoSize[]): PhotoSize {
  let best = sizes[0] as PhotoSize;
  for (const size of sizes) {
    if (size.width * size.height >= best.width * best.height) best = size;
  }
  return best;
}

function updateKind(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "empty";
}
