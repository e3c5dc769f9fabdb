import type { webApi } from "@slack/bolt";
import {
  type ChannelSender,
  type OutboundContent,
  type OutboundMessage,
  SendRateLimitedError,
  SendRejectedError,
  type SentMessageRef,
} from "../../domain/ports/channel-sender";
import type { Logger } from "../../log";
import { renderContent, withoutActions } from "./render";

/**
 * The ChannelSender the send queue delivers Slack messages through (issue 10 §5): chat.postMessage
 * with Block Kit (render.ts), chat.update to change a card in place or take its buttons away. No
 * retrying here: the client is made with no retries and 429s rejected (slackClient), so that the
 * queue owns retries and Slack's Retry-After pauses the whole queue; failures are classified for it.
 */
export interface SlackSenderHooks {
  /** A message reached this chat (a user id: their DM): the staff's App Home may be refreshed. */
  delivered?(chatId: string): void;
}

/** Errors after which the message can never be delivered to that chat. */
const REJECTIONS: Readonly<Record<string, string>> = {
  channel_not_found: "not found",
  not_in_channel: "does not have the app in it",
  is_archived: "is archived",
  account_inactive: "is deactivated",
  user_not_found: "is not a Slack user",
  user_disabled: "is deactivated",
  cannot_dm_bot: "is a bot",
  restricted_action: "does not let the app post",
  invalid_blocks: "refused the message's blocks",
  msg_too_long: "refused a message too long",
  no_text: "refused an empty message",
};

/** Of those, the ones that say the chat itself is gone for us (issue 17 §5: it stops following). */
const CHAT_GONE = new Set([
  "channel_not_found",
  "is_archived",
  "account_inactive",
  "user_not_found",
  "user_disabled",
]);

/** A message that can no longer be changed: skipped, as Telegram's too old or deleted ones are. */
const UNCHANGEABLE = new Set([
  "message_not_found",
  "cant_update_message",
  "edit_window_closed",
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
]);

export function createSlackSender(
  client: webApi.WebClient,
  log: Logger,
  hooks: SlackSenderHooks = {},
): ChannelSender {
  return {
    async send(message: OutboundMessage) {
      const { text, blocks } = renderContent(message);
      let result: webApi.ChatPostMessageResponse;
      try {
        result = await client.chat.postMessage({ channel: message.chatId, text, blocks });
      } catch (error) {
        throw classifySlackError(error, message.chatId, log);
      }
      hooks.delivered?.(message.chatId);
      const actionable = (message.buttons?.length ?? 0) > 0 || (message.select?.options.length ?? 0) > 0;
      // chat.update needs the conversation's id: a post to a user id answers with their DM's.
      const chatId = result.channel ?? message.chatId;
      return actionable && result.ts ? [{ chatId, messageId: result.ts }] : [];
    },

    async update(sent: SentMessageRef, content: OutboundContent) {
      const { text, blocks } = renderContent(content);
      await changeMessage(log, sent, () =>
        client.chat.update({ channel: sent.chatId, ts: sent.messageId, text, blocks }),
      );
    },

    async clearButtons(sent: SentMessageRef) {
      await changeMessage(log, sent, async () => {
        // The message as it is now (its text and fields stay); only its actions blocks go.
        const history = await client.conversations.history({
          channel: sent.chatId,
          latest: sent.messageId,
          inclusive: true,
          limit: 1,
        });
        const message = history.messages?.find((m) => m.ts === sent.messageId);
        if (!message) return;
        const blocks = (message.blocks ?? []) as Parameters<typeof withoutActions>[0];
        await client.chat.update({
          channel: sent.chatId,
          ts: sent.messageId,
          text: message.text ?? "",
          blocks: withoutActions(blocks),
        });
      });
    },
  };
}

async function changeMessage(
  log: Logger,
  sent: SentMessageRef,
  change: () => Promise<unknown>,
): Promise<void> {
  try {
    await change();
  } catch (error) {
    const code = platformCode(error);
    if (code !== undefined && (UNCHANGEABLE.has(code) || code === "missing_scope")) {
      log.debug({ ...sent, error: code }, "slack: a message stays as it is (cannot be changed)");
      return;
    }
    throw classifySlackError(error, sent.chatId, log);
  }
}

function platformCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.code === "slack_webapi_platform_error" ? e.data?.error : undefined;
}

/**
 * A 429 → SendRateLimitedError with Slack's Retry-After; a refusal that will not change (the
 * channel is gone, the app is not in it, the account is deactivated) → SendRejectedError, logged
 * once in words; anything else (5xx, the network, a revoked token) as it is, for the queue to retry.
 */
export function classifySlackError(error: unknown, chatId: string, log: Logger): unknown {
  const e = error as { code?: string; retryAfter?: number };
  if (e?.code === "slack_webapi_rate_limited_error") {
    return new SendRateLimitedError(Math.max(1, e.retryAfter ?? 1) * 1000);
  }
  const code = platformCode(error);
  if (code !== undefined && REJECTIONS[code] !== undefined) {
    const who = /^[UW]/.test(chatId) ? `user ${chatId}` : `channel ${chatId}`;
    const reason = `${who} ${REJECTIONS[code]} (${code})`;
    log.warn({ chatId, error: code }, `slack: ${reason}`);
    return new SendRejectedError(reason, { chatGone: CHAT_GONE.has(code) });
  }
  return error;
}
