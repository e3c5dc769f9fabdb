import type { types, webApi } from "@slack/bolt";
import type { Language } from "../../domain/kernel/chat";
import { t } from "../../domain/messages";
import { toastOrMessage } from "../../flows/engine";
import type { RenderedReply, Who } from "../../flows/types";
import type { Logger } from "../../log";
import type { LiveButtons, LiveMessage } from "./live";
import { renderReply, withoutActions } from "./render";

/**
 * The engine's replies to one Slack input, in Slack's idiom:
 * - toasts answering a click (a stale button, someone else's card, a refusal) or a slash command
 *   typed in a channel are an ephemeral note to that person where they clicked or typed
 *   (chat.postEphemeral): nobody else sees it and nothing changes; otherwise they are short messages;
 * - messages go to the chat the input came from; those marked `privately` (every reply of a
 *   channel's turn) to the person's DM;
 * - a turn that answers takes the buttons off the messages of the person's last turn and off the
 *   message clicked in their DM (live.ts: their step is over); a card in a channel keeps its
 *   buttons for the others (its lifecycle is the card's, updated in place by the send queue).
 */
export interface Click {
  /** Where the click (or the slash command) was: a channel, or the DM's D… id. */
  channelId: string | undefined;
  /** The clicked message, when it is not ephemeral: its ts and what it shows. */
  message?: { ts: string; text: string; blocks: types.KnownBlock[] } | undefined;
}

export interface DeliveryDeps {
  live: LiveButtons;
  log: Logger;
}

export async function deliverReplies(
  client: webApi.WebClient,
  who: Who,
  replies: readonly RenderedReply[],
  language: Language,
  deps: DeliveryDeps,
  click?: Click,
): Promise<void> {
  const userId = who.chat.userId ?? who.chat.chatId;
  const { toasts, messages, answers } = toastOrMessage(replies, click !== undefined);
  if (click && toasts.length > 0) {
    const text = toasts.join("\n");
    await client.chat.postEphemeral({ channel: click.channelId ?? userId, user: userId, text });
  }
  // Toasts alone (a stale button, a word typed while a step waits) leave the step and its buttons be.
  if (!answers) {
    await postAll(client, who, messages, language);
    return;
  }
  // A turn that answers ends the step of the DM's last one: its buttons go (the pressed one's too).
  const pressed =
    click?.message && !who.isGroup ? { channel: click.channelId ?? userId, ...click.message } : undefined;
  const before = await deps.live.get(userId);
  for (const old of pressed ? [...before.filter((m) => m.ts !== pressed.ts), pressed] : before) {
    await client.chat
      .update({ channel: old.channel, ts: old.ts, text: old.text, blocks: withoutActions(old.blocks) })
      .catch((error: unknown) =>
        deps.log.debug({ err: error, ts: old.ts }, "slack: old buttons stay (message gone?)"),
      );
  }
  await deps.live.set(userId, await postAll(client, who, messages, language));
}

/** Posts the replies in order; returns those that carry buttons (the turn's live messages). */
async function postAll(
  client: webApi.WebClient,
  who: Who,
  replies: readonly RenderedReply[],
  language: Language,
): Promise<LiveMessage[]> {
  const userId = who.chat.userId ?? who.chat.chatId;
  const photoText = t(language, "thread.photo.unavailable");
  const live: LiveMessage[] = [];
  for (const reply of replies) {
    const shown = reply.kind === "toast" ? ({ kind: "text", text: reply.text } as const) : reply;
    const message = renderReply(shown, photoText);
    if (!message) continue;
    const channel = reply.privately || who.isGroup ? userId : who.chat.chatId;
    const sent = await client.chat.postMessage({ channel, ...message });
    if (sent.ts && sent.channel && message.blocks.some((b) => b.type === "actions")) {
      const blocks = withoutActions(message.blocks);
      live.push({ channel: sent.channel, ts: sent.ts, text: message.text, blocks });
    }
  }
  return live;
}
