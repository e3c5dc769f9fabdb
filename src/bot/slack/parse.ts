import type { DirectoryIndex } from "../../domain/config/directory";
import { type ChatRef, isGroupChat } from "../../domain/kernel/chat";
import { acceptedInGroup } from "../../flows/engine";
import type { ChannelInput, Who } from "../../flows/types";

/**
 * Slack payloads → the engine's (Who, ChannelInput). Pure: no API calls, no business rules.
 * - A direct message (message.im) is the person's own chat, keyed by their user id: chat.postMessage
 *   to a user id posts in the app's DM with them, so the bot's DMs, its notices and the replies to
 *   a slash command all land in one conversation with one session.
 * - A channel (the dispatch channel, or wherever a slash command is typed) is a group: only
 *   commands and button clicks reach the engine (its group rule), and replies for one person go
 *   to their DM (Who.privateChat).
 * Identity: the directory's slackId; anyone else is not staff.
 */
export interface Parsed {
  who: Who;
  input: ChannelInput;
}
export type Ignored = { ignored: string };

/** `/parcel <word>` aliases Slack users type, to the engine's command names. */
const COMMAND_ALIASES: Readonly<Record<string, string>> = { query: "queries" };
/** `/parcel note` (or 问题件, problem): the problem-parcel note, a modal on Slack. */
const PROBLEM_NOTE_WORDS = new Set(["note", "problem", "问题件"]);

function slackWho(directory: DirectoryIndex, userId: string, channelId: string | undefined): Who {
  const own: ChatRef = { channel: "slack", chatId: userId, userId };
  const inChannel = channelId !== undefined && isGroupChat("slack", channelId);
  return {
    chat: inChannel ? { channel: "slack", chatId: channelId, userId } : own,
    person: directory.bySlackId(userId),
    isGroup: inChannel,
    ...(inChannel ? { privateChat: own } : {}),
  };
}

interface MessageEvent {
  type?: string;
  subtype?: string;
  channel_type?: string;
  channel?: string;
  user?: string;
  bot_id?: string;
  text?: string;
}

/**
 * Slack's own markup in what a person typed, as they meant it (what a customer reads must not show
 * `&amp;` or `<https://…|…>`): `<url|label>` → label (the url without one), `<@U…>` → the
 * directory person's name (else the id), `<#C…|name>` → #name, `<!here>` → @here; then the three
 * entities Slack escapes (`&amp; &lt; &gt;`) decoded. Literal `<` and `>` always arrive escaped,
 * so every `<…>` is markup.
 */
export function unslack(directory: DirectoryIndex, text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const bar = inner.indexOf("|");
      const target = bar < 0 ? inner : inner.slice(0, bar);
      const label = bar < 0 ? "" : inner.slice(bar + 1);
      if (target.startsWith("@")) {
        const id = target.slice(1);
        return directory.bySlackId(id)?.name ?? (label || id);
      }
      if (target.startsWith("#")) return `#${label || target.slice(1)}`;
      if (target.startsWith("!")) return `@${label || target.slice(1).split("^")[0]}`;
      return label || target.replace(/^mailto:/, "");
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A message event: a human's DM to the bot. Anything else (channels' chatter, bots, edits) is ignored. */
export function parseMessage(directory: DirectoryIndex, event: MessageEvent): Parsed | Ignored {
  if (event.bot_id || !event.user) return { ignored: "a message without a human sender" };
  if (event.subtype !== undefined && event.subtype !== "file_share") {
    return { ignored: `a message of subtype ${event.subtype}` };
  }
  const who = slackWho(directory, event.user, event.channel_type === "im" ? undefined : event.channel);
  const input: ChannelInput = { kind: "text", text: unslack(directory, event.text ?? "") };
  if (who.isGroup && !acceptedInGroup(input)) return { ignored: "chatter in a channel" };
  if (event.channel_type !== "im" && !who.isGroup) return { ignored: `a message in ${event.channel}` };
  return { who, input };
}

interface SlashCommand {
  user_id: string;
  channel_id: string;
  text?: string;
}

/**
 * `/parcel` alone: the menu; `/parcel overdue`: that command (with its arguments); `/parcel
 * YT1234567890` or any other words: typed text, as in a DM (in a channel, text is not for the bot:
 * the menu instead). `known` are the engine's command names (knownCommands).
 */
export function parseSlashCommand(
  directory: DirectoryIndex,
  command: SlashCommand,
  known: ReadonlySet<string>,
): Parsed & { problemNote: boolean; problemArgs: string } {
  const who = slackWho(directory, command.user_id, command.channel_id);
  const text = unslack(directory, command.text ?? "").trim();
  const [first = "", ...rest] = text.split(/\s+/);
  const word = first.replace(/^\//, "").toLowerCase();
  const name = COMMAND_ALIASES[word] ?? word;
  const problemNote = PROBLEM_NOTE_WORDS.has(word);
  let input: ChannelInput;
  if (text === "") input = { kind: "command", name: "menu", args: "" };
  else if (known.has(name)) input = { kind: "command", name, args: rest.join(" ") };
  else if (who.isGroup) input = { kind: "command", name: "menu", args: "" };
  else input = { kind: "text", text };
  // `/parcel problem YT1234567890`: the words after the command fill the modal's tracking number.
  return { who, input, problemNote, problemArgs: problemNote ? rest.join(" ").slice(0, 64) : "" };
}

/** One element of a block_actions payload: a button's value, or a static_select's chosen option. */
export interface BlockAction {
  action_id?: string;
  type?: string;
  value?: string;
  selected_option?: { value?: string } | null;
}

export interface BlockActionsBody {
  user?: { id?: string };
  channel?: { id?: string };
  container?: { channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
  trigger_id?: string;
  actions?: BlockAction[];
}

/** A click: the engine's payload from the button's value or the select's option, as Telegram's callback data. */
export function parseAction(
  directory: DirectoryIndex,
  body: BlockActionsBody,
  action: BlockAction,
): (Parsed & { channelId: string | undefined; messageTs: string | undefined }) | Ignored {
  const userId = body.user?.id;
  if (!userId) return { ignored: "an action without a user" };
  const payload = action.type === "static_select" ? action.selected_option?.value : action.value;
  if (typeof payload !== "string" || payload === "")
    return { ignored: `an action without a value (${action.type})` };
  const channelId = body.channel?.id ?? body.container?.channel_id;
  return {
    who: slackWho(directory, userId, channelId),
    input: { kind: "choice", payload },
    channelId,
    messageTs: body.container?.is_ephemeral ? undefined : body.container?.message_ts,
  };
}
