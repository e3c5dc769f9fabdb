import { webApi } from "@slack/bolt";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackSender } from "../../../src/bot/slack/sender";
import { SendRateLimitedError, SendRejectedError } from "../../../src/domain/ports/channel-sender";
import { SlackRecorder } from "../../support/slack-recorder";

const logLines: Record<string, unknown>[] = [];
const log = pino({ level: "debug" }, { write: (line: string) => logLines.push(JSON.parse(line)) });
let recorder: SlackRecorder;
let delivered: string[];
let sender: ReturnType<typeof createSlackSender>;

// A recorder per test: a 429 keeps limiting whoever comes back within its Retry-After (as Slack
// does), which must not reach the next test.
afterEach(() => recorder.stop());
beforeEach(async () => {
  recorder = await SlackRecorder.start();
  logLines.length = 0;
  delivered = [];
  // As createSlack makes it: no retries of its own, 429s rejected (the send queue retries and waits).
  const client = new webApi.WebClient("xoxb-test", {
    slackApiUrl: recorder.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  sender = createSlackSender(client, log, { delivered: (chatId) => delivered.push(chatId) });
});

const card = {
  chatId: "C0DISPATCH",
  text: "新取件预约 P1(城东):\n地址:文昌路 1 号",
  fields: [{ label: "地址", value: "文昌路 1 号" }],
  buttons: [{ label: "接单", payload: "a.accept.p1" }],
  select: { placeholder: "派给…", options: [{ label: "张伟", payload: "a.assign.p1-zhang" }] },
};

describe("the Slack ChannelSender (issue 10 §5)", () => {
  it("posts text, fields, buttons and the select in one message, and returns it (channel, ts) for later changes", async () => {
    const sent = await sender.send(card);
    const [call] = recorder.callsTo("chat.postMessage");
    expect(call?.args).toMatchObject({ channel: "C0DISPATCH", text: card.text });
    const blocks = call?.args.blocks as { type: string }[];
    expect(blocks.map((b) => b.type)).toEqual(["section", "section", "actions", "actions"]);
    expect(sent).toEqual([{ chatId: "C0DISPATCH", messageId: call?.result.ts }]);
    expect(delivered).toEqual(["C0DISPATCH"]);
  });

  it("returns the DM's channel id for a message to a user id (chat.update needs it), and nothing without buttons", async () => {
    const withButtons = await sender.send({
      chatId: "U0WANG",
      text: "新查件",
      buttons: [{ label: "接手", payload: "a.take.q1" }],
    });
    expect(withButtons).toEqual([{ chatId: recorder.dmChannel("U0WANG"), messageId: expect.any(String) }]);
    expect(await sender.send({ chatId: "U0WANG", text: "提醒" })).toEqual([]);
  });

  it("turns a 429 into SendRateLimitedError with Slack's Retry-After in milliseconds, one call only", async () => {
    recorder.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    const error = await sender.send(card).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendRateLimitedError);
    expect((error as SendRateLimitedError).retryAfterMs).toBe(7000);
    expect(recorder.callsTo("chat.postMessage")).toHaveLength(1);
    expect(delivered).toEqual([]);
  });

  it("turns channel_not_found, not_in_channel and account_inactive into SendRejectedError, said in the log", async () => {
    for (const code of ["channel_not_found", "not_in_channel", "account_inactive"]) {
      recorder.failNext("chat.postMessage", { error: code });
      const error = await sender.send(card).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(SendRejectedError);
      expect((error as Error).message).toContain(code);
    }
    expect(logLines.filter((l) => l.level === 40)).toHaveLength(3);
  });

  it("rethrows other failures (a 500, an unknown error) as they are, for the queue to back off and retry", async () => {
    recorder.failNext("chat.postMessage", { status: 500 });
    const http = await sender.send(card).catch((e: unknown) => e);
    expect(http).not.toBeInstanceOf(SendRejectedError);
    expect(http).not.toBeInstanceOf(SendRateLimitedError);
    recorder.failNext("chat.postMessage", { error: "fatal_error" });
    const fatal = await sender.send(card).catch((e: unknown) => e);
    expect(fatal).toMatchObject({ code: "slack_webapi_platform_error" });
  });

  it("updates a card in place with chat.update; a message gone or too old is skipped without an error", async () => {
    const [ref] = (await sender.send(card)) ?? [];
    if (!ref) throw new Error("no ref");
    await sender.update?.(ref, { text: "【已由 张伟 接单】取件预约 P1", fields: card.fields });
    const shown = recorder.message(ref.chatId, ref.messageId);
    expect(shown?.text).toBe("【已由 张伟 接单】取件预约 P1");
    expect(shown?.blocks.some((b) => b.type === "actions")).toBe(false);
    for (const code of ["message_not_found", "cant_update_message", "edit_window_closed"]) {
      recorder.failNext("chat.update", { error: code });
      await expect(sender.update?.(ref, { text: "x" })).resolves.toBeUndefined();
    }
    recorder.failNext("chat.update", { status: 429, retryAfter: 3 });
    await expect(sender.update?.(ref, { text: "x" })).rejects.toBeInstanceOf(SendRateLimitedError);
  });

  it("takes a card's buttons away and keeps its text and fields", async () => {
    const [ref] = (await sender.send(card)) ?? [];
    if (!ref) throw new Error("no ref");
    await sender.clearButtons?.(ref);
    const shown = recorder.message(ref.chatId, ref.messageId);
    expect(shown?.text).toBe(card.text);
    expect(shown?.blocks.map((b) => b.type)).toEqual(["section", "section"]);
    await expect(
      sender.clearButtons?.({ chatId: "C0DISPATCH", messageId: "1.000001" }),
    ).resolves.toBeUndefined();
  });
});
