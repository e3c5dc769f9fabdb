import type { Clock } from "../../domain/kernel/clock";
import type { ChannelSender } from "../../domain/ports/channel-sender";
import type { ChatLog } from "./chat-log";
import { actionable, outboundContent } from "./render";

/**
 * The ChannelSender the send queue delivers web messages through (it may run in `npm run worker`):
 * each message goes into the chat's log, which the open pages get at once and a closed one on its
 * next visit. Taking a message's buttons away and changing it in place are events of the same log.
 * No platform stands between: nothing is rate limited or refused, a Redis failure is retried.
 */
export function createWebSender(log: ChatLog, clock: Clock): ChannelSender {
  return {
    async send(message) {
      const content = outboundContent(message);
      const at = clock.now().toISOString();
      const [logged] = await log.append(message.chatId, [{ kind: "message", from: "desk", at, ...content }]);
      return logged && actionable(content) ? [{ chatId: message.chatId, messageId: logged.id }] : [];
    },
    async clearButtons(sent) {
      await log.append(sent.chatId, [{ kind: "clear", target: sent.messageId }]);
    },
    async update(sent, content) {
      await log.append(sent.chatId, [
        { kind: "update", target: sent.messageId, ...outboundContent(content) },
      ]);
    },
  };
}
