import { App } from "@slack/bolt";
import Fastify, { type FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { redisEventDedupe } from "../../../src/bot/slack/dedupe";
import { installListeners } from "../../../src/bot/slack/listeners";
import { redisLiveButtons } from "../../../src/bot/slack/live";
import { slackLogger } from "../../../src/bot/slack/logger";
import { AckTooLate, FastifyReceiver } from "../../../src/bot/slack/receiver";
import { t } from "../../../src/domain/messages";
import type { Engine } from "../../../src/flows/engine";
import type { ChannelInput, RenderedReply, Who } from "../../../src/flows/types";
import { branchDirectory } from "../../support/branch";
import { SlackClient, type SlackUser, sign } from "../../support/slack-client";
import { SlackRecorder } from "../../support/slack-recorder";

const SECRET = "slack-signing-secret-for-tests";
const directory = branchDirectory([
  { id: "ma", name: "马丽", workNo: "030", roles: ["supervisor"], slackId: "U0MA" },
  { id: "he", name: "何军", roles: ["dispatcher"], slackId: "U0HE", language: "en" },
]);
const ma: SlackUser = { id: "U0MA", name: "ma" };
const stranger: SlackUser = { id: "U0NOBODY", name: "nobody" };
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `test:slack-receiver:${process.pid}:${Date.now()}:`;
const logLines: Record<string, unknown>[] = [];
const log = pino({ level: "debug" }, { write: (line: string) => logLines.push(JSON.parse(line)) });

/** An engine that records its inputs and answers what the test says, after `gate` opens. */
class FakeEngine implements Engine {
  readonly seen: { who: Who; input: ChannelInput }[] = [];
  gate: Promise<void> = Promise.resolve();
  answer: (who: Who, input: ChannelInput) => Promise<RenderedReply[]> = async (_who, input) => [
    { kind: "text", text: `got ${input.kind}` },
  ];
  async handle(who: Who, input: ChannelInput): Promise<RenderedReply[]> {
    this.seen.push({ who, input });
    await this.gate;
    return this.answer(who, input);
  }
}

let recorder: SlackRecorder;
let http: FastifyInstance;
let receiver: FastifyReceiver;
let engine: FakeEngine;
let slack: SlackClient;
let run = 0;

beforeAll(async () => {
  recorder = await SlackRecorder.start();
});
afterAll(async () => {
  await recorder.stop();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

beforeEach(async () => {
  run += 1;
  recorder.calls.length = 0;
  logLines.length = 0;
  engine = new FakeEngine();
  receiver = new FastifyReceiver({ signingSecret: SECRET, log });
  const app = new App({
    authorize: async () => ({ botToken: "xoxb-test", botUserId: recorder.botUserId, botId: recorder.botId }),
    receiver,
    logger: slackLogger(log),
    clientOptions: { slackApiUrl: recorder.apiUrl, retryConfig: { retries: 0 } },
  });
  installListeners(app, {
    directory,
    log,
    dedupe: redisEventDedupe(redis, "app", `${prefix}${run}:event:`),
    live: redisLiveButtons(redis, "app", `${prefix}${run}:live:`),
    engine: () => engine,
    staffUi: () => undefined,
  });
  http = Fastify();
  // Another route beside Slack's: its JSON parsing must not change (Slack's scope reads raw bodies).
  http.post("/api/echo", async (request) => ({ body: request.body }));
  receiver.register(http);
  const url = await http.listen({ host: "127.0.0.1", port: 0 });
  slack = new SlackClient(url, SECRET, recorder);
});
afterEach(async () => {
  await receiver.stop();
  await http.close();
});

describe("POST /slack/events (issue 10 §2)", () => {
  it("answers url_verification with the challenge", async () => {
    const response = await slack.urlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("refuses a wrong, stale or missing signature with 401 and handles nothing", async () => {
    const now = Math.floor(Date.now() / 1000);
    const answers = [
      await slack.dm(ma, "hi", { secret: "not-the-secret" }),
      await slack.dm(ma, "hi", { timestamp: now - 400 }),
      await slack.dm(ma, "hi", { timestamp: now + 400 }),
      await slack.dm(ma, "hi", { signature: "" }),
      await slack.urlVerification("x", { signature: "v0=00" }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.seen).toEqual([]);
    expect(recorder.calls).toEqual([]);
  });

  it("answers a signed request that is not a Slack payload with 400; other routes keep their JSON parsing", async () => {
    expect((await slack.post("{not json", "application/json")).status).toBe(400);
    expect((await slack.post('{"hello":1}', "application/json")).status).toBe(400);
    expect((await slack.post("payload=%7Bbad", "application/x-www-form-urlencoded")).status).toBe(400);
    expect(engine.seen).toEqual([]);
    const echo = await http.inject({ method: "POST", url: "/api/echo", payload: { a: 1 } });
    expect(echo.json()).toEqual({ body: { a: 1 } });
  });

  it("acks a DM before the engine's slow work, then posts the reply to the person's DM", async () => {
    let open: () => void = () => {};
    engine.gate = new Promise((resolve) => {
      open = resolve;
    });
    const response = await slack.dm(ma, "我的待办");
    expect(response.status).toBe(200);
    expect(recorder.callsTo("chat.postMessage")).toEqual([]); // answered while the engine still waits
    open();
    const call = await recorder.waitFor((c) => c.method === "chat.postMessage", "the reply");
    expect(call.args).toMatchObject({ channel: "U0MA", text: "got text" });
    expect(engine.seen[0]).toMatchObject({
      who: {
        chat: { channel: "slack", chatId: "U0MA", userId: "U0MA" },
        person: { id: "ma" },
        isGroup: false,
      },
      input: { kind: "text", text: "我的待办" },
    });
  });

  it("handles an event Slack retries (same event_id, X-Slack-Retry-Num) once", async () => {
    const eventId = slack.newEventId();
    const first = await slack.dm(ma, "hello", { eventId });
    const retried = await slack.dm(ma, "hello", { eventId, retryNum: 1, retryReason: "http_timeout" });
    expect([first.status, retried.status]).toEqual([200, 200]);
    await recorder.waitFor((c) => c.method === "chat.postMessage", "the reply");
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.seen).toHaveLength(1);
    expect(recorder.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("takes the buttons off the DM's last turn when the next one answers (its step is over); a toast keeps them", async () => {
    engine.answer = async (_who, input) => [
      {
        kind: "choices",
        text: `step ${input.kind === "text" ? input.text : "?"}`,
        choices: [{ label: "是", payload: "o1.yes" }],
      },
    ];
    await slack.dm(ma, "one");
    const first = await recorder.waitFor((c) => c.method === "chat.postMessage", "the first step");
    const firstTs = String(first.result.ts);
    engine.answer = async () => [{ kind: "toast", text: "这个按钮已过期" }];
    await slack.dm(ma, "typed while a step waits");
    await recorder.waitFor(
      (c) => c.method === "chat.postMessage" && c.seq > first.seq,
      "the toast as a text",
    );
    expect(recorder.message(ma.id, firstTs)?.blocks.some((b) => b.type === "actions")).toBe(true);
    engine.answer = async () => [
      { kind: "choices", text: "step two", choices: [{ label: "否", payload: "o2.no" }] },
    ];
    await slack.dm(ma, "two");
    // The old step loses its buttons before the new one is posted.
    const second = await recorder.waitFor(
      (c) => c.method === "chat.postMessage" && c.args.text === "step two",
      "the second step",
    );
    const update = recorder.callsTo("chat.update").find((c) => c.args.ts === firstTs);
    expect(update?.seq).toBeLessThan(second.seq);
    const old = recorder.message(ma.id, firstTs);
    expect(old?.text).toBe("step one");
    expect(old?.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(recorder.message(ma.id, String(second.result.ts))?.blocks.some((b) => b.type === "actions")).toBe(
      true,
    );
  });

  it("runs /parcel overdue as the engine's command after acking the slash command", async () => {
    const response = await slack.command(ma, "/parcel", "overdue");
    expect(response.status).toBe(200);
    await recorder.waitFor((c) => c.method === "chat.postMessage", "the reply");
    expect(engine.seen[0]?.input).toEqual({ kind: "command", name: "overdue", args: "" });
  });

  it("passes a stranger's staff command to the engine, whose refusal (one rule for every channel) is posted", async () => {
    engine.answer = async () => [{ kind: "text", text: t("zh", "channel.notInDirectory") }];
    await slack.command(stranger, "/parcel", "overdue");
    const call = await recorder.waitFor((c) => c.method === "chat.postMessage", "the refusal");
    expect(call.args).toMatchObject({ channel: stranger.id, text: t("zh", "channel.notInDirectory") });
    expect(engine.seen[0]).toMatchObject({
      who: { person: undefined },
      input: { kind: "command", name: "overdue" },
    });
  });

  it("a turn that committed is not told it failed when posting its replies fails: the failure is logged", async () => {
    recorder.failNext("chat.postMessage", { error: "channel_not_found" });
    await slack.dm(ma, "做完了");
    await recorder.waitFor((c) => c.method === "chat.postMessage", "the failed reply");
    await expect
      .poll(() =>
        logLines.some((l) => l.msg === "slack: the turn is done; its replies were not all delivered"),
      )
      .toBe(true);
    expect(recorder.callsTo("chat.postMessage").map((c) => c.args.text)).toEqual(["got text"]);
    expect(logLines.some((l) => l.msg === "slack: handling a request failed")).toBe(false);
  });

  it("reads a form field sent twice as its first value (text=a&text=b), never a crash", async () => {
    const body = "command=%2Fparcel&text=overdue&text=queries&user_id=U0MA&channel_id=D0MA&trigger_id=t1";
    expect((await slack.post(body, "application/x-www-form-urlencoded")).status).toBe(200);
    await recorder.waitFor((c) => c.method === "chat.postMessage", "the reply");
    expect(engine.seen[0]?.input).toEqual({ kind: "command", name: "overdue", args: "" });
  });

  it("at debug, the Web API's request bodies (message texts, phones) stay out of the log", async () => {
    engine.answer = async () => [{ kind: "text", text: "客户电话 13800138000" }];
    await slack.dm(ma, "电话");
    await recorder.waitFor((c) => c.method === "chat.postMessage", "the reply");
    await receiver.stop();
    expect(logLines.some((l) => l.level === 20)).toBe(true);
    expect(JSON.stringify(logLines)).not.toContain("13800138000");
  });

  it("answers a slash command typed in a channel: a word for the typer is ephemeral there, the rest goes to their DM", async () => {
    engine.answer = async () => [
      { kind: "toast", text: t("zh", "buttons.sentPrivately") },
      { kind: "text", text: "待派的取件", privately: true },
    ];
    expect((await slack.command(ma, "/parcel", "pickups", { channelId: "C0DISPATCH" })).status).toBe(200);
    const note = await recorder.waitFor((c) => c.method === "chat.postEphemeral", "the note");
    expect(note.args).toMatchObject({
      channel: "C0DISPATCH",
      user: ma.id,
      text: t("zh", "buttons.sentPrivately"),
    });
    const reply = await recorder.waitFor((c) => c.method === "chat.postMessage", "the reply");
    expect(reply.args).toMatchObject({ channel: ma.id, text: "待派的取件" });
    expect(engine.seen[0]?.who).toMatchObject({ isGroup: true, privateChat: { chatId: ma.id } });
  });

  it("answers a refused click in a channel with an ephemeral note and changes nothing", async () => {
    engine.answer = async () => [{ kind: "toast", text: t("zh", "buttons.notForYou") }];
    const card = {
      channel: "C0DISPATCH",
      ts: "1700000000.000100",
      text: "取件",
      threadTs: undefined,
      deleted: false,
      versions: [],
    };
    const blocks = [
      { type: "section", text: { type: "plain_text", text: "取件" } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: "pd.b0",
            text: { type: "plain_text", text: "接单" },
            value: "a.accept.p1",
          },
        ],
      },
    ];
    const response = await slack.click(stranger, { ...card, blocks }, "接单");
    expect(response.status).toBe(200);
    const call = await recorder.waitFor((c) => c.method === "chat.postEphemeral", "the refusal");
    expect(call.args).toMatchObject({
      channel: "C0DISPATCH",
      user: stranger.id,
      text: t("zh", "buttons.notForYou"),
    });
    expect(engine.seen[0]).toMatchObject({
      who: { isGroup: true },
      input: { kind: "choice", payload: "a.accept.p1" },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(recorder.callsTo("chat.postMessage")).toEqual([]);
    expect(recorder.callsTo("chat.update")).toEqual([]);
  });

  it("leaves the staff UI's clicks (action ids starting ui.) to it: the engine never sees them", async () => {
    const card = {
      channel: "D0MA",
      ts: "1700000000.000200",
      text: "主页",
      threadTs: undefined,
      deleted: false,
      versions: [],
    };
    const blocks = [
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: "ui.home.take",
            text: { type: "plain_text", text: "接手" },
            value: "q1",
          },
        ],
      },
    ];
    const response = await slack.click(ma, { ...card, blocks }, "接手");
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.seen).toEqual([]);
  });

  it("answers a failure politely in the person's language and logs it", async () => {
    engine.answer = async () => {
      throw new Error("database on fire");
    };
    await slack.dm({ id: "U0HE", name: "he" }, "hi");
    const call = await recorder.waitFor((c) => c.method === "chat.postMessage", "the apology");
    expect(call.args).toMatchObject({ channel: "U0HE", text: t("en", "error.internal") });
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: "slack: handling a request failed", level: 50 }),
    );
  });

  it("an ack after the receiver answered Slack (its timeout) throws AckTooLate, so the listener can DM instead", async () => {
    const late = new FastifyReceiver({ signingSecret: SECRET, log, ackTimeoutMs: 10 });
    let listenerDone: (error: unknown) => void = () => {};
    const outcome = new Promise<unknown>((resolve) => {
      listenerDone = resolve;
    });
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    late.init({
      processEvent: async ({ ack }: { ack: (r?: unknown) => Promise<void> }) => {
        await slow; // the listener is still working when the receiver gives up waiting
        listenerDone(await ack({ response_action: "errors", errors: {} }).catch((e: unknown) => e));
      },
    } as unknown as App);
    const server = Fastify();
    late.register(server);
    const body = JSON.stringify({ type: "view_submission", view: {} });
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await server.inject({
      method: "POST",
      url: "/slack/events",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(SECRET, timestamp, body),
      },
      payload: body,
    });
    expect([response.statusCode, response.body]).toEqual([200, ""]);
    release();
    expect(await outcome).toBeInstanceOf(AckTooLate);
    await late.stop();
    await server.close();
  });
});
