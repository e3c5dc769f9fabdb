/**
 * Posts Telegram webhook updates (`/track <no>` from a customer's private chat) to a bot, either
 * with a fixed number in flight (throughput) or paced at a fixed rate (latency), and measures each
 * update from the POST to the last reply the fake Bot API received for its chat.
 */
import { Agent, request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeBotApi } from "./fake-bot-api";

export interface LoadTarget {
  webhookUrl: string;
  secret: string;
  api: FakeBotApi;
}

export interface LoadResult {
  updates: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Messages (sendMessage, sendPhoto, editMessageReplyMarkup) per update. */
  repliesPerUpdate: number;
  failed: number;
}

let nextUpdateId = 1_000_000 + Math.floor(Math.random() * 1_000_000);
let nextChat = 5_000_000_000;

export function trackUpdate(chatId: number, trackingNo: string): string {
  const text = `/track ${trackingNo}`;
  return JSON.stringify({
    update_id: nextUpdateId++,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "客户" },
      from: { id: chatId, is_bot: false, first_name: "客户", language_code: "zh-hans" },
      text,
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Posts one update to the webhook as Telegram does (its secret header) over `via`, and gives the
 * HTTP status: 0 when the connection failed.
 */
export function postUpdate(target: LoadTarget, body: string, via: Agent = agent): Promise<number> {
  const url = new URL(target.webhookUrl);
  return new Promise((resolve) => {
    const req = request(
      {
        agent: via,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-telegram-bot-api-secret-token": target.secret,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** One update: POST, then the moment of the chat's last reply (or the response, if later). */
async function one(
  target: LoadTarget,
  trackingNo: string,
): Promise<{ ms: number; replies: number; ok: boolean }> {
  const chatId = nextChat++;
  const body = trackUpdate(chatId, trackingNo);
  const started = performance.now();
  const status = await postUpdate(target, body);
  const done = performance.now();
  const replies = target.api.replies.get(String(chatId)) ?? [];
  const last = replies.reduce((m, r) => Math.max(m, r.at), started);
  target.api.replies.delete(String(chatId));
  return { ms: Math.max(last, done) - started, replies: replies.length, ok: status === 200 };
}

function summary(results: { ms: number; replies: number; ok: boolean }[], seconds: number): LoadResult {
  const ms = results.map((r) => r.ms);
  return {
    updates: results.length,
    seconds,
    perSecond: results.length / seconds,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    repliesPerUpdate: results.reduce((a, r) => a + r.replies, 0) / Math.max(1, results.length),
    failed: results.filter((r) => !r.ok).length,
  };
}

/** `count` updates with `inFlight` posted at any time. */
export async function closedLoop(
  target: LoadTarget,
  trackingNos: readonly string[],
  count: number,
  inFlight: number,
): Promise<LoadResult> {
  const results: { ms: number; replies: number; ok: boolean }[] = [];
  let i = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (i < count) {
        const n = i++;
        results.push(await one(target, trackingNos[n % trackingNos.length] ?? "BN0000000000"));
      }
    }),
  );
  return summary(results, (performance.now() - started) / 1000);
}

/** `count` updates posted at `perSecond`, whatever the answers take (an open loop). */
export async function paced(
  target: LoadTarget,
  trackingNos: readonly string[],
  count: number,
  perSecond: number,
): Promise<LoadResult> {
  const tasks: Promise<{ ms: number; replies: number; ok: boolean }>[] = [];
  const started = performance.now();
  for (let n = 0; n < count; n++) {
    const due = started + (n * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    tasks.push(one(target, trackingNos[(n * 7919) % trackingNos.length] ?? "BN0000000000"));
  }
  const results = await Promise.all(tasks);
  return summary(results, (performance.now() - started) / 1000);
}
