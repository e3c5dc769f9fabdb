import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { failureText, MAX_TEXT_LENGTH, parseCommand } from "../../flows/engine";
import type { ChannelInput, RenderedReply, Who } from "../../flows/types";
import { STREAM_ID } from "./chat-log";
import { languageHint, languageOf, refusal, type WebContext } from "./context";
import type { LoggedEvent, WebMessage } from "./events";
import type { Visitor } from "./identity";
import { sendPage } from "./pages";
import { renderTurn } from "./render";
import { signInAs } from "./staff-routes";

/**
 * The chat itself: the page at `/`, what the visitor sends (POST /web/messages: a text, a button's
 * payload or a phone number, one engine turn, answered with the events it added and its toasts),
 * and the chat's events as they happen (GET /web/events, Server-Sent Events: the kept history
 * first, or what came after the browser's Last-Event-ID, then each new event live).
 */
export const MAX_PAGES_PER_CHAT = 5;
const KEEP_ALIVE_MS = 20_000;

const messageBody = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ payload: z.string().max(256) }).strict(),
  z.object({ contact: z.string().max(64) }).strict(),
  // A first visit: the page asks for the greeting (as Telegram's /start), which is not the visitor's words.
  z.object({ start: z.literal(true) }).strict(),
]);
type MessageBody = z.infer<typeof messageBody>;

export function registerChatRoutes(scope: FastifyInstance, ctx: WebContext): void {
  scope.get<{ Querystring: { as?: string } }>("/", async (request, reply) => {
    if (request.query.as !== undefined) return signInAs(ctx, request, reply, request.query.as);
    await ctx.visitors.resolve(request, reply);
    return sendPage(reply, ctx.pages.render("chat", languageOf(request)));
  });
  // The pages name no icon (`<link rel="icon" href="data:,">`); a browser asking anyway gets nothing, not a 404.
  scope.get("/favicon.ico", async (_request, reply) =>
    reply.code(204).header("cache-control", "max-age=86400").send(),
  );
  scope.post("/web/messages", (request, reply) => postMessage(ctx, request, reply));
  scope.get("/web/events", (request, reply) => openEvents(ctx, request, reply));
}

function inputOf(body: MessageBody): ChannelInput {
  if ("start" in body) return { kind: "command", name: "start", args: "" };
  if ("payload" in body) return { kind: "choice", payload: body.payload };
  if ("contact" in body) return { kind: "contact", phone: body.contact, ownContact: false };
  const command = body.text.trim().startsWith("/") ? parseCommand(body.text) : undefined;
  return command
    ? { kind: "command", name: command.name, args: command.args }
    : { kind: "text", text: body.text };
}

/** What the visitor sent, as their page shows it (a button press is not a message of its own). */
function echoOf(body: MessageBody, at: string): WebMessage | undefined {
  if ("payload" in body || "start" in body) return undefined;
  const text = "text" in body ? body.text : body.contact;
  const shown = text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
  return { kind: "message", from: "visitor", text: shown, at };
}

/**
 * One engine turn for the visitor. The chat must exist (its cookie from GET /), and one IP may post
 * WEB_LIMITS.messagesPerIpPerMinute times a minute. Once the engine has answered, the turn is done:
 * if its answer cannot be kept in the chat's log, the reply is still 200 with the answer (marked
 * `kept: false`) so nobody repeats a step that already succeeded; the page reads the log again.
 */
async function postMessage(ctx: WebContext, request: FastifyRequest, reply: FastifyReply) {
  if (!ctx.limits.messages.hit(request.ip)) {
    ctx.log.warn({ ip: request.ip }, "web: too many messages from one address");
    return reply.code(429).send(refusal(request, "too_many", "web.tooMany"));
  }
  const body = messageBody.safeParse(request.body);
  if (!body.success) return reply.code(400).send(refusal(request, "bad_request", "web.badInput"));
  const engine = ctx.wiring()?.engine;
  if (!engine) return reply.code(503).send(refusal(request, "starting", "error.internal"));
  const visitor = await ctx.visitors.read(request);
  if (!visitor) return reply.code(401).send(refusal(request, "no_chat", "web.noChat"));
  const who = whoOf(visitor, request);
  const input = inputOf(body.data);
  const at = ctx.clock.now().toISOString();
  const echo = echoOf(body.data, at);
  const events: LoggedEvent[] = echo ? await ctx.chatLog.append(visitor.chatId, [echo]) : [];
  let replies: RenderedReply[];
  try {
    replies = await engine.handle(who, input);
  } catch (error) {
    // The engine answers its own failures; this is the lock or Redis failing around it.
    ctx.log.error({ err: error, chat: visitor.chatId }, "web: handling a message failed");
    replies = [{ kind: "text", text: failureText(who) }];
  }
  const turn = { pressed: input.kind === "choice", id: randomUUID(), at };
  const { messages, toasts } = renderTurn(replies, turn);
  reply.header("cache-control", "no-store");
  try {
    events.push(...(await ctx.chatLog.append(visitor.chatId, messages)));
  } catch (error) {
    ctx.log.error({ err: error, chat: visitor.chatId }, "web: a turn was done but its answer was not kept");
    // Ids past anything kept this millisecond: the page shows them in order, until it reads the log.
    const unkept = messages.map((m, i) => ({ ...m, id: `${Date.now()}-${100_000 + i}` }));
    return reply.send({ events: [...events, ...unkept], toasts, kept: false });
  }
  return reply.send({ events, toasts });
}

function whoOf(visitor: Visitor, request: FastifyRequest): Who {
  return {
    chat: { channel: "web", chatId: visitor.chatId },
    person: visitor.person,
    isGroup: false,
    languageHint: languageHint(request),
  };
}

/** Stream ids in order (`<ms>-<seq>`). */
function after(a: string, b: string): boolean {
  const [am = 0, as = 0] = a.split("-").map(Number);
  const [bm = 0, bs = 0] = b.split("-").map(Number);
  return am > bm || (am === bm && as > bs);
}

async function openEvents(ctx: WebContext, request: FastifyRequest, reply: FastifyReply) {
  const visitor = await ctx.visitors.read(request);
  if (!visitor) return reply.code(401).send(refusal(request, "no_chat", "web.noChat"));
  const hub = ctx.hub();
  if (!hub) return reply.code(503).send(refusal(request, "stopping", "error.internal"));
  const header = request.headers["last-event-id"];
  let lastId = typeof header === "string" && STREAM_ID.test(header) ? header : undefined;
  const raw = reply.raw;
  let ready = false;
  const pending: LoggedEvent[] = [];
  const write = (events: readonly LoggedEvent[]) => {
    for (const event of events) {
      if (lastId !== undefined && !after(event.id, lastId)) continue;
      raw.write(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
      lastId = event.id;
    }
  };
  // At most WEB_LIMITS.streamsPerIp open per IP and WEB_LIMITS.streams in all, in this process.
  const release = ctx.limits.streams.take(request.ip);
  if (!release) return reply.code(429).send(refusal(request, "too_many", "web.tooMany"));
  // Listening before the history is read: nothing appended in between is missed (ids de-duplicate).
  let close: Awaited<ReturnType<typeof hub.open>>;
  try {
    close = await hub.open(visitor.chatId, (events) => (ready ? write(events) : pending.push(...events)));
  } catch (error) {
    release();
    ctx.log.warn({ err: error, chat: visitor.chatId }, "web: could not listen to a chat");
    return reply.code(503).send(refusal(request, "unavailable", "error.internal"));
  }
  if (!close) {
    release();
    return reply.code(429).send(refusal(request, "too_many_pages", "web.tooManyPages"));
  }
  reply.hijack();
  raw.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  raw.write("retry: 2000\n\n");
  const stream = { end: () => raw.end() };
  ctx.streams.add(stream);
  const keepAlive = setInterval(() => raw.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  raw.on("close", () => {
    clearInterval(keepAlive);
    ctx.streams.delete(stream);
    release();
    void close();
  });
  try {
    const history = await ctx.chatLog.since(visitor.chatId, lastId);
    write(history);
    ready = true;
    write(pending);
    raw.write(`event: ready\ndata: ${JSON.stringify({ events: history.length })}\n\n`);
  } catch (error) {
    ctx.log.warn({ err: error, chat: visitor.chatId }, "web: could not read a chat's history");
    raw.end();
  }
}
