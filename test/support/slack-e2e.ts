import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { expect } from "vitest";
import { t } from "../../src/domain/messages";
import type { BotMessage, ChatUser } from "../bot/telegram/emulator";
import type { SlackHarness } from "./slack-app";
import type { SlackUser } from "./slack-client";
import {
  type Block,
  poll,
  type SlackCall,
  type SlackMessage,
  type SlackRecorder,
  shownText,
} from "./slack-recorder";

/**
 * What the Slack e2e files share: a customer asking for a pickup on Telegram (the flow the
 * Telegram e2e walks), and "what was this Slack user told" across the ways a Slack app can
 * answer (the HTTP response to a command or action, its response_url, an ephemeral, a DM).
 */

const byData = (suffix: string) => (b: { data: string }) => b.data.endsWith(suffix);
const has = (text: string) => (m: BotMessage) => m.text.includes(text);

/** A customer on Telegram asks for an afternoon pickup of documents, paid now (SOP-20, SOP-28). */
export async function requestPickupOnTelegram(
  customer: ChatUser,
  address: string,
  phone: string,
): Promise<void> {
  await customer.send("/pickup");
  await customer.expect(has(t("zh", "customer.pickup.askAddress")), "asking the address");
  await customer.send(address);
  await customer.expect((m) => m.markup?.keyboard !== undefined, "with the contact button");
  await customer.shareContact(phone);
  await customer.expect(has(t("zh", "customer.pickup.askDestination")), "asking where to"); // SOP-27
  await customer.send("北京");
  await customer.expect(has(t("zh", "customer.pickup.askGoods")), "asking the goods");
  await customer.send("文件");
  const air = await customer.expect((m) => m.buttons.some(byData(".air:no")), "asking about air");
  await customer.pressOn(air, byData(".air:no"));
  const payment = await customer.expect(
    (m) => m.buttons.some(byData(".pay:sender_pays")),
    "asking the payment",
  );
  await customer.pressOn(payment, byData(".pay:sender_pays"));
  const when = await customer.expect((m) => m.buttons.some(byData(".when:afternoon")), "asking when");
  await customer.pressOn(when, byData(".when:afternoon"));
  const summary = await customer.expect((m) => m.buttons.some(byData(".submit")), "with the summary");
  await customer.pressOn(summary, byData(".submit"));
}

/**
 * How a pickup's card says who has it now, on every channel (src/domain/messages/cards.ts): the
 * head of its text, e.g. "【已由 张伟(105) 接单】取件预约". A select option naming the courier is
 * not this.
 */
export function cardHead(state: "accepted" | "assigned" | "collected", courier: string): string {
  const head = t("zh", `card.pickup.${state}`, { courier }).split("{ref}")[0]?.trim() ?? "";
  if (head.length < courier.length + 4)
    throw new Error(`card.pickup.${state} no longer starts with its courier`);
  return head;
}

/** Whether a Web API call is addressed to this user: an ephemeral for them, a DM, a view of theirs. */
export function isFor(recorder: SlackRecorder, user: SlackUser, call: SlackCall): boolean {
  const channel = String(call.args.channel ?? "");
  if (call.method === "chat.postEphemeral") return call.args.user === user.id;
  if (call.method === "chat.postMessage" || call.method === "chat.update") {
    return channel === user.id || channel === recorder.dmChannel(user.id);
  }
  return false;
}

/** A call's visible text (text and blocks). */
export function callText(call: SlackCall): string {
  const blocks = Array.isArray(call.args.blocks) ? (call.args.blocks as Block[]) : [];
  return shownText({ text: typeof call.args.text === "string" ? call.args.text : "", blocks });
}

/** One thing the user was told: where, and what. */
export interface Told {
  via: "http" | "response_url" | "chat.postEphemeral" | "chat.postMessage" | "chat.update";
  text: string;
  ts?: string;
}

/**
 * Everything a Slack user was told since `since` (a call count): the HTTP answer of their request
 * (when it carries a message), posts to the response_urls of their requests, ephemerals, DMs.
 */
export function toldSince(
  recorder: SlackRecorder,
  user: SlackUser,
  since: number,
  httpAnswer?: string,
  responseIds?: readonly string[],
): Told[] {
  const told: Told[] = [];
  if (httpAnswer && httpAnswer.trim() !== "") {
    const text = answerText(httpAnswer);
    if (text) told.push({ via: "http", text });
  }
  for (const call of recorder.calls.slice(since)) {
    if (call.status !== 200 || call.result.ok !== true) continue;
    if (call.method === "response_url") {
      if (responseIds && !responseIds.includes(String(call.args.response_id))) continue;
      if (call.args.delete_original === true || call.args.delete_original === "true") continue;
      told.push({ via: "response_url", text: callText(call) });
    } else if (call.method === "chat.postMessage" && isFor(recorder, user, call)) {
      told.push({ via: "chat.postMessage", text: callText(call), ts: String(call.result.ts) });
    } else if (call.method === "chat.postEphemeral" && isFor(recorder, user, call)) {
      told.push({ via: "chat.postEphemeral", text: callText(call) });
    }
  }
  return told;
}

/** The message of an HTTP answer to a command (plain text, or JSON with text/blocks). */
export function answerText(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if (typeof parsed !== "object" || parsed === null) return body;
    const blocks = Array.isArray(parsed.blocks) ? (parsed.blocks as Block[]) : [];
    return shownText({ text: typeof parsed.text === "string" ? parsed.text : "", blocks });
  } catch {
    return body;
  }
}

/** Waits until the user has been told something containing `text`; returns all they were told. */
export async function waitTold(
  recorder: SlackRecorder,
  user: SlackUser,
  since: number,
  text: string,
  httpAnswer?: string,
): Promise<Told[]> {
  return poll(
    () => {
      const told = toldSince(recorder, user, since, httpAnswer);
      return told.some((x) => x.text.includes(text)) ? told : undefined;
    },
    () =>
      `${user.name} was not told "${text}"; told: ${JSON.stringify(toldSince(recorder, user, since, httpAnswer))}; calls: ${recorder.describe(since)}`,
  );
}

/** The newest message in a channel showing this text, and its current version. */
export async function waitForPing(
  h: SlackHarness,
  channel: string,
  text: string,
  button: string,
): Promise<SlackMessage> {
  return h.recorder.waitForMessage(
    channel,
    (m) => shownText(m).includes(text) && shownText(m).includes(button),
    `showing "${text}" with a "${button}" button`,
  );
}

/** Expects the message (channel + ts) to come to show `text`, through chat.update on that same message. */
export async function waitUpdated(
  recorder: SlackRecorder,
  message: SlackMessage,
  shows: (text: string, message: SlackMessage) => boolean,
  what: string,
): Promise<SlackMessage> {
  const update = await recorder.waitFor(
    (c) =>
      c.method === "chat.update" &&
      c.result.ok === true &&
      c.result.channel === message.channel &&
      String(c.args.ts) === message.ts &&
      shows(callText(c), message),
    `updating ${message.channel}/${message.ts} ${what}`,
  );
  expect(update.args.ts).toBe(message.ts);
  const now = recorder.message(message.channel, message.ts);
  if (!now) throw new Error("the updated message is gone");
  return now;
}

/**
 * Waits until the channel's send queue (`send-slack`, `send-telegram`: src/jobs/queues.ts) holds
 * no job still to be sent to these chats: everything the service decided to send them is out, so
 * a count of what they received is final (no fixed sleep).
 */
export async function sendsSettled(
  h: SlackHarness,
  channel: "slack" | "telegram",
  chatIds: readonly (string | number)[],
): Promise<void> {
  const connection = new Redis(h.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(`send-${channel}`, { connection, prefix: "pd" });
  const wanted = new Set(chatIds.map(String));
  try {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const pending = await queue.getJobs(["wait", "active", "delayed", "prioritized", "waiting-children"]);
      // A message to one of these chats, or a card changed in place (its jobs name no chat).
      const ours = pending.filter((job) => {
        const data = job?.data as { chatId?: unknown; updateCard?: unknown } | undefined;
        return data?.updateCard !== undefined || wanted.has(String(data?.chatId));
      });
      if (ours.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`send-${channel} still holds ${ours.length} job(s) for ${[...wanted].join(", ")}`);
      }
      await new Promise((done) => setTimeout(done, 50));
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
