import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One Bot API call the code under test made. */
export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
}

/** What the fake answers: a result, or an error of the Bot API's shape. */
export type FakeAnswer =
  | { result: unknown }
  | { error_code: number; description: string; parameters?: Record<string, unknown> }
  | "hang-up";

/**
 * A tiny local Bot API server (grammY's apiRoot points at it): records every call and answers
 * with what the test says (default: ok with a plausible result).
 */
export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly #answers = new Map<string, FakeAnswer[]>();
  /** Updates getUpdates hands out (by offset, as Telegram does: resent until confirmed). */
  readonly updates: { update_id: number }[] = [];
  #server: Server | undefined;
  #messageId = 100;
  url = "";
  /** Runs (and is waited for) before each call is answered: a test looks at the world as the call arrives. */
  onCall: ((method: string, body: Record<string, unknown>) => Promise<void> | void) | undefined;

  /** The next calls of `method` get these answers, in order (then the default again). */
  answer(method: string, ...answers: FakeAnswer[]): void {
    this.#answers.set(method, [...(this.#answers.get(method) ?? []), ...answers]);
  }

  /** The results the fake gave to successful calls of `method`, in order (sent messages carry their ids). */
  results(method: string): unknown[] {
    return this.#results.filter((r) => r.method === method).map((r) => r.result);
  }

  readonly #results: { method: string; result: unknown }[] = [];

  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.body);
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      void readBody(req).then((body) => {
        const method = (req.url ?? "").split("/").pop() ?? "";
        this.calls.push({ method, body });
        return Promise.resolve(this.onCall?.(method, body)).then(() => this.#respond(req, res, method, body));
      });
    });
    await new Promise<void>((done) => this.#server?.listen(0, "127.0.0.1", done));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  #respond(req: IncomingMessage, res: ServerResponse, method: string, body: Record<string, unknown>): void {
    if (method === "getUpdates" && !this.#answers.get(method)?.length) {
      void this.#longPoll(Number(body.offset ?? 0)).then((result) => {
        if (!res.destroyed)
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ ok: true, result }));
      });
      return;
    }
    const answer = this.#answers.get(method)?.shift() ?? { result: this.#defaultResult(method, body) };
    if (answer === "hang-up") {
      req.socket.destroy();
      return;
    }
    if ("result" in answer) this.#results.push({ method, result: answer.result });
    const payload =
      "result" in answer
        ? { ok: true, result: answer.result }
        : {
            ok: false,
            error_code: answer.error_code,
            description: answer.description,
            parameters: answer.parameters,
          };
    res.writeHead("result" in answer ? 200 : answer.error_code, { "content-type": "application/json" });
    res.end(JSON.stringify(payload));
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((done) => this.#server?.close(done));
  }

  /** Like Telegram, holds an empty getUpdates a while (briefly: tests stop quickly). */
  async #longPoll(offset: number): Promise<unknown[]> {
    for (let waited = 0; ; waited += 20) {
      const pending = this.updates.filter((u) => u.update_id >= offset);
      if (pending.length > 0 || waited >= 300) return pending;
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  #defaultResult(method: string, body: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return { id: 777, is_bot: true, first_name: "Desk", username: "desk_test_bot" };
      case "sendMessage":
        return {
          message_id: this.#messageId++,
          date: 0,
          chat: { id: Number(body.chat_id), type: "private" },
          text: body.text,
        };
      case "sendPhoto":
        return {
          message_id: this.#messageId++,
          date: 0,
          chat: { id: Number(body.chat_id), type: "private" },
          photo: [{ file_id: body.photo, file_unique_id: "u", width: 1, height: 1 }],
          caption: body.caption,
        };
      case "getUpdates":
        return [];
      default:
        return true;
    }
  }
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { raw: text };
  }
}
