import Fastify, { type FastifyInstance } from "fastify";
import type { Update } from "grammy/types";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTelegram, type TelegramChannel, WEBHOOK_PATH, webhookSecret } from "../../../src/bot/telegram";
import { t } from "../../../src/domain/messages";
import type { Engine } from "../../../src/flows/engine";
import type { ChannelInput, RenderedReply, Who } from "../../../src/flows/types";
import { branchDirectory } from "../../support/branch";
import { FakeBotApi } from "./fake-bot-api";

const TOKEN = "123456:TEST-abcdefghijklmnopqrstuv";
const DISPATCH = -1001234567;
const directory = branchDirectory();
const commands = {
  customer: { track: { flow: "track" } },
  staff: { queries: { flow: "agent-queries", roles: ["agent"] as const } },
};

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `test:tg-channel:${process.pid}:${Date.now()}:`;
let run = 0;
const logLines: Record<string, unknown>[] = [];
const log = pino({ level: "debug" }, { write: (line: string) => logLines.push(JSON.parse(line)) });

/** An engine that records what it was given and answers what the test says. */
class FakeEngine implements Engine {
  readonly seen: { who: Who; input: ChannelInput }[] = [];
  answer: (who: Who, input: ChannelInput) => Promise<RenderedReply[]> = async (_who, input) => [
    { kind: "text", text: `got ${input.kind}` },
  ];
  async handle(who: Who, input: ChannelInput): Promise<RenderedReply[]> {
    this.seen.push({ who, input });
    return this.answer(who, input);
  }
}

const api = new FakeBotApi();
const START_METHODS = ["getMe", "setWebhook", "deleteWebhook", "setMyCommands"];
/** The Bot API methods called while handling updates (not those of start()). */
const handlingCalls = () => api.calls.map((c) => c.method).filter((m) => !START_METHODS.includes(m));
beforeAll(() => api.start());
afterAll(async () => {
  await api.stop();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

function channelOptions(webhookUrl?: string) {
  run += 1; // fresh Redis keys per test: update ids repeat across tests
  return {
    token: TOKEN,
    apiRoot: api.url,
    webhookUrl,
    directory,
    redis,
    log,
    commands,
    keys: { prefix: `${prefix}${run}:update:`, keyboardPrefix: `${prefix}${run}:kbd:` },
  };
}

let nextUpdate = 1000;
const privateChat = (id: number) => ({ id, type: "private", first_name: "x" });
function text(value: string, from = 5001, lang = "en", chat: object = privateChat(from)): Update {
  const id = nextUpdate++;
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 0,
      chat,
      from: { id: from, is_bot: false, first_name: "x", language_code: lang },
      text: value,
    },
  } as unknown as Update;
}
function press(data: string, from = 5001, chat: object = privateChat(from), messageId = 77): Update {
  const id = nextUpdate++;
  return {
    update_id: id,
    callback_query: {
      id: `cq-${id}`,
      from: { id: from, is_bot: false, first_name: "x" },
      chat_instance: "1",
      data,
      message: { message_id: messageId, date: 0, chat, text: "pick" },
    },
  } as unknown as Update;
}

describe("the Telegram channel, webhook mode", () => {
  let http: FastifyInstance;
  let channel: TelegramChannel;
  let engine: FakeEngine;
  const post = (update: Update, secret: string | null = webhookSecret(TOKEN)) =>
    http.inject({
      method: "POST",
      url: WEBHOOK_PATH,
      headers: secret === null ? {} : { "x-telegram-bot-api-secret-token": secret },
      payload: update,
    });

  beforeEach(async () => {
    api.calls.length = 0;
    logLines.length = 0;
    http = Fastify();
    engine = new FakeEngine();
    channel = createTelegram(channelOptions("https://desk.example/telegram/webhook"));
    channel.attach({ engine });
    channel.registerRoutes(http);
    await channel.start();
  });
  afterEach(async () => {
    await channel.stop();
    await http.close();
  });

  it("sets the webhook with a secret derived from the token (sha256 hex) and only the updates it handles", () => {
    const [call] = api.callsOf("setWebhook");
    expect(call).toEqual({
      url: "https://desk.example/telegram/webhook",
      secret_token: webhookSecret(TOKEN),
      allowed_updates: ["message", "callback_query"],
    });
    expect(webhookSecret(TOKEN)).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookSecret("999:other-token-abcdefghijklmnop")).not.toBe(webhookSecret(TOKEN));
  });

  it("sets the command menus: customers' in zh and en, and each staff member's in their chat", async () => {
    await channel.stop(); // waits for the menus to be set
    const calls = api.callsOf("setMyCommands");
    expect(calls[0]).toEqual({
      commands: expect.arrayContaining([{ command: "track", description: "查件:/track 运单号" }]),
    });
    expect(calls[1]).toMatchObject({ language_code: "en" });
    const scoped = calls.filter((c) => c.scope !== undefined);
    // Everyone of the shared branch, in its order: wang, chen, li, sun, zhang, liu, zhao.
    expect(scoped.map((c) => c.scope)).toEqual(
      [2001, 2005, 2002, 2006, 2003, 2007, 2004].map((id) => ({ type: "chat", chat_id: id })),
    );
    const names = (i: number) => ((scoped[i]?.commands ?? []) as { command: string }[]).map((c) => c.command);
    expect(names(0)).toContain("queries"); // wang, an agent
    expect(names(4)).not.toContain("queries"); // zhang, a courier
  });

  it("refuses a call with a wrong or missing secret with 401 and handles nothing", async () => {
    expect((await post(text("hi"), "wrong")).statusCode).toBe(401);
    expect((await post(text("hi"), null)).statusCode).toBe(401);
    expect((await post(text("hi"), webhookSecret(TOKEN).slice(1))).statusCode).toBe(401);
    expect(engine.seen).toEqual([]);
    expect(handlingCalls()).toEqual([]);
  });

  it("hands a private message to the engine and sends its replies to the chat", async () => {
    engine.answer = async () => [
      { kind: "text", text: "您好" },
      { kind: "choices", text: "请选择", choices: [{ label: "查件", payload: "o1.track" }] },
    ];
    const response = await post(text("hello", 5001, "en"));
    expect(response.statusCode).toBe(200);
    expect(engine.seen).toEqual([
      {
        who: {
          chat: { channel: "telegram", chatId: "5001", userId: "5001" },
          person: undefined,
          isGroup: false,
          languageHint: "en",
        },
        input: { kind: "text", text: "hello" },
      },
    ]);
    expect(api.callsOf("sendMessage")).toEqual([
      { chat_id: "5001", text: "您好" },
      {
        chat_id: "5001",
        text: "请选择",
        reply_markup: { inline_keyboard: [[{ text: "查件", callback_data: "o1.track" }]] },
      },
    ]);
  });

  it("answers a button press, removes the keyboard it came from, then replies", async () => {
    await post(press("o1.track"));
    expect(engine.seen[0]?.input).toEqual({ kind: "choice", payload: "o1.track" });
    expect(handlingCalls()).toEqual(["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]);
    expect(api.callsOf("answerCallbackQuery")[0]).toMatchObject({
      callback_query_id: expect.stringMatching(/^cq-/),
    });
    expect(api.callsOf("editMessageReplyMarkup")[0]).toEqual({
      chat_id: 5001,
      message_id: 77,
      reply_markup: { inline_keyboard: [] },
    });
  });

  it("still replies when the keyboard cannot be removed or the press is too old to answer", async () => {
    api.answer("answerCallbackQuery", { error_code: 400, description: "Bad Request: query is too old" });
    api.answer("editMessageReplyMarkup", {
      error_code: 400,
      description: "Bad Request: message is not modified",
    });
    await post(press("o1.track"));
    expect(api.callsOf("sendMessage")).toHaveLength(1);
  });

  it("handles an update delivered twice once: one engine call, one reply", async () => {
    const update = text("YT123");
    await post(update);
    const again = await post(update);
    expect(again.statusCode).toBe(200);
    expect(engine.seen).toHaveLength(1);
    expect(api.callsOf("sendMessage")).toHaveLength(1);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        msg: "telegram: duplicate update skipped",
        update_id: update.update_id,
        level: 20,
      }),
    );
  });

  it("answers a failure politely in the user's language, logs it with the update id, and keeps going", async () => {
    engine.answer = async () => {
      throw new Error("database on fire");
    };
    const failing = text("hi", 5001, "en");
    expect((await post(failing)).statusCode).toBe(200);
    expect(api.callsOf("sendMessage")).toEqual([{ chat_id: 5001, text: t("en", "error.internal") }]);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        msg: "telegram: handling an update failed",
        update_id: failing.update_id,
        level: 50,
      }),
    );

    engine.answer = async () => [{ kind: "text", text: "ok again" }];
    await post(text("hi again"));
    expect(api.callsOf("sendMessage").at(-1)).toEqual({ chat_id: "5001", text: "ok again" });
  });

  it("answers a staff member's failure in the directory's language (zh for wang)", async () => {
    engine.answer = async () => {
      throw new Error("boom");
    };
    await post(text("hi", 2001, "en"));
    expect(api.callsOf("sendMessage")).toEqual([{ chat_id: 2001, text: t("zh", "error.internal") }]);
  });

  it("does not try to answer a user who blocked the bot (403 on the reply)", async () => {
    api.answer("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await post(text("hi"));
    expect(api.callsOf("sendMessage")).toHaveLength(1);
  });

  it("removes the contact keyboard with the reply after the one that asked for the contact", async () => {
    engine.answer = async () => [{ kind: "ask_contact", text: "手机号?", buttonLabel: "分享手机号" }];
    await post(text("/pickup"));
    expect(api.callsOf("sendMessage")[0]?.reply_markup).toMatchObject({
      keyboard: expect.any(Array),
      one_time_keyboard: true,
    });
    engine.answer = async () => [{ kind: "text", text: "已记录" }];
    await post(text("13800000001"));
    expect(api.callsOf("sendMessage")[1]).toEqual({
      chat_id: "5001",
      text: "已记录",
      reply_markup: { remove_keyboard: true },
    });
    engine.answer = async () => [{ kind: "text", text: "再见" }];
    await post(text("again"));
    expect(api.callsOf("sendMessage")[2]).toEqual({ chat_id: "5001", text: "再见" });
  });

  it("issue 14 §1: sends a photo reply with sendPhoto by its stored file id, after the card", async () => {
    engine.answer = async () => [
      {
        kind: "choices",
        text: "客户查件 YT1\n10:05 客户:[照片]",
        choices: [{ label: "接单并回复", payload: "o1.take" }],
      },
      { kind: "photo", fileRef: "AgACAgUAAxkBAAIB-damage", caption: "10:05 客户发来的照片" },
    ];
    await post(text("/queries", 2001, "zh"));
    expect(handlingCalls()).toEqual(["sendMessage", "sendPhoto"]);
    expect(api.callsOf("sendPhoto")).toEqual([
      { chat_id: "2001", photo: "AgACAgUAAxkBAAIB-damage", caption: "10:05 客户发来的照片" },
    ]);
  });

  it("issue 14 §1: a file id Telegram refuses (another bot's, expired) becomes a text saying so; the turn goes on", async () => {
    api.answer("sendPhoto", {
      error_code: 400,
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
    engine.answer = async () => [
      { kind: "choices", text: "客户查件 YT1", choices: [{ label: "接单并回复", payload: "o1.take" }] },
      { kind: "photo", fileRef: "from-another-bot", caption: "10:05 客户发来的照片" },
      { kind: "photo", fileRef: "AgACAgUAAxkBAAIB-ok" },
    ];
    const update = text("/queries", 2001, "zh");
    expect((await post(update)).statusCode).toBe(200);
    expect(handlingCalls()).toEqual(["sendMessage", "sendPhoto", "sendMessage", "sendPhoto"]);
    expect(api.callsOf("sendMessage")[1]).toEqual({
      chat_id: "2001",
      text: "[照片无法显示]\n10:05 客户发来的照片",
    });
    expect(api.callsOf("sendPhoto")[1]).toEqual({ chat_id: "2001", photo: "AgACAgUAAxkBAAIB-ok" });
    expect(api.callsOf("sendMessage").map((c) => c.text)).not.toContain(t("zh", "error.internal"));
    expect(logLines).toContainEqual(expect.objectContaining({ fileId: "from-another-bot", level: 40 }));
    expect(logLines).not.toContainEqual(
      expect.objectContaining({ msg: "telegram: handling an update failed" }),
    );

    // Without a caption, in English: only the words that the photo cannot be shown.
    api.answer("sendPhoto", {
      error_code: 400,
      description: "Bad Request: wrong remote file identifier specified",
    });
    engine.answer = async () => [{ kind: "photo", fileRef: "expired" }];
    await post(text("/queries", 2005, "en"));
    expect(api.callsOf("sendMessage").at(-1)).toEqual({
      chat_id: "2005",
      text: "[the photo cannot be shown]",
    });
  });

  it("ignores chatter in the dispatch group and anything in other groups, answering stray presses", async () => {
    const group = { id: DISPATCH, type: "supergroup", title: "调度" };
    await post(text("我到了", 2003, "zh", group));
    await post(text("/track YT1", 5001, "zh", { id: -100999, type: "group", title: "family" }));
    await post(press("o1.x", 5001, { id: -100999, type: "group", title: "family" }));
    expect(engine.seen).toEqual([]);
    expect(handlingCalls()).toEqual(["answerCallbackQuery"]);

    await post(text("/pickups", 2003, "zh", group));
    expect(engine.seen[0]).toMatchObject({
      who: { isGroup: true, person: { id: "zhang" } },
      input: { kind: "command", name: "pickups" },
    });
    expect(api.callsOf("sendMessage")[0]).toMatchObject({ chat_id: String(DISPATCH) });
  });
});

describe("the Telegram channel: toasts, live keyboards and the dispatch group (issue 14 §3, §6)", () => {
  let http: FastifyInstance;
  let channel: TelegramChannel;
  let engine: FakeEngine;
  const group = { id: DISPATCH, type: "supergroup", title: "调度" };
  const post = (update: Update) =>
    http.inject({
      method: "POST",
      url: WEBHOOK_PATH,
      headers: { "x-telegram-bot-api-secret-token": webhookSecret(TOKEN) },
      payload: update,
    });
  const toast = (text: string): RenderedReply => ({ kind: "toast", text });

  beforeEach(async () => {
    http = Fastify();
    engine = new FakeEngine();
    channel = createTelegram(channelOptions("https://desk.example/telegram/webhook"));
    channel.attach({ engine });
    channel.registerRoutes(http);
    await channel.start();
    api.calls.length = 0;
  });
  afterEach(async () => {
    await channel.stop();
    await http.close();
  });

  it("answers a stale press with the toast's text and sends no message", async () => {
    engine.answer = async () => [toast("这个按钮已过期,请用最新消息里的按钮继续。")];
    await post(press("o1.large", 5002));
    expect(api.callsOf("answerCallbackQuery")).toEqual([
      { callback_query_id: expect.stringMatching(/^cq-/), text: "这个按钮已过期,请用最新消息里的按钮继续。" },
    ]);
    expect(api.callsOf("sendMessage")).toEqual([]);
  });

  it("keeps the keyboard of the current step when a press is only toasted, and removes an old one", async () => {
    engine.answer = async () => [
      { kind: "choices", text: "confirm?", choices: [{ label: "是", payload: "o2.yes" }] },
    ];
    await post(text("/pizza", 5003));
    const asked = api.results("sendMessage").at(-1) as { message_id: number };
    engine.answer = async () => [toast("stale")];
    api.calls.length = 0;
    await post(press("o2.yes", 5003, privateChat(5003), asked.message_id)); // a double tap on the current step
    expect(handlingCalls()).toEqual(["answerCallbackQuery"]);
    api.calls.length = 0;
    await post(press("o1.small", 5003)); // message 77: an older one
    expect(api.callsOf("editMessageReplyMarkup")).toEqual([
      { chat_id: 5003, message_id: 77, reply_markup: { inline_keyboard: [] } },
    ]);
    expect(api.callsOf("sendMessage")).toEqual([]);
  });

  it("removes the keyboard of a step once it is answered, by a press or by typing", async () => {
    engine.answer = async () => [
      { kind: "choices", text: "yes or no?", choices: [{ label: "否", payload: "o1.no" }] },
    ];
    await post(text("/ask", 5004));
    const asked = api.results("sendMessage").at(-1) as { message_id: number };
    engine.answer = async () => [{ kind: "text", text: "好的,不寄了" }];
    api.calls.length = 0;
    await post(text("否", 5004)); // typed, not pressed
    expect(handlingCalls()).toEqual(["editMessageReplyMarkup", "sendMessage"]);
    expect(api.callsOf("editMessageReplyMarkup")[0]).toEqual({
      chat_id: "5004",
      message_id: asked.message_id,
      reply_markup: { inline_keyboard: [] },
    });
    api.calls.length = 0;
    await post(text("again", 5004)); // nothing live any more: nothing to remove
    expect(handlingCalls()).toEqual(["sendMessage"]);
  });

  it("a group member the card is not for gets a toast, and the card's keyboard stays", async () => {
    engine.answer = async () => [toast("这个按钮是给负责的同事用的,卡片已为他们保留。")];
    await post(press("a.pa.p1", 2001, group));
    expect(engine.seen[0]?.who).toMatchObject({
      isGroup: true,
      privateChat: { channel: "telegram", chatId: "2001", userId: "2001" },
    });
    expect(handlingCalls()).toEqual(["answerCallbackQuery"]);
    expect(api.callsOf("answerCallbackQuery")[0]).toMatchObject({
      text: "这个按钮是给负责的同事用的,卡片已为他们保留。",
    });
  });

  it("sends a personal card asked for in the group to the person privately; the group card stays", async () => {
    engine.answer = async () => [
      toast("已私信发给您。"),
      {
        kind: "choices",
        text: "您的取件单",
        choices: [{ label: "详情", payload: "o1.p1" }],
        privately: true,
      },
    ];
    await post(press("a.pa.p1", 2003, group));
    expect(handlingCalls()).toEqual(["answerCallbackQuery", "sendMessage"]);
    expect(api.callsOf("answerCallbackQuery")[0]).toMatchObject({ text: "已私信发给您。" });
    expect(api.callsOf("sendMessage")[0]).toMatchObject({ chat_id: "2003", text: "您的取件单" });

    api.calls.length = 0;
    engine.answer = async () => [{ kind: "text", text: "员工菜单", privately: true }];
    await post(text("/menu", 2003, "zh", group));
    expect(api.callsOf("sendMessage")).toEqual([{ chat_id: "2003", text: "员工菜单" }]);
  });

  it("asks a group member to open a private chat when the bot may not write to them yet", async () => {
    engine.answer = async () => [{ kind: "text", text: "员工菜单", privately: true }];
    api.answer("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    await post(text("/menu", 2003, "zh", group));
    expect(api.callsOf("sendMessage")[1]).toEqual({
      chat_id: String(DISPATCH),
      text: "x,请先私聊我(@desk_test_bot)并发送 /start,我才能把您的单子私信发给您。",
    });
  });
});

describe("the Telegram channel, long polling", () => {
  it("polls through the runner, handles each update once and one chat's updates in order, and stops", async () => {
    api.calls.length = 0;
    const channel = createTelegram(channelOptions());
    const engine = new FakeEngine();
    const order: string[] = [];
    engine.answer = async (_who, input) => {
      const label = input.kind === "text" ? input.text : input.kind;
      order.push(`start ${label}`);
      if (label === "first") await new Promise((done) => setTimeout(done, 150)); // the slow one
      order.push(`end ${label}`);
      return [{ kind: "text", text: `re ${label}` }];
    };
    channel.attach({ engine });
    const first = text("first", 6001);
    const second = text("second", 6001);
    api.updates.push(first, second, { ...first }); // the first again, as after a crash
    await channel.start();
    await expect.poll(() => api.callsOf("sendMessage").length, { timeout: 5000 }).toBe(2);
    await channel.stop();

    expect(order).toEqual(["start first", "end first", "start second", "end second"]);
    expect(api.callsOf("sendMessage").map((m) => m.text)).toEqual(["re first", "re second"]);
    expect(api.callsOf("deleteWebhook")).toHaveLength(1);
    expect(api.callsOf("getUpdates")[0]).toMatchObject({ allowed_updates: ["message", "callback_query"] });
    const polls = api.callsOf("getUpdates").length;
    await new Promise((done) => setTimeout(done, 700));
    // Stopped: the fake holds an empty poll 300 ms, so a runner still polling would ask twice
    // more; the one poll stop() aborted may still reach the fake after stop() (a busy machine).
    expect(api.callsOf("getUpdates").length).toBeLessThanOrEqual(polls + 1);
    api.updates.length = 0;
  });

  it("fails to start with a clear message when the Bot API refuses the token", async () => {
    api.answer("getMe", { error_code: 401, description: "Unauthorized" });
    const channel = createTelegram(channelOptions());
    await expect(channel.start()).rejects.toThrow(/does not accept the bot token/);
  });
});
