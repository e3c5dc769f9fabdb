/**
 * A small, fast stand-in for the Telegram Bot API (TELEGRAM_API_ROOT): answers every method the
 * service and the bare bot call, and records each message sent with the moment it arrived, so the
 * bench can tell when an update's last reply left the bot.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SentReply {
  method: string;
  chatId: string;
  at: number;
}

export interface FakeBotApi {
  url: string;
  /** Replies by chat id, in arrival order (performance.now() clock of this process). */
  replies: Map<string, SentReply[]>;
  /** How many calls of each method arrived. */
  calls: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export const BOT_USER = { id: 7_000_000_001, is_bot: true, first_name: "Bench", username: "bench_desk_bot" };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function resultOf(method: string, body: Record<string, unknown>, messageId: number): unknown {
  switch (method) {
    case "getMe":
      return {
        ...BOT_USER,
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      };
    case "sendMessage":
    case "sendPhoto":
      return {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(body.chat_id), type: "private" },
        from: BOT_USER,
        text: typeof body.text === "string" ? body.text : "",
      };
    case "getWebhookInfo":
      return { url: "", has_custom_certificate: false, pending_update_count: 0 };
    default:
      return true;
  }
}

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const replies = new Map<string, SentReply[]>();
  const calls = new Map<string, number>();
  let messageId = 1;
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const method = (request.url ?? "").split("/").pop()?.split("?")[0] ?? "";
    let params: Record<string, unknown> = {};
    if (body && (request.headers["content-type"] ?? "").includes("json")) {
      try {
        params = JSON.parse(body) as Record<string, unknown>;
      } catch {
        params = {};
      }
    }
    calls.set(method, (calls.get(method) ?? 0) + 1);
    if (method === "sendMessage" || method === "sendPhoto" || method === "editMessageReplyMarkup") {
      const chatId = String(params.chat_id);
      let list = replies.get(chatId);
      if (!list) {
        list = [];
        replies.set(chatId, list);
      }
      list.push({ method, chatId, at: performance.now() });
    }
    const payload = JSON.stringify({ ok: true, result: resultOf(method, params, messageId++) });
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(payload),
    });
    response.end(payload);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    replies,
    calls,
    reset() {
      replies.clear();
      calls.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
