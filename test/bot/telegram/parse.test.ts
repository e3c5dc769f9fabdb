import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { largestPhoto, parseUpdate } from "../../../src/bot/telegram/parse";
import { DirectoryIndex, parseDirectory } from "../../../src/domain/config/directory";
import { parseCommand } from "../../../src/flows/engine";
import { branchDirectory } from "../../support/branch";

const DISPATCH = -1001234567;
const directory = branchDirectory();
const options = { directory, botUsername: "desk_bot" };

type From = { id: number; is_bot: boolean; first_name: string; language_code?: string };
const customer: From = { id: 5001, is_bot: false, first_name: "Li", language_code: "en" };
const agent = { id: 2001, is_bot: false, first_name: "Wang", language_code: "zh-hans" };
const privateChat = (id: number) => ({ id, type: "private" as const, first_name: "x" });
const dispatchGroup = { id: DISPATCH, type: "supergroup" as const, title: "调度群" };
const otherGroup = { id: -100999, type: "group" as const, title: "家人群" };

let nextId = 1;
function message(
  fields: Record<string, unknown>,
  from: From = customer,
  chat: object = privateChat(from.id),
): Update {
  return {
    update_id: nextId++,
    message: { message_id: nextId, date: 0, chat, from, ...fields },
  } as unknown as Update;
}
function press(data: string | undefined, from: From = customer, chat: object = privateChat(from.id)): Update {
  return {
    update_id: nextId++,
    callback_query: {
      id: `cq${nextId}`,
      from,
      chat_instance: "1",
      ...(data === undefined ? {} : { data }),
      message: { message_id: 42, date: 0, chat, text: "pick one" },
    },
  } as unknown as Update;
}

describe("parseUpdate: a private chat", () => {
  it.each([
    ["a text", { text: "YT1234567890" }, { kind: "text", text: "YT1234567890" }],
    ["a command with arguments", { text: "/track YT123" }, { kind: "command", name: "track", args: "YT123" }],
    [
      "a command addressed to the bot",
      { text: "/Help@desk_bot" },
      { kind: "command", name: "help", args: "" },
    ],
    [
      "a command with arguments on several lines",
      { text: "/human  where\nis it " },
      { kind: "command", name: "human", args: "where\nis it" },
    ],
    ["a slash that is no command", { text: "/ 你好" }, { kind: "text", text: "/ 你好" }],
    [
      "the user's own contact",
      { contact: { phone_number: "+8613800000001", first_name: "Li", user_id: 5001 } },
      { kind: "contact", phone: "+8613800000001", ownContact: true },
    ],
    [
      "someone else's contact",
      { contact: { phone_number: "13900000002", first_name: "Wu", user_id: 6001 } },
      { kind: "contact", phone: "13900000002", ownContact: false },
    ],
    [
      "a contact typed by hand (no user id)",
      { contact: { phone_number: "13900000002", first_name: "Wu" } },
      { kind: "contact", phone: "13900000002", ownContact: false },
    ],
    [
      "a location",
      { location: { latitude: 32.39, longitude: 119.43 } },
      { kind: "location", latitude: 32.39, longitude: 119.43 },
    ],
    [
      "a photo (its largest size)",
      {
        photo: [
          { file_id: "small", file_unique_id: "s", width: 90, height: 60 },
          { file_id: "large", file_unique_id: "l", width: 1280, height: 853 },
          { file_id: "medium", file_unique_id: "m", width: 320, height: 213 },
        ],
      },
      { kind: "photo", fileRef: "large" },
    ],
    [
      "a photo with its caption (issue 14 §1: the words sent with it are kept)",
      {
        photo: [{ file_id: "only", file_unique_id: "o", width: 800, height: 600 }],
        caption: " 箱子压坏了 ",
      },
      { kind: "photo", fileRef: "only", caption: "箱子压坏了" },
    ],
    [
      "a sticker (no input of its own: an empty text)",
      { sticker: { file_id: "st" } },
      { kind: "text", text: "" },
    ],
  ])("turns %s into the engine's input", (_name, fields, input) => {
    const parsed = parseUpdate(message(fields), options);
    expect(parsed).toMatchObject({ input });
  });

  it("names the chat and the user, and passes the language hint; a stranger is a customer", () => {
    const parsed = parseUpdate(message({ text: "hi" }), options);
    expect(parsed).toEqual({
      who: {
        chat: { channel: "telegram", chatId: "5001", userId: "5001" },
        person: undefined,
        isGroup: false,
        languageHint: "en",
      },
      input: { kind: "text", text: "hi" },
    });
  });

  it("recognises staff by their Telegram id in the directory", () => {
    const parsed = parseUpdate(message({ text: "/queries" }, agent), options);
    expect(parsed).toMatchObject({
      who: { person: { id: "wang" }, isGroup: false, languageHint: "zh-hans" },
    });
  });

  it("passes the words of the bot's message a text replies to, and not a reply to a person's", () => {
    const bot = { id: 9, is_bot: true, first_name: "desk" };
    const push = {
      message_id: 7,
      date: 0,
      from: bot,
      chat: privateChat(5001),
      text: "您的快件 YT1234567890 已到达",
    };
    expect(parseUpdate(message({ text: "什么时候能送到", reply_to_message: push }), options)).toMatchObject({
      input: { kind: "text", text: "什么时候能送到", replyTo: "您的快件 YT1234567890 已到达" },
    });
    const own = { ...push, from: customer, text: "YT9999999999" };
    const parsed = parseUpdate(message({ text: "什么时候能送到", reply_to_message: own }), options);
    expect(parsed).toMatchObject({ input: { kind: "text", text: "什么时候能送到" } });
    expect(parsed).not.toHaveProperty("input.replyTo");
  });

  it("passes a text of 10 000 characters whole (the engine says it is too long)", () => {
    const text = "长".repeat(10_000);
    expect(parseUpdate(message({ text }), options)).toMatchObject({ input: { kind: "text", text } });
  });

  it("ignores messages from bots and edited messages", () => {
    const fromBot = message({ text: "hi" }, { ...customer, is_bot: true });
    expect(parseUpdate(fromBot, options)).toHaveProperty("ignored");
    const edited = {
      update_id: 9,
      edited_message: { message_id: 1, date: 0, chat: privateChat(1), text: "x" },
    } as unknown as Update;
    expect(parseUpdate(edited, options)).toEqual({ ignored: "update of another kind (edited_message)" });
  });
});

describe("parseUpdate: button presses", () => {
  it("turns a press into a choice with the untrusted payload, and remembers the message to clean up", () => {
    const parsed = parseUpdate(press("o1.track"), options);
    expect(parsed).toMatchObject({
      who: { chat: { chatId: "5001", userId: "5001" }, isGroup: false },
      input: { kind: "choice", payload: "o1.track" },
      callback: { chatId: 5001, messageId: 42 },
    });
  });

  it("passes a press without data as an empty payload (the engine calls the button expired)", () => {
    expect(parseUpdate(press(undefined), options)).toMatchObject({ input: { kind: "choice", payload: "" } });
  });

  it("handles a press in the dispatch group, as the person who pressed", () => {
    const courier = { id: 2003, is_bot: false, first_name: "Zhang" };
    const parsed = parseUpdate(press("a.pa.p123", courier, dispatchGroup), options);
    expect(parsed).toMatchObject({
      who: { chat: { chatId: String(DISPATCH), userId: "2003" }, person: { id: "zhang" }, isGroup: true },
      input: { kind: "choice", payload: "a.pa.p123" },
    });
  });

  it("ignores a press in another group but still lets it be answered", () => {
    const parsed = parseUpdate(press("o1.x", customer, otherGroup), options);
    expect(parsed).toMatchObject({ ignored: expect.any(String), callbackQueryId: expect.any(String) });
  });
});

describe("parseUpdate: groups", () => {
  it("takes commands in the dispatch group", () => {
    const parsed = parseUpdate(message({ text: "/pickups@desk_bot" }, agent, dispatchGroup), options);
    expect(parsed).toMatchObject({
      who: { isGroup: true, person: { id: "wang" } },
      input: { kind: "command", name: "pickups" },
    });
  });

  it("ignores ordinary chatter in the dispatch group", () => {
    expect(parseUpdate(message({ text: "我到了" }, agent, dispatchGroup), options)).toEqual({
      ignored: "chatter in the dispatch group",
    });
    expect(
      parseUpdate(message({ location: { latitude: 1, longitude: 2 } }, agent, dispatchGroup), options),
    ).toHaveProperty("ignored");
  });

  it("ignores a command in the dispatch group addressed to another bot", () => {
    expect(parseUpdate(message({ text: "/start@other_bot" }, agent, dispatchGroup), options)).toEqual({
      ignored: "a command for @other_bot",
    });
  });

  it("ignores every other group and channel entirely", () => {
    expect(parseUpdate(message({ text: "/track YT1" }, customer, otherGroup), options)).toHaveProperty(
      "ignored",
    );
    const channel = { id: -100777, type: "channel", title: "news" };
    expect(parseUpdate(message({ text: "/track YT1" }, customer, channel), options)).toHaveProperty(
      "ignored",
    );
  });

  it("ignores groups when no dispatch group is configured", () => {
    const none = new DirectoryIndex(parseDirectory({ branch: { name: "b", hotline: "00000" } }));
    expect(
      parseUpdate(message({ text: "/pickups" }, agent, dispatchGroup), { directory: none }),
    ).toHaveProperty("ignored");
  });
});

describe("parseCommand and largestPhoto", () => {
  it("lower-cases the command name and keeps the bot it names", () => {
    expect(parseCommand("/TRACK@Desk_Bot  YT1 ")).toEqual({ name: "track", bot: "Desk_Bot", args: "YT1" });
    expect(parseCommand("track YT1")).toBeUndefined();
    expect(parseCommand(`/${"x".repeat(33)}`)).toBeUndefined();
  });

  it("picks the size with the most pixels whatever the order", () => {
    const sizes = [
      { file_id: "b", file_unique_id: "b", width: 800, height: 600 },
      { file_id: "a", file_unique_id: "a", width: 100, height: 100 },
    ];
    expect(largestPhoto(sizes).file_id).toBe("b");
  });
});
