import { describe, expect, it } from "vitest";
import { languageFromHint, sameChat } from "../../../src/domain/kernel/chat";

describe("language from a platform's hint", () => {
  it.each([
    [undefined, "zh"],
    ["zh-hans", "zh"],
    ["ZH", "zh"],
    ["en", "en"],
    ["de-DE", "en"],
    ["", "zh"],
    ["1x", "zh"],
  ])("%j → %s (Chinese first; any other language gets English)", (hint, language) => {
    expect(languageFromHint(hint)).toBe(language);
  });
});

describe("the same chat (a claim's, a complaint's, a query's customer)", () => {
  const chat = { channel: "telegram", chatId: "2001" } as const;
  it("is the same channel and chat id, whoever in a group chat", () => {
    expect(sameChat(chat, { ...chat })).toBe(true);
    expect(sameChat({ ...chat, userId: "7" }, { ...chat, userId: "8" })).toBe(true);
  });
  it("is not another chat id, the same id on another channel, or no chat", () => {
    expect(sameChat(chat, { ...chat, chatId: "2002" })).toBe(false);
    expect(sameChat(chat, { channel: "web", chatId: "2001" })).toBe(false);
    expect(sameChat(null, chat)).toBe(false);
    expect(sameChat(undefined, chat)).toBe(false);
  });
});
