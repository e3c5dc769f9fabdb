import { createServer, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import TelegramServer from "telegram-test-api";

/**
 * The `telegram-test-api` emulator as a Bot API server for the real service (TELEGRAM_API_ROOT),
 * with users that send messages, contacts and button presses, and a view of what the bot sent.
 *
 * The emulator answers getUpdates at once, even with nothing to give: a small proxy in front of
 * it holds an empty getUpdates for a moment, as Telegram's long polling does, so the runner does
 * not spin. Everything else passes through untouched.
 */
export interface BotMessage {
  messageId: number;
  chatId: string;
  text: string;
  /** The inline buttons as the emulator holds them now (removed keyboards show as none). */
  buttons: { text: string; data: string }[];
  markup: Record<string, unknown> | undefined;
}

interface StoredBot {
  messageId: number;
  botToken: string;
  message: { chat_id: number | string; text?: string; reply_markup?: unknown };
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

export class Emulator {
  readonly server: TelegramServer;
  readonly #proxy: Server;
  /** TELEGRAM_API_ROOT for the service. */
  apiRoot = "";
  stopping = false;

  private constructor(server: TelegramServer, proxy: Server) {
    this.server = server;
    this.#proxy = proxy;
  }

  static async start(): Promise<Emulator> {
    const port = await freePort();
    const server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 600 });
    await server.start();
    const target = server.config.apiURL;
    let emulator: Emulator | undefined;
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        void (async () => {
          const body = Buffer.concat(chunks);
          const isPoll = (req.url ?? "").endsWith("/getUpdates");
          // The emulator keeps no answers to button presses: the toasts are recorded here.
          if ((req.url ?? "").endsWith("/answerCallbackQuery")) emulator?.recordAnswer(body);
          const started = Date.now();
          for (;;) {
            const answer = await fetch(`${target}${req.url}`, {
              method: req.method ?? "POST",
              headers: { "content-type": req.headers["content-type"] ?? "application/json" },
              ...(req.method === "GET" ? {} : { body }),
            }).catch(() => undefined);
            if (!answer) {
              res.destroy();
              return;
            }
            const text = await answer.text();
            const empty = isPoll && /"result":\[\]/.test(text);
            if (!empty || Date.now() - started > 1000 || res.destroyed || emulator?.stopping) {
              if (!res.destroyed) {
                res.writeHead(answer.status, { "content-type": "application/json" }).end(text);
              }
              return;
            }
            await new Promise((done) => setTimeout(done, 40));
          }
        })();
      });
    });
    await new Promise<void>((done) => proxy.listen(0, "127.0.0.1", done));
    emulator = new Emulator(server, proxy);
    emulator.apiRoot = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    return emulator;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.#proxy.closeAllConnections();
    await new Promise((done) => this.#proxy.close(done));
    await this.server.stop();
  }

  /** The bot's answers to button presses (answerCallbackQuery), oldest first: a toast's text, or none. */
  readonly callbackAnswers: { queryId: string; text: string | undefined }[] = [];

  recordAnswer(body: Buffer): void {
    try {
      const call = JSON.parse(body.toString("utf8")) as { callback_query_id?: unknown; text?: unknown };
      this.callbackAnswers.push({
        queryId: String(call.callback_query_id ?? ""),
        text: typeof call.text === "string" ? call.text : undefined,
      });
    } catch {
      this.callbackAnswers.push({ queryId: "", text: undefined });
    }
  }

  /** What the bot sent to a chat, oldest first. */
  botMessages(chatId: number | string): BotMessage[] {
    return (this.server.storage.botMessages as unknown as StoredBot[])
      .filter((m) => String(m.message.chat_id) === String(chatId))
      .map((m) => {
        const markup = m.message.reply_markup as Record<string, unknown> | undefined;
        const rows = (markup?.inline_keyboard ?? []) as { text: string; callback_data?: string }[][];
        return {
          messageId: m.messageId,
          chatId: String(m.message.chat_id),
          text: m.message.text ?? "",
          buttons: rows.flat().map((b) => ({ text: b.text, data: b.callback_data ?? "" })),
          markup,
        };
      });
  }

  /** Sends an update the bot already fetched once more, with the same update_id (a redelivery). */
  redeliver(updateId: number): void {
    const stored = this.server.storage.userMessages.find((u) => u.updateId === updateId);
    if (!stored) throw new Error(`no update ${updateId} to redeliver`);
    this.server.storage.userMessages.push({ ...stored, isRead: false });
  }

  /** The update id of the last message a user sent with this text. */
  updateIdOf(text: string): number {
    const found = [...this.server.storage.userMessages]
      .reverse()
      .find((u) => "message" in u && (u.message as { text?: string }).text === text);
    if (!found) throw new Error(`no user message "${text}"`);
    return found.updateId;
  }

  isRead(updateId: number): boolean {
    return this.server.storage.userMessages.filter((u) => u.updateId === updateId).every((u) => u.isRead);
  }

  user(token: string, options: { userId: number; chatId?: number; group?: boolean }): ChatUser {
    return new ChatUser(this, token, options);
  }
}

/** One person in one chat (their private chat with the bot, or a group). */
export class ChatUser {
  readonly chatId: number;
  readonly #client: ReturnType<TelegramServer["getClient"]>;
  #seen = 0;

  constructor(
    readonly emulator: Emulator,
    token: string,
    readonly options: { userId: number; chatId?: number; group?: boolean },
  ) {
    this.chatId = options.chatId ?? options.userId;
    this.#client = emulator.server.getClient(token, {
      userId: options.userId,
      chatId: this.chatId,
      type: options.group ? "supergroup" : "private",
      firstName: `user${options.userId}`,
      chatTitle: options.group ? "调度群" : `user${options.userId}`,
    });
  }

  async send(text: string): Promise<void> {
    if (/^\/[a-z]/i.test(text)) await this.#client.sendCommand(this.#client.makeCommand(text));
    else await this.#client.sendMessage(this.#client.makeMessage(text));
  }

  async shareContact(phone: string, own = true): Promise<void> {
    const contact = {
      phone_number: phone,
      first_name: "me",
      ...(own ? { user_id: this.options.userId } : {}),
    };
    await this.#client.sendMessage(this.#client.makeMessage("", { contact } as never));
  }

  /** Presses a button (or sends any callback data) as if on the given message of this chat. */
  async press(data: string, messageId = 1): Promise<void> {
    await this.#client.sendCallback(
      this.#client.makeCallbackQuery(data, { message: { message_id: messageId } }),
    );
  }

  /** Presses the button of a message whose label or data the test names. */
  async pressOn(message: BotMessage, pick: (b: { text: string; data: string }) => boolean): Promise<string> {
    const button = message.buttons.find(pick);
    if (!button) throw new Error(`no such button on "${message.text}": ${JSON.stringify(message.buttons)}`);
    await this.press(button.data, message.messageId);
    return button.data;
  }

  /** Marks everything the bot sent so far as seen. */
  skip(): void {
    this.#seen = this.emulator.botMessages(this.chatId).length;
  }

  /** Waits for a message the bot sends to this chat (after those seen) that matches. */
  async expect(match: (m: BotMessage) => boolean, what: string, timeoutMs = 10_000): Promise<BotMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const all = this.emulator.botMessages(this.chatId);
      const index = all.findIndex((m, i) => i >= this.#seen && match(m));
      const found = all[index];
      if (found) {
        this.#seen = index + 1;
        return found;
      }
      if (Date.now() > deadline) {
        const since = all.slice(this.#seen).map((m) => m.text.slice(0, 80));
        throw new Error(
          `chat ${this.chatId}: no message ${what} within ${timeoutMs} ms; got ${JSON.stringify(since)}`,
        );
      }
      await new Promise((done) => setTimeout(done, 30));
    }
  }

  /** The message with this id as the emulator holds it now (after edits). */
  current(messageId: number): BotMessage | undefined {
    return this.emulator.botMessages(this.chatId).find((m) => m.messageId === messageId);
  }

  /** Messages sent to this chat after those seen (without waiting). */
  unseen(): BotMessage[] {
    return this.emulator.botMessages(this.chatId).slice(this.#seen);
  }
}
