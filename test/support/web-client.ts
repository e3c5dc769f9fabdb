import type { LoggedEvent, WebMessage } from "../../src/bot/web/events";

/**
 * A browser as the web chat's HTTP tests play it, without a browser: one cookie jar, POST
 * /web/messages, and the Server-Sent Events of GET /web/events read as they come.
 */
export interface Answer {
  status: number;
  events: LoggedEvent[];
  toasts: string[];
  error?: string;
  message?: string;
}

export class WebVisitor {
  cookie: string | undefined;
  /** The last Set-Cookie header the server sent (its attributes, for the security tests). */
  setCookie: string | undefined;

  constructor(
    readonly base: string,
    private readonly language = "zh-CN",
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { "accept-language": this.language, ...(this.cookie ? { cookie: this.cookie } : {}), ...extra };
  }

  private keep(response: Response): Response {
    const set = response.headers.getSetCookie().find((c) => c.startsWith("pd_chat="));
    if (set) {
      this.setCookie = set;
      this.cookie = set.split(";")[0];
    }
    return response;
  }

  /** A GET as a browser's address bar does it (redirects not followed, to be seen). */
  async open(path = "/"): Promise<Response> {
    return this.keep(await fetch(`${this.base}${path}`, { headers: this.headers(), redirect: "manual" }));
  }

  async post(path: string, body: unknown, raw?: string): Promise<Answer> {
    const response = this.keep(
      await fetch(`${this.base}${path}`, {
        method: "POST",
        headers: this.headers({ "content-type": "application/json" }),
        body: raw ?? JSON.stringify(body),
      }),
    );
    const json = (await response.json().catch(() => ({}))) as Partial<Answer>;
    return { events: [], toasts: [], ...json, status: response.status };
  }

  send(body: { text: string } | { payload: string } | { contact: string }): Promise<Answer> {
    return this.post("/web/messages", body);
  }

  /** Opens the chat's event stream; resolves once the server has sent what it kept (`ready`). */
  async stream(lastEventId?: string): Promise<EventStream> {
    const stream = new EventStream();
    const response = await fetch(`${this.base}/web/events`, {
      headers: this.headers(lastEventId ? { "last-event-id": lastEventId } : {}),
      signal: stream.abort.signal,
    });
    stream.status = response.status;
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      return stream;
    }
    void stream.read(response.body);
    await stream.ready;
    return stream;
  }
}

export class EventStream {
  readonly abort = new AbortController();
  readonly events: LoggedEvent[] = [];
  status = 0;
  private markReady: () => void = () => {};
  readonly ready = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // closed by close() or by the server
    }
  }

  private take(block: string): void {
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
    }
    if (fields.get("event") === "ready") {
      this.markReady();
      return;
    }
    const data = fields.get("data");
    if (data !== undefined && !fields.has("event")) this.events.push(JSON.parse(data) as LoggedEvent);
  }

  /** The desk's messages received so far. */
  get messages(): (WebMessage & { id: string })[] {
    return this.events.filter((e): e is WebMessage & { id: string } => e.kind === "message");
  }

  /** Waits (polling, at most timeoutMs) for a desk message the predicate accepts. */
  async expect(
    predicate: (m: WebMessage) => boolean,
    what: string,
    timeoutMs = 15_000,
  ): Promise<WebMessage & { id: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m.from === "desk" && predicate(m));
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.messages.map((m) => `${m.from}: ${m.text}`).join("\n");
        throw new Error(`no message ${what} within ${timeoutMs} ms; the stream had:\n${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.abort.abort();
  }
}
