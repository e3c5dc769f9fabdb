import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Slack's Web API (`SLACK_API_URL`): the service's WebClient posts to
 * `<apiUrl><method>`, form-encoded (nested values as JSON strings) or as JSON. Every call is
 * recorded (method, parsed arguments, time) and answered `ok: true` with what Slack would answer
 * (a message's channel and ts, a view's id, the bot's identity). It also takes the posts of a
 * slash command's or an action's `response_url`, and keeps the messages as Slack would show them
 * now (chat.update replaces a message in place, chat.delete removes it).
 *
 * It holds what Slack would hold: messages as they show now (conversations.history reads them
 * back), views by id (views.open needs a trigger id an interaction issued), the home per user, and
 * gives missing block_ids as Slack does.
 *
 * A test can make a method fail (`failNext`: a 429 with Retry-After, limiting again whoever comes
 * back within it, or an error such as `channel_not_found`), and waits for a call with `waitFor`
 * or a message with `waitForMessage` (polling, no fixed sleeps).
 */
export interface SlackCall {
  seq: number;
  method: string;
  args: Record<string, unknown>;
  at: Date;
  /** The bearer token the call carried (Authorization header or `token` argument). */
  token: string | undefined;
  /** What the recorder answered. */
  status: number;
  result: Record<string, unknown>;
}

/** A message as the channel shows it now: the last text and blocks chat.postMessage or chat.update gave it. */
export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
  /** The thread it was posted in, if any. */
  threadTs: string | undefined;
  /** Every version, oldest first (the post, then each chat.update). */
  versions: { text: string; blocks: Block[]; method: string; at: Date }[];
  deleted: boolean;
}

/** A modal or home view as Slack holds it now (views.open / views.push / views.update / views.publish). */
export interface SlackView {
  id: string;
  hash: string;
  /** The user it was opened for (the trigger's user) or published to. */
  userId: string | undefined;
  view: ViewDefinition;
  versions: ViewDefinition[];
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit is open-ended JSON; tests read it by shape.
export type Block = Record<string, any>;
export interface ViewDefinition {
  type?: string;
  callback_id?: string;
  private_metadata?: string;
  title?: { text?: string };
  blocks?: Block[];
  [key: string]: unknown;
}

export interface FailAnswer {
  /** HTTP status: 429 for a rate limit (with retryAfter), 200 with `error` for a Slack error. */
  status?: number;
  /** Seconds, sent as the Retry-After header (429). */
  retryAfter?: number;
  /** Slack's error code, as `{ ok: false, error }`. */
  error?: string;
}

interface Failure extends FailAnswer {
  method: string;
  times: number;
  when: ((args: Record<string, unknown>) => boolean) | undefined;
  /** A 429's window: until then, every matching call is limited again (as Slack does). */
  limitedUntil?: number;
}

export interface RecorderOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
}

const JSON_LIKE = /^\s*[[{]/;

export class SlackRecorder {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  /** SLACK_API_URL for the service (ends with "/api/"). */
  apiUrl = "";
  #base = "";
  readonly #server: Server;
  readonly calls: SlackCall[] = [];
  readonly #messages = new Map<string, SlackMessage>();
  readonly #views = new Map<string, SlackView>();
  readonly #triggers = new Map<string, string>();
  readonly #failures: Failure[] = [];
  #seq = 0;
  #ts = Math.floor(Date.now() / 1000);
  #responses = 0;

  private constructor(server: Server, options: RecorderOptions) {
    this.#server = server;
    const tag = randomBytes(4).toString("hex").toUpperCase();
    this.teamId = options.teamId ?? `T${tag}`;
    this.botUserId = options.botUserId ?? `UB${tag}`;
    this.botId = options.botId ?? `BB${tag}`;
  }

  static async start(options: RecorderOptions = {}): Promise<SlackRecorder> {
    let recorder: SlackRecorder | undefined;
    const server = createServer((req, res) => {
      void recorder?.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      });
    });
    recorder = new SlackRecorder(server, options);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    recorder.#base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    recorder.apiUrl = `${recorder.#base}/api/`;
    return recorder;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((done) => this.#server.close(done));
  }

  /** The DM channel Slack opens between the bot and a user (stable per user, as Slack's is). */
  dmChannel(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  /** A fresh `response_url` for a slash command or an action; its posts are recorded as "response_url". */
  responseUrl(): string {
    this.#responses += 1;
    return `${this.#base}/response/${this.#responses}`;
  }

  /** Registers a trigger id as Slack issues one with an interaction (views.open needs a live one). */
  issueTrigger(userId: string): string {
    const id = `${Date.now()}.${this.teamId}.${randomBytes(8).toString("hex")}`;
    this.#triggers.set(id, userId);
    return id;
  }

  /** The next `times` calls of the method (matching `when`, if given) get this answer instead. */
  failNext(
    method: string,
    answer: FailAnswer,
    times = 1,
    when?: (args: Record<string, unknown>) => boolean,
  ): void {
    this.#failures.push({ ...answer, method, times, when });
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits for a recorded call (at or after `since`, a call count) that matches. */
  async waitFor(
    match: (call: SlackCall) => boolean,
    what: string,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<SlackCall> {
    const since = options.since ?? 0;
    return poll(
      () => this.calls.slice(since).find(match),
      () => `no Slack call ${what}; calls since: ${this.describe(since)}`,
      options.timeoutMs,
    );
  }

  /** The messages in a channel (a DM: the user's id or their DM channel), oldest first. */
  messagesIn(channel: string): SlackMessage[] {
    const wanted = this.#resolveChannel(channel);
    return [...this.#messages.values()].filter((m) => m.channel === wanted && !m.deleted);
  }

  message(channel: string, ts: string): SlackMessage | undefined {
    return this.#messages.get(`${this.#resolveChannel(channel)}/${ts}`);
  }

  /** Waits for a message in a channel (after the first `since` there) that matches, as it first appeared. */
  async waitForMessage(
    channel: string,
    match: (m: SlackMessage) => boolean,
    what: string,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<SlackMessage> {
    const found = await poll(
      () =>
        this.messagesIn(channel)
          .slice(options.since ?? 0)
          .find(match),
      () =>
        `no message ${what} in ${channel}; there: ${JSON.stringify(
          this.messagesIn(channel)
            .slice(options.since ?? 0)
            .map((m) => m.text.slice(0, 120)),
        )}; calls: ${this.describe(0)}`,
      options.timeoutMs,
    );
    // A snapshot: the message as it was when found (later chat.updates do not change it), as a
    // person's screen still shows it when they click.
    return structuredClone(found);
  }

  view(id: string): SlackView | undefined {
    return this.#views.get(id);
  }

  /** Views opened or published for a user, oldest first. */
  viewsOf(userId: string): SlackView[] {
    return [...this.#views.values()].filter((v) => v.userId === userId);
  }

  /** A short list of calls for failure messages. */
  describe(since = 0): string {
    return JSON.stringify(
      this.calls.slice(since).map((c) => {
        const text = typeof c.args.text === "string" ? c.args.text.slice(0, 60) : undefined;
        return `${c.method} ${String(c.args.channel ?? c.args.user_id ?? c.args.view_id ?? "")} ${text ?? ""}`;
      }),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = new URL(req.url ?? "/", this.#base).pathname;
    const args = parseArgs(body, req.headers["content-type"]);
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : (args.token as string | undefined);
    const method = path.startsWith("/response/") ? "response_url" : path.replace(/^\/api\//, "");
    if (method === "response_url") args.response_id = path.slice("/response/".length);

    const matches = (f: Failure) => f.method === method && (!f.when || f.when(args));
    const now = Date.now();
    // Slack keeps limiting a caller who comes back before Retry-After is over: one that honours it
    // is limited once, one that does not is limited again (and the test counts the 429s).
    const limited = this.#failures.find((f) => matches(f) && (f.limitedUntil ?? 0) > now);
    const failure = limited ?? this.#failures.find((f) => matches(f) && f.times > 0);
    let status = 200;
    let result: Record<string, unknown>;
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
    if (limited) {
      status = 429;
      headers["retry-after"] = String(Math.max(1, Math.ceil(((limited.limitedUntil ?? now) - now) / 1000)));
      result = { ok: false, error: "ratelimited" };
    } else if (failure) {
      failure.times -= 1;
      status = failure.status ?? 200;
      if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
      if (status === 429 && failure.retryAfter !== undefined)
        failure.limitedUntil = now + failure.retryAfter * 1000;
      result = { ok: false, error: failure.error ?? (status === 429 ? "ratelimited" : "fatal_error") };
    } else {
      result = this.#answer(method, args);
    }
    this.calls.push({ seq: ++this.#seq, method, args, at: new Date(), token, status, result });
    res.writeHead(status, headers).end(JSON.stringify(result));
  }

  #resolveChannel(channel: string): string {
    return /^[UW]/.test(channel) ? this.dmChannel(channel) : channel;
  }

  #nextTs(): string {
    this.#ts += 1;
    return `${this.#ts}.${String(this.#seq).padStart(6, "0")}`;
  }

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://parcel-desk-test.slack.com/",
          team: "parcel-desk test",
          user: "parcel-desk",
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: this.botId,
        };
      case "chat.postMessage":
        return this.#post(args);
      case "chat.update":
        return this.#update(args);
      case "chat.delete": {
        const found = this.#messages.get(`${this.#resolveChannel(String(args.channel))}/${String(args.ts)}`);
        if (!found) return { ok: false, error: "message_not_found" };
        found.deleted = true;
        return { ok: true, channel: found.channel, ts: found.ts };
      }
      case "chat.postEphemeral":
        if (typeof args.user !== "string" || typeof args.channel !== "string") {
          return { ok: false, error: "invalid_arguments" };
        }
        return { ok: true, message_ts: this.#nextTs() };
      case "conversations.history":
        return this.#history(args);
      case "conversations.open": {
        const users = String(args.users ?? "").split(",")[0] ?? "";
        if (!/^[UW]/.test(users)) return { ok: false, error: "user_not_found" };
        return { ok: true, channel: { id: this.dmChannel(users) } };
      }
      case "users.info": {
        const user = String(args.user ?? "");
        return {
          ok: true,
          user: {
            id: user,
            team_id: this.teamId,
            name: user.toLowerCase(),
            real_name: user,
            tz: "Asia/Shanghai",
          },
        };
      }
      case "views.open":
      case "views.push":
        return this.#openView(args);
      case "views.update":
        return this.#updateView(args);
      case "views.publish":
        return this.#publishView(args);
      default:
        return { ok: true };
    }
  }

  #post(args: Record<string, unknown>): Record<string, unknown> {
    if (typeof args.channel !== "string" || args.channel === "")
      return { ok: false, error: "channel_not_found" };
    if (typeof args.text !== "string" && !Array.isArray(args.blocks)) return { ok: false, error: "no_text" };
    const channel = this.#resolveChannel(args.channel);
    const ts = this.#nextTs();
    const text = typeof args.text === "string" ? args.text : "";
    const blocks = Array.isArray(args.blocks) ? withBlockIds(args.blocks as Block[]) : [];
    const threadTs = typeof args.thread_ts === "string" ? args.thread_ts : undefined;
    this.#messages.set(`${channel}/${ts}`, {
      channel,
      ts,
      text,
      blocks,
      threadTs,
      versions: [{ text, blocks, method: "chat.postMessage", at: new Date() }],
      deleted: false,
    });
    return {
      ok: true,
      channel,
      ts,
      message: { type: "message", user: this.botUserId, bot_id: this.botId, text, blocks, ts },
    };
  }

  #update(args: Record<string, unknown>): Record<string, unknown> {
    const found = this.#messages.get(`${this.#resolveChannel(String(args.channel))}/${String(args.ts)}`);
    if (!found || found.deleted) return { ok: false, error: "message_not_found" };
    if (typeof args.text === "string") found.text = args.text;
    if (Array.isArray(args.blocks)) found.blocks = withBlockIds(args.blocks as Block[]);
    found.versions.push({ text: found.text, blocks: found.blocks, method: "chat.update", at: new Date() });
    return {
      ok: true,
      channel: found.channel,
      ts: found.ts,
      text: found.text,
      message: { text: found.text },
    };
  }

  /** Newest first, as Slack answers: `latest` (and `oldest`) bound the ts, `inclusive` includes them. */
  #history(args: Record<string, unknown>): Record<string, unknown> {
    if (typeof args.channel !== "string" || args.channel === "")
      return { ok: false, error: "channel_not_found" };
    const inclusive = args.inclusive === true || args.inclusive === "true" || args.inclusive === "1";
    const latest = args.latest === undefined ? Number.POSITIVE_INFINITY : Number(args.latest);
    const oldest = args.oldest === undefined ? 0 : Number(args.oldest);
    const limit = args.limit === undefined ? 100 : Number(args.limit);
    const messages = this.messagesIn(args.channel)
      .filter((m) => {
        const ts = Number(m.ts);
        return inclusive ? ts <= latest && ts >= oldest : ts < latest && ts > oldest;
      })
      .sort((a, b) => Number(b.ts) - Number(a.ts))
      .slice(0, limit)
      .map((m) => ({
        type: "message",
        user: this.botUserId,
        bot_id: this.botId,
        text: m.text,
        blocks: m.blocks,
        ts: m.ts,
      }));
    return { ok: true, messages, has_more: false };
  }

  #openView(args: Record<string, unknown>): Record<string, unknown> {
    const trigger = String(args.trigger_id ?? "");
    const userId = this.#triggers.get(trigger);
    if (userId === undefined) return { ok: false, error: "invalid_trigger_id" };
    if (!isView(args.view)) return { ok: false, error: "invalid_arguments" };
    const id = `V${randomBytes(5).toString("hex").toUpperCase()}`;
    const view = withViewBlockIds(args.view);
    const stored: SlackView = { id, hash: newHash(), userId, view, versions: [view] };
    this.#views.set(id, stored);
    return { ok: true, view: { id, hash: stored.hash, team_id: this.teamId, ...view } };
  }

  #updateView(args: Record<string, unknown>): Record<string, unknown> {
    const stored = this.#views.get(String(args.view_id ?? ""));
    if (!stored) return { ok: false, error: "not_found" };
    if (!isView(args.view)) return { ok: false, error: "invalid_arguments" };
    if (typeof args.hash === "string" && args.hash !== stored.hash)
      return { ok: false, error: "hash_conflict" };
    stored.view = args.view;
    stored.hash = newHash();
    stored.versions.push(args.view);
    return { ok: true, view: { id: stored.id, hash: stored.hash, ...args.view } };
  }

  #publishView(args: Record<string, unknown>): Record<string, unknown> {
    const userId = String(args.user_id ?? "");
    if (!/^[UW]/.test(userId)) return { ok: false, error: "user_not_found" };
    if (!isView(args.view) || args.view.type !== "home") return { ok: false, error: "invalid_arguments" };
    const id = `VH${userId}`;
    const view = withViewBlockIds(args.view);
    const stored = this.#views.get(id);
    if (stored) {
      stored.view = view;
      stored.hash = newHash();
      stored.versions.push(view);
      return { ok: true, view: { id, hash: stored.hash, ...view } };
    }
    const fresh: SlackView = { id, hash: newHash(), userId, view, versions: [view] };
    this.#views.set(id, fresh);
    return { ok: true, view: { id, hash: fresh.hash, ...view } };
  }
}

/** Slack gives every block without a block_id one of its own (payloads and stored messages carry it). */
function withBlockIds(blocks: Block[]): Block[] {
  return blocks.map((block) =>
    typeof block === "object" && block !== null && block.block_id === undefined
      ? { ...block, block_id: randomBytes(3).toString("base64url") }
      : block,
  );
}

function withViewBlockIds(view: ViewDefinition): ViewDefinition {
  return { ...view, blocks: withBlockIds(view.blocks ?? []) };
}

function newHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`;
}

function isView(value: unknown): value is ViewDefinition {
  return typeof value === "object" && value !== null && Array.isArray((value as ViewDefinition).blocks);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** WebClient's form encoding (nested values JSON-encoded), or a JSON body. */
export function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (body === "") return {};
  if (contentType?.includes("application/json")) {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = JSON_LIKE.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Polls `find` every 25 ms until it returns something, or fails with `explain()` after the timeout. */
export async function poll<T>(
  find: () => T | undefined | Promise<T | undefined>,
  explain: () => string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${explain()} (waited ${timeoutMs} ms)`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Every text a message shows: its `text` and the texts of its blocks (sections, fields, context, buttons). */
export function shownText(message: { text: string; blocks: Block[] }): string {
  return [message.text, ...message.blocks.map(blockText)].join("\n");
}

export function blockText(block: unknown): string {
  if (typeof block === "string") return block;
  if (Array.isArray(block)) return block.map(blockText).join("\n");
  if (typeof block !== "object" || block === null) return "";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
    if (key === "text" && typeof value === "string") parts.push(value);
    else if (typeof value === "object") parts.push(blockText(value));
  }
  return parts.filter(Boolean).join("\n");
}
