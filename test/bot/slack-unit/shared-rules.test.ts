import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisLiveMessages } from "../../../src/bot/live-messages";
import { redisLiveButtons } from "../../../src/bot/slack/live";
import { escapeMrkdwn as slackEscape } from "../../../src/bot/slack/render";
import { redisLiveKeyboards } from "../../../src/bot/telegram/keyboards";
import { renderReply as telegramReply } from "../../../src/bot/telegram/render";
import { truncate } from "../../../src/domain/kernel/text";
import { toastOrMessage } from "../../../src/flows/engine";
import type { RenderedReply } from "../../../src/flows/types";

/**
 * Rules every channel applies alike, written once: a toast answers a press or is a message
 * (flows/engine toastOrMessage), the store of a chat's live buttons (src/bot/live-messages.ts),
 * cutting a text to a platform's limit (domain/kernel/text.ts truncate).
 */
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `test:live-messages:${process.pid}:${Date.now()}:`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("a toast answers a press; otherwise it is a message (toastOrMessage)", () => {
  const replies: RenderedReply[] = [
    { kind: "toast", text: "已过期" },
    { kind: "text", text: "菜单" },
  ];
  it("with a press: the toast answers it, the rest are messages, and the turn answers", () => {
    expect(toastOrMessage(replies, true)).toEqual({
      toasts: ["已过期"],
      messages: [{ kind: "text", text: "菜单" }],
      answers: true,
    });
  });
  it("without a press: every reply is a message, in order; toasts alone do not answer", () => {
    expect(toastOrMessage(replies, false)).toEqual({ toasts: [], messages: replies, answers: true });
    expect(toastOrMessage([{ kind: "toast", text: "x" }], false).answers).toBe(false);
  });
});

describe("one store of live buttons for every channel", () => {
  it("keeps the last messages per chat, drops malformed entries, and forgets an empty list", async () => {
    const store = redisLiveMessages(redis, `${prefix}generic:`, {
      max: 2,
      isValid: (v): v is number => typeof v === "number",
    });
    await store.set("c1", [1, 2, 3]);
    expect(await store.get("c1")).toEqual([2, 3]);
    await redis.set(`${prefix}generic:c2`, JSON.stringify([4, "x", null]));
    expect(await store.get("c2")).toEqual([4]);
    await redis.set(`${prefix}generic:c3`, "{not json");
    expect(await store.get("c3")).toEqual([]);
    await store.set("c1", []);
    expect(await redis.exists(`${prefix}generic:c1`)).toBe(0);
  });

  it("Telegram's keyboards and Slack's buttons are that store, under their own keys", async () => {
    const telegram = redisLiveKeyboards(redis, "bot1", `${prefix}tg:`);
    const slack = redisLiveButtons(redis, "app1", `${prefix}slack:`);
    await telegram.set("42", [7, 8]);
    await slack.set("U1", [{ channel: "D1", ts: "1.2", text: "hi", blocks: [] }]);
    expect(await telegram.get("42")).toEqual([7, 8]);
    expect(await slack.get("U1")).toEqual([{ channel: "D1", ts: "1.2", text: "hi", blocks: [] }]);
    expect(JSON.parse((await redis.get(`${prefix}tg:bot1:42`)) ?? "[]")).toEqual([7, 8]);
  });
});

describe("text helpers written once", () => {
  it("truncate cuts to the limit with an ellipsis and never splits an emoji", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
  });
  it("a Telegram caption and a Slack label use it", () => {
    const photo = telegramReply({ kind: "photo", fileRef: "f", caption: "长".repeat(2000) });
    expect(photo[0] && "caption" in photo[0] ? photo[0].caption?.endsWith("…") : false).toBe(true);
    expect(slackEscape("<a & b>")).toBe("&lt;a &amp; b&gt;");
  });
});
