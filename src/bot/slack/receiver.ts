import { parse as parseQueryString } from "node:querystring";
import type { App, Receiver } from "@slack/bolt";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "../../log";
import { checkSignature } from "./verify";

/**
 * Bolt's receiver on the service's own Fastify server (issue 10 §2): POST /slack/events takes
 * events, slash commands and interactions. In its own Fastify scope it reads the raw body (the
 * signature is over the exact bytes), so no other route's parsing changes. Each request:
 * signature checked (401, nothing handled) → body parsed (400 when it is not a Slack payload) →
 * url_verification and ssl_check answered here → Bolt's processEvent, whose ack() answers the HTTP
 * request at once while the listener goes on (the engine may wait for a chat's lock). An event
 * Slack retries is handled once: see the de-duplication middleware in index.ts.
 */
export const SLACK_EVENTS_PATH = "/slack/events";
const BODY_LIMIT_BYTES = 1024 * 1024;
/** Slack gives up after three seconds; a listener that has not acked by then is answered empty. */
const ACK_TIMEOUT_MS = 2_500;

/**
 * Thrown by ack(response) when the receiver has already answered Slack (ACK_TIMEOUT_MS passed):
 * the response (a modal's errors) can no longer reach Slack, so the listener must tell the person
 * another way (a DM). A late bare ack() is accepted: it had nothing to say.
 */
export class AckTooLate extends Error {
  constructor() {
    super("slack: ack() after the request was answered");
    this.name = "AckTooLate";
  }
}

export interface FastifyReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** How long a listener has to ack before Slack is answered empty (tests shorten it). */
  ackTimeoutMs?: number;
  /** Slack signs with the real time; tests may move it. */
  nowMs?: () => number;
}

type SlackBody = Record<string, unknown>;

export class FastifyReceiver implements Receiver {
  #app: App | undefined;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: FastifyReceiverOptions) {}

  init(app: App): void {
    this.#app = app;
  }

  async start(): Promise<void> {}

  /** Waits (at most `ms`) for the listeners still running after their ack. */
  async stop(ms = 10_000): Promise<void> {
    if (this.#inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((done) => {
      timer = setTimeout(done, ms);
    });
    await Promise.race([Promise.allSettled([...this.#inFlight]), timeout]);
    clearTimeout(timer);
  }

  /** POST /slack/events in a scope of its own: raw bodies of any content type, up to 1 MiB. */
  register(http: FastifyInstance): void {
    http.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        "*",
        { parseAs: "buffer", bodyLimit: BODY_LIMIT_BYTES },
        (_req, body, done) => done(null, body),
      );
      scope.post(SLACK_EVENTS_PATH, (request, reply) => this.handle(request, reply));
    });
  }

  async handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { log } = this.options;
    const rawBody = Buffer.isBuffer(request.body) ? request.body.toString("utf8") : "";
    const signed = checkSignature(
      this.options.signingSecret,
      {
        rawBody,
        timestamp: header(request, "x-slack-request-timestamp"),
        signature: header(request, "x-slack-signature"),
      },
      this.options.nowMs?.() ?? Date.now(),
    );
    if (!signed.ok) {
      log.warn({ ip: request.ip, reason: signed.reason }, "slack: request refused (signature)");
      return reply.code(401).send({ error: "unauthorized", message: signed.reason });
    }
    const body = parseSlackBody(rawBody, header(request, "content-type"));
    if (!body) {
      log.info({ ip: request.ip }, "slack: a signed request that is not a Slack payload");
      return reply.code(400).send({ error: "bad_request", message: "not a Slack event, command or action" });
    }
    if (body.type === "url_verification") return reply.send({ challenge: String(body.challenge ?? "") });
    if (body.ssl_check !== undefined) return reply.send("");
    return this.dispatch(request, reply, body);
  }

  /** Bolt's listeners run; the first ack() (or the listener's end, or the timeout) answers Slack. */
  private async dispatch(
    request: FastifyRequest,
    reply: FastifyReply,
    body: SlackBody,
  ): Promise<FastifyReply> {
    const app = this.#app;
    if (!app) throw new Error("slack: a request arrived before the Bolt app was built");
    let answer: (response: unknown) => void = () => {};
    const acked = new Promise<unknown>((resolve) => {
      answer = resolve;
    });
    let answered = false;
    const retry = header(request, "x-slack-retry-num");
    const task = app
      .processEvent({
        body,
        ack: async (response?: unknown) => {
          // A late bare ack() loses nothing (a command or a click goes on); a late response would.
          if (answered && response !== undefined && response !== "") throw new AckTooLate();
          answer(response);
        },
        ...(retry !== undefined && /^\d+$/.test(retry) ? { retryNum: Number(retry) } : {}),
        ...(header(request, "x-slack-retry-reason")
          ? { retryReason: header(request, "x-slack-retry-reason") }
          : {}),
      })
      .catch((error: unknown) => this.options.log.error({ err: error }, "slack: handling a request failed"));
    this.#inFlight.add(task);
    void task.finally(() => this.#inFlight.delete(task));
    let timer: NodeJS.Timeout | undefined;
    const response = await Promise.race([
      acked,
      task.then(() => undefined),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), this.options.ackTimeoutMs ?? ACK_TIMEOUT_MS);
      }),
    ]);
    answered = true;
    clearTimeout(timer);
    if (response === undefined || response === "") return reply.code(200).send("");
    return typeof response === "string" ? reply.send(response) : reply.send(response);
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A Slack payload: JSON (Events API), or a form with a `payload` field holding JSON
 * (interactions) or the fields themselves (slash commands). Anything else (unparsable, not an
 * object, neither a `type` nor a `command`) is undefined.
 */
export function parseSlackBody(raw: string, contentType: string | undefined): SlackBody | undefined {
  try {
    let body: unknown;
    if (contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      const form = parseQueryString(raw);
      // A field sent twice (`text=a&text=b`) is read as its first value, as Slack never repeats one.
      const fields = Object.fromEntries(
        Object.entries(form).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
      );
      body = typeof fields.payload === "string" ? JSON.parse(fields.payload) : fields;
    } else {
      body = JSON.parse(raw);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
    const record = body as SlackBody;
    if (typeof record.type === "string" || typeof record.command === "string" || record.ssl_check)
      return record;
    return undefined;
  } catch {
    return undefined;
  }
}
