import { Api, GrammyError, HttpError } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTelegramSender } from "../../../src/bot/telegram/sender";
import { SendRateLimitedError, SendRejectedError } from "../../../src/domain/ports/channel-sender";
import { FakeBotApi } from "./fake-bot-api";

const api = new FakeBotApi();
// A logger that keeps its lines, to check the words an operator reads.
const lines: Record<string, unknown>[] = [];
const log = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });

let sender: ReturnType<typeof createTelegramSender>;
beforeAll(async () => {
  const url = await api.start();
  sender = createTelegramSender(new Api("123:TEST-TOKEN-abcdefghijklmnop", { apiRoot: url }), log);
});
afterAll(() => api.stop());
beforeEach(() => {
  api.calls.length = 0;
  lines.length = 0;
});

describe("the Telegram ChannelSender", () => {
  it("sends the text with the buttons as an inline keyboard", async () => {
    await sender.send({
      chatId: "2001",
      text: "新查询 YT123",
      buttons: [{ label: "接单", payload: "a.qt.q1" }],
    });
    expect(api.callsOf("sendMessage")).toEqual([
      {
        chat_id: "2001",
        text: "新查询 YT123",
        reply_markup: { inline_keyboard: [[{ text: "接单", callback_data: "a.qt.q1" }]] },
      },
    ]);
  });

  it("sends a text over 4096 characters as several messages", async () => {
    await sender.send({ chatId: "2001", text: "长".repeat(9000) });
    expect(api.callsOf("sendMessage")).toHaveLength(3);
  });

  it("turns a 429 into SendRateLimitedError with Telegram's retry_after in milliseconds", async () => {
    api.answer("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    const error = await sender.send({ chatId: "2001", text: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendRateLimitedError);
    expect((error as SendRateLimitedError).retryAfterMs).toBe(7000);
  });

  it("turns 'blocked by the user' into SendRejectedError and says so in the log", async () => {
    api.answer("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const error = await sender.send({ chatId: "123", text: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendRejectedError);
    expect((error as SendRejectedError).reason).toBe("user 123 has blocked the bot");
    expect(lines).toEqual([
      expect.objectContaining({ msg: "telegram: user 123 has blocked the bot", chatId: "123" }),
    ]);
  });

  it("turns 'chat not found' into SendRejectedError", async () => {
    api.answer("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    const error = await sender.send({ chatId: "-1001", text: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendRejectedError);
    expect((error as SendRejectedError).reason).toBe("chat -1001 not found");
  });

  it("rethrows a 5xx as it is, for the queue to back off and retry", async () => {
    api.answer("sendMessage", { error_code: 502, description: "Bad Gateway" });
    const error = await sender.send({ chatId: "2001", text: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).not.toBeInstanceOf(SendRejectedError);
    expect((error as GrammyError).error_code).toBe(502);
  });

  it("rethrows a network failure as it is", async () => {
    api.answer("sendMessage", "hang-up");
    const error = await sender.send({ chatId: "2001", text: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
  });

  it("does not retry by itself: one call per attempt", async () => {
    api.answer("sendMessage", {
      error_code: 429,
      description: "Too Many Requests",
      parameters: { retry_after: 1 },
    });
    await sender.send({ chatId: "2001", text: "hi" }).catch(() => {});
    expect(api.callsOf("sendMessage")).toHaveLength(1);
  });
});
