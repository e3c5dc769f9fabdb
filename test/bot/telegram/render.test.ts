import { describe, expect, it } from "vitest";
import {
  inlineKeyboard,
  MAX_CAPTION_LENGTH,
  MAX_MESSAGE_LENGTH,
  RenderError,
  renderReplies,
  splitText,
} from "../../../src/bot/telegram/render";
import type { RenderedReply } from "../../../src/flows/types";

describe("renderReplies: each reply kind in Telegram's idiom", () => {
  it.each<[string, RenderedReply, unknown[]]>([
    ["a text as it is", { kind: "text", text: "您好" }, [{ text: "您好" }]],
    [
      "choices as an inline keyboard whose callback data is the payload",
      {
        kind: "choices",
        text: "请选择:",
        choices: [
          { label: "查件", payload: "o1.track" },
          { label: "预约取件", payload: "o1.pickup" },
          { label: "English", payload: "l" },
        ],
      },
      [
        {
          text: "请选择:",
          reply_markup: {
            inline_keyboard: [
              [
                { text: "查件", callback_data: "o1.track" },
                { text: "预约取件", callback_data: "o1.pickup" },
              ],
              [{ text: "English", callback_data: "l" }],
            ],
          },
        },
      ],
    ],
    [
      "a list as bullet lines under its title",
      { kind: "list", title: "YT123 的轨迹:", items: ["11-27 10:00 扬州 派送中", "11-26 20:00 南京 已发出"] },
      [{ text: "YT123 的轨迹:\n• 11-27 10:00 扬州 派送中\n• 11-26 20:00 南京 已发出" }],
    ],
    [
      "a contact request as a one-time reply keyboard",
      { kind: "ask_contact", text: "请分享您的手机号", buttonLabel: "📱 分享手机号" },
      [
        {
          text: "请分享您的手机号",
          reply_markup: {
            keyboard: [[{ text: "📱 分享手机号", request_contact: true }]],
            one_time_keyboard: true,
            resize_keyboard: true,
          },
        },
      ],
    ],
  ])("renders %s", (_name, reply, expected) => {
    expect(renderReplies([reply]).messages).toEqual(expected);
  });

  it("puts long labels one to a row so they stay readable", () => {
    const keyboard = inlineKeyboard([
      { label: "⚠10:30 YT1234567890 包裹到哪了… · 王芳", payload: "o2.q.1" },
      { label: "返回", payload: "o2.back" },
    ]);
    expect(keyboard.inline_keyboard.map((row) => row.length)).toEqual([1, 1]);
  });

  it("refuses a payload longer than Telegram's 64 bytes of callback data (Chinese counts 3 bytes a character)", () => {
    expect(() => inlineKeyboard([{ label: "x", payload: `o1.${"单".repeat(21)}` }])).toThrow(RenderError);
    expect(() => inlineKeyboard([{ label: "x", payload: `o1.${"a".repeat(61)}` }])).not.toThrow();
    expect(() => inlineKeyboard([{ label: "x", payload: "" }])).toThrow(RenderError);
  });

  it("sends no message for an empty text, and a placeholder for buttons without a text", () => {
    expect(renderReplies([{ kind: "text", text: "  " }]).messages).toEqual([]);
    const [message] = renderReplies([
      { kind: "choices", text: "", choices: [{ label: "OK", payload: "o1.ok" }] },
    ]).messages;
    expect(message && "text" in message ? message.text : undefined).toBe("…");
  });
});

describe("renderReplies: a photo by the file id the desk stored (issue 14 §1)", () => {
  it("becomes one sendPhoto with the file id and its caption, after the card it follows", () => {
    const { messages } = renderReplies([
      { kind: "choices", text: "客户查件 YT1", choices: [{ label: "接单并回复", payload: "o1.take" }] },
      { kind: "photo", fileRef: "AgACAgUAAxkBAAIB-damage", caption: "10:05 客户发来的照片" },
    ]);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toEqual({ photo: "AgACAgUAAxkBAAIB-damage", caption: "10:05 客户发来的照片" });
  });

  it("sends no empty caption, and cuts one over Telegram's 1024 characters", () => {
    expect(renderReplies([{ kind: "photo", fileRef: "f1", caption: " " }]).messages).toEqual([
      { photo: "f1" },
    ]);
    const [long] = renderReplies([{ kind: "photo", fileRef: "f2", caption: "摔".repeat(2000) }]).messages;
    const caption = long && "caption" in long ? (long.caption ?? "") : "";
    expect(caption).toHaveLength(MAX_CAPTION_LENGTH);
    expect(caption.endsWith("…")).toBe(true);
  });

  it("takes the contact keyboard away like any message without buttons", () => {
    const { messages, replyKeyboardShown } = renderReplies([{ kind: "photo", fileRef: "f3" }], true);
    expect(messages).toEqual([{ photo: "f3", reply_markup: { remove_keyboard: true } }]);
    expect(replyKeyboardShown).toBe(false);
  });
});

describe("renderReplies: the contact keyboard is removed by the next reply", () => {
  const ask: RenderedReply = { kind: "ask_contact", text: "手机号?", buttonLabel: "分享" };

  it("reports the keyboard shown after an ask_contact", () => {
    expect(renderReplies([ask]).replyKeyboardShown).toBe(true);
  });

  it("removes it with the first reply of the next turn that carries no inline keyboard", () => {
    const { messages, replyKeyboardShown } = renderReplies(
      [
        { kind: "choices", text: "确认?", choices: [{ label: "是", payload: "o3.yes" }] },
        { kind: "text", text: "已记录" },
        { kind: "text", text: "再见" },
      ],
      true,
    );
    expect(messages[0]?.reply_markup).toHaveProperty("inline_keyboard");
    expect(messages[1]?.reply_markup).toEqual({ remove_keyboard: true });
    expect(messages[2]?.reply_markup).toBeUndefined();
    expect(replyKeyboardShown).toBe(false);
  });

  it("keeps it pending when every reply of the turn has buttons", () => {
    const rendered = renderReplies(
      [{ kind: "choices", text: "?", choices: [{ label: "是", payload: "o3.yes" }] }],
      true,
    );
    expect(rendered.replyKeyboardShown).toBe(true);
  });

  it("does not remove a keyboard that is not there", () => {
    expect(renderReplies([{ kind: "text", text: "hi" }], false).messages[0]?.reply_markup).toBeUndefined();
  });
});

describe("splitText: messages over 4096 characters", () => {
  it("splits a long text at line breaks into messages within the limit, losing nothing", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `第 ${i} 行:包裹已到达扬州分拨中心`);
    const text = lines.join("\n");
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(parts.join("\n")).toBe(text);
  });

  it("cuts a text without breaks at the limit but never inside a surrogate pair", () => {
    const text = `a${"😀".repeat(3000)}`; // 6001 UTF-16 units, pairs straddle the limit
    const parts = splitText(text);
    expect(parts.join("")).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });

  it("puts the buttons of long choices on the last piece only", () => {
    const messages = renderReplies([
      { kind: "choices", text: "长".repeat(5000), choices: [{ label: "OK", payload: "o1.ok" }] },
    ]).messages;
    expect(messages).toHaveLength(2);
    expect(messages[0]?.reply_markup).toBeUndefined();
    expect(messages[1]?.reply_markup).toHaveProperty("inline_keyboard");
  });
});
