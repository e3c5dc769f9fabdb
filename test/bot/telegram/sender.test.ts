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

describe("taking a card's buttons away (issue 14 §3)", () => {
  it("returns the message that carries the buttons (the last piece of a long text), and none without buttons", async () => {
    const before = api.results("sendMessage").length;
    const sent = await sender.send({
      chatId: "-1001",
      text: "新取件 ".repeat(1500),
      buttons: [{ label: "接单", payload: "a.pa.p1" }],
    });
    const results = api.results("sendMessage").slice(before) as { message_id: number }[];
    expect(results).toHaveLength(2);
    expect(sent).toEqual([{ chatId: "-1001", messageId: String(results.at(-1)?.message_id) }]);
    expect(await sender.send({ chatId: "2001", text: "取件已由张伟接单" })).toEqual([]);
  });

  it("edits the message to an empty inline keyboard", async () => {
    await sender.clearButtons?.({ chatId: "-1001", messageId: "42" });
    expect(api.callsOf("editMessageReplyMarkup")).toEqual([
      { chat_id: "-1001", message_id: 42, reply_markup: { inline_keyboard: [] } },
    ]);
  });

  it("skips a message Telegram refuses to edit (too old, deleted, already bare) without an error", async () => {
    api.answer(
      "editMessageReplyMarkup",
      { error_code: 400, description: "Bad Request: message can't be edited" },
      { error_code: 400, description: "Bad Request: message to edit not found" },
      { error_code: 400, description: "Bad Request: message is not modified" },
    );
    for (const messageId of ["1", "2", "3"]) {
      await expect(sender.clearButtons?.({ chatId: "-1001", messageId })).resolves.toBeUndefined();
    }
    expect(api.callsOf("editMessageReplyMarkup")).toHaveLength(3);
  });

  it("turns a 429 on an edit into SendRateLimitedError, for the queue to wait", async () => {
    api.answer("editMessageReplyMarkup", {
      error_code: 429,
      description: "Too Many Requests: retry after 3",
      parameters: { retry_after: 3 },
    });
    const error = await sender.clearButtons?.({ chatId: "-1001", messageId: "7" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendRateLimitedError);
    expect((error as SendRateLimitedError).retryAfterMs).toBe(3000);
  });
});

describe("changing a card in place (issue 10 §3)", () => {
  it("edits the text and puts the new buttons (a select's options too) as its inline keyboard", async () => {
    await sender.update?.(
      { chatId: "-1001", messageId: "42" },
      {
        text: "【已派给 张伟,待接单】取件预约 P1",
        fields: [{ label: "地址", value: "文昌路 1 号" }],
        buttons: [{ label: "接单", payload: "a.accept.p1" }],
        select: { placeholder: "派给…", options: [{ label: "刘洋", payload: "a.assign.p1-liu" }] },
      },
    );
    expect(api.callsOf("editMessageText")).toEqual([
      {
        chat_id: "-1001",
        message_id: 42,
        text: "【已派给 张伟,待接单】取件预约 P1",
        reply_markup: {
          inline_keyboard: [
            [
              { text: "接单", callback_data: "a.accept.p1" },
              { text: "刘洋", callback_data: "a.assign.p1-liu" },
            ],
          ],
        },
      },
    ]);
  });

  it("leaves no keyboard on a card whose step is over", async () => {
    await sender.update?.({ chatId: "-1001", messageId: "43" }, { text: "【已由 张伟 接单】" });
    expect(api.callsOf("editMessageText")[0]).toMatchObject({ reply_markup: { inline_keyboard: [] } });
  });

  it("skips 'message is not modified', 'message to edit not found' and a chat the bot left; a 429 waits; a bad request is a rejection", async () => {
    api.answer(
      "editMessageText",
      { error_code: 400, description: "Bad Request: message is not modified" },
      { error_code: 400, description: "Bad Request: message to edit not found" },
    );
    await expect(
      sender.update?.({ chatId: "-1001", messageId: "1" }, { text: "x" }),
    ).resolves.toBeUndefined();
    await expect(
      sender.update?.({ chatId: "-1001", messageId: "2" }, { text: "x" }),
    ).resolves.toBeUndefined();
    api.answer("editMessageText", {
      error_code: 429,
      description: "Too Many Requests: retry after 2",
      parameters: { retry_after: 2 },
    });
    await expect(sender.update?.({ chatId: "-1001", messageId: "3" }, { text: "x" })).rejects.toBeInstanceOf(
      SendRateLimitedError,
    );
    api.answer("editMessageText", {
      error_code: 403,
      description: "Forbidden: bot was kicked from the group chat",
    });
    await expect(
      sender.update?.({ chatId: "-1001", messageId: "4" }, { text: "x" }),
    ).resolves.toBeUndefined();
    api.answer("editMessageText", { error_code: 400, description: "Bad Request: can't parse entities" });
    await expect(sender.update?.({ chatId: "-1001", messageId: "5" }, { text: "x" })).rejects.toBeInstanceOf(
      SendRejectedError,
    );
  });
});
