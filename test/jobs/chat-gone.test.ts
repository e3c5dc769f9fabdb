import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifySlackError } from "../../src/bot/slack/sender";
import { classifySendError } from "../../src/bot/telegram/sender";
import { SendRejectedError } from "../../src/domain/ports/channel-sender";
import { chatIsGone } from "../../src/jobs/send-worker";
import { silentLogger } from "../../src/log";

/**
 * Issue 17 §5: a chat that refused us for good stops following its parcels; a message refused for
 * itself (a bad request about that message) must not end a customer's following. The reasons are
 * the senders' own, made from the platforms' errors.
 */
function telegramReason(code: number, description: string, chatId = "123"): string {
  const error = classifySendError(
    new GrammyError("call failed", { ok: false, error_code: code, description }, "sendMessage", {}),
    chatId,
    silentLogger,
  );
  if (!(error instanceof SendRejectedError)) throw new Error("not a rejection");
  return error.reason;
}

function slackReason(code: string, chatId = "U123"): string {
  const error = classifySlackError(
    { code: "slack_webapi_platform_error", data: { error: code } },
    chatId,
    silentLogger,
  );
  if (!(error instanceof SendRejectedError)) throw new Error("not a rejection");
  return error.reason;
}

describe("chatIsGone", () => {
  it("a blocked bot, a deleted account, a chat gone or never started end the following", () => {
    for (const description of [
      "Forbidden: bot was blocked by the user",
      "Forbidden: user is deactivated",
      "Forbidden: bot can't initiate conversation with a user",
      "Bad Request: chat not found",
      "Forbidden: bot was kicked from the group chat",
    ]) {
      expect(chatIsGone(telegramReason(403, description)), description).toBe(true);
    }
    for (const code of ["channel_not_found", "user_not_found", "account_inactive", "is_archived"]) {
      expect(chatIsGone(slackReason(code)), code).toBe(true);
    }
  });

  it("a message refused for itself leaves the chat's following alone", () => {
    for (const description of [
      "Bad Request: message thread not found",
      "Bad Request: message to be replied not found",
      "Bad Request: can't parse entities: unsupported start tag",
      "Bad Request: message is too long",
    ]) {
      expect(chatIsGone(telegramReason(400, description)), description).toBe(false);
    }
    for (const code of ["invalid_blocks", "msg_too_long", "no_text"]) {
      expect(chatIsGone(slackReason(code)), code).toBe(false);
    }
  });
});
