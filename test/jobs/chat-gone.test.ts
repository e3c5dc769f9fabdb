import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifySlackError } from "../../src/bot/slack/sender";
import { classifySendError } from "../../src/bot/telegram/sender";
import { SendRejectedError } from "../../src/domain/ports/channel-sender";
import { silentLogger } from "../../src/log";

/**
 * Issue 17 §5: a chat that refused us for good stops following its parcels; a message refused for
 * itself (a bad request about that message) must not end a customer's following. Each sender says
 * which it is (SendRejectedError.chatGone), from the platform's own error; the send worker reads
 * only that flag, never the wording.
 */
function telegramRejection(code: number, description: string, chatId = "123"): SendRejectedError {
  const error = classifySendError(
    new GrammyError("call failed", { ok: false, error_code: code, description }, "sendMessage", {}),
    chatId,
    silentLogger,
  );
  if (!(error instanceof SendRejectedError)) throw new Error("not a rejection");
  return error;
}

function slackRejection(code: string, chatId = "U123"): SendRejectedError {
  const error = classifySlackError(
    { code: "slack_webapi_platform_error", data: { error: code } },
    chatId,
    silentLogger,
  );
  if (!(error instanceof SendRejectedError)) throw new Error("not a rejection");
  return error;
}

describe("SendRejectedError.chatGone, as the senders set it", () => {
  it("a blocked bot, a deleted account, a chat gone or never started end the following", () => {
    for (const description of [
      "Forbidden: bot was blocked by the user",
      "Forbidden: user is deactivated",
      "Forbidden: bot can't initiate conversation with a user",
      "Bad Request: chat not found",
      "Forbidden: bot was kicked from the group chat",
    ]) {
      expect(telegramRejection(403, description).chatGone, description).toBe(true);
    }
    for (const code of [
      "channel_not_found",
      "user_not_found",
      "account_inactive",
      "is_archived",
      "user_disabled",
    ]) {
      expect(slackRejection(code).chatGone, code).toBe(true);
    }
  });

  it("a message refused for itself leaves the chat's following alone", () => {
    for (const description of [
      "Bad Request: message thread not found",
      "Bad Request: message to be replied not found",
      "Bad Request: can't parse entities: unsupported start tag",
      "Bad Request: message is too long",
    ]) {
      expect(telegramRejection(400, description).chatGone, description).toBe(false);
    }
    for (const code of ["invalid_blocks", "msg_too_long", "no_text", "not_in_channel"]) {
      expect(slackRejection(code).chatGone, code).toBe(false);
    }
  });

  it("a group moved to a supergroup is not gone (the directory is updated instead)", () => {
    const error = classifySendError(
      new GrammyError(
        "call failed",
        {
          ok: false,
          error_code: 400,
          description: "Bad Request: group chat was upgraded to a supergroup chat",
          parameters: { migrate_to_chat_id: -100123 },
        },
        "sendMessage",
        {},
      ),
      "-55",
      silentLogger,
    );
    expect(error).toBeInstanceOf(SendRejectedError);
    expect((error as SendRejectedError).chatGone).toBe(false);
  });

  it("a rejection made without the flag is about the message, whatever its words", () => {
    expect(new SendRejectedError("user 1 has blocked the bot").chatGone).toBe(false);
    expect(new SendRejectedError("anything", { chatGone: true }).chatGone).toBe(true);
  });
});
