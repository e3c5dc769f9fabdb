import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySlackRequest, webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonAction, SlackClient, selectAction, viewState } from "../../support/slack-client";
import { SlackRecorder, shownText } from "../../support/slack-recorder";

/**
 * The e2e suite's own tools, checked against Slack's own code: the recorder answers
 * @slack/web-api's WebClient as Slack would, and the client's requests pass Bolt's verifier.
 * If these fail, an e2e failure says nothing about the service.
 */
let recorder: SlackRecorder;
let sink: Server;
let sinkUrl: string;
const received: { body: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  recorder = await SlackRecorder.start();
  sink = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((done) => sink.listen(0, "127.0.0.1", done));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await recorder?.stop();
  sink?.closeAllConnections();
  await new Promise((done) => sink?.close(done));
});

const blocks = [
  { type: "section", block_id: "s1", text: { type: "mrkdwn", text: "新取件预约 *文昌路*" } },
  {
    type: "actions",
    block_id: "b1",
    elements: [
      {
        type: "button",
        action_id: "opaque-1",
        value: "v-accept",
        text: { type: "plain_text", text: "接单" },
      },
      {
        type: "button",
        action_id: "opaque-2",
        value: "v-decline",
        text: { type: "plain_text", text: "拒单" },
      },
      {
        type: "static_select",
        action_id: "opaque-3",
        placeholder: { type: "plain_text", text: "派给业务员…" },
        options: [{ text: { type: "plain_text", text: "张伟(105)" }, value: "v-zhang" }],
      },
    ],
  },
];

describe("the Slack recorder answers the Web API client as Slack does", () => {
  const client = () =>
    new webApi.WebClient("xoxb-test", { slackApiUrl: recorder.apiUrl, rejectRateLimitedCalls: true });

  it("records chat.postMessage (form-encoded, blocks parsed) and answers the DM channel and a ts", async () => {
    const posted = await client().chat.postMessage({ channel: "U0WANG", text: "你好", blocks });
    expect(posted).toMatchObject({ ok: true, channel: "D0WANG" });
    const call = recorder.callsTo("chat.postMessage").at(-1);
    expect(call?.token).toBe("xoxb-test");
    expect(call?.args.blocks).toEqual(blocks);
    const message = recorder.message("D0WANG", String(posted.ts));
    expect(message && shownText(message)).toContain("文昌路");

    await client().chat.update({ channel: "D0WANG", ts: String(posted.ts), text: "已接单", blocks: [] });
    expect(recorder.message("U0WANG", String(posted.ts))).toMatchObject({ text: "已接单", blocks: [] });
    expect(recorder.message("U0WANG", String(posted.ts))?.versions).toHaveLength(2);
    const history = await client().conversations.history({
      channel: "D0WANG",
      latest: String(posted.ts),
      inclusive: true,
      limit: 1,
    });
    expect(history.messages).toMatchObject([{ ts: posted.ts, text: "已接单" }]);
    await expect(client().chat.update({ channel: "C1", ts: "1.2", text: "x" })).rejects.toThrow(
      /message_not_found/,
    );
  });

  it("opens views only with a live trigger, and publishes a home per user", async () => {
    const view = { type: "modal", title: { type: "plain_text", text: "问题件" }, blocks: [] };
    await expect(client().views.open({ trigger_id: "forged", view: view as never })).rejects.toThrow(
      /invalid_trigger_id/,
    );
    const opened = await client().views.open({
      trigger_id: recorder.issueTrigger("U1"),
      view: view as never,
    });
    expect(recorder.view(String(opened.view?.id))?.userId).toBe("U1");
    const home = await client().views.publish({ user_id: "U1", view: { type: "home", blocks: [] } });
    expect(home.ok).toBe(true);
    expect(recorder.viewsOf("U1")).toHaveLength(2);
  });

  it("answers 429 with Retry-After and limits again within it, or answers an error, when told to", async () => {
    const to = (channel: string) => (args: Record<string, unknown>) => args.channel === channel;
    const post = (channel: string) => client().chat.postMessage({ channel, text: "x" });
    recorder.failNext("chat.postMessage", { status: 429, retryAfter: 7 }, 1, to("C429"));
    const limited = { code: "slack_webapi_rate_limited_error" };
    await expect(post("C429")).rejects.toMatchObject({ ...limited, retryAfter: 7 });
    await expect(post("C429")).rejects.toMatchObject(limited); // came back too soon
    expect((await post("C1")).ok).toBe(true); // other chats are not limited

    recorder.failNext("chat.postMessage", { error: "channel_not_found" }, 1, to("CGONE"));
    await expect(post("CGONE")).rejects.toThrow(/channel_not_found/);
    expect((await post("CGONE")).ok).toBe(true); // once, as told
  });

  it("waits for a call by polling, and says what it saw when it times out", async () => {
    const since = recorder.calls.length;
    setTimeout(() => void client().chat.postEphemeral({ channel: "C1", user: "U2", text: "只给你看" }), 50);
    const call = await recorder.waitFor((c) => c.method === "chat.postEphemeral", "an ephemeral", { since });
    expect(call.args.user).toBe("U2");
    await expect(recorder.waitFor(() => false, "never", { since, timeoutMs: 100 })).rejects.toThrow(
      /chat.postEphemeral/,
    );
  });
});

describe("the Slack client signs and shapes requests as Slack does", () => {
  const secret = "8f742231b10e8888abcd99yyyzzz85a5";
  const slack = () => new SlackClient(sinkUrl, secret, recorder);

  it("signs with v0 HMAC-SHA256 so that Bolt's own verifier accepts it, and a stale one is refused", async () => {
    await slack().command({ id: "U0WANG", name: "wang" }, "/parcel", "available");
    const last = received.at(-1);
    const headers = {
      "x-slack-signature": String(last?.headers["x-slack-signature"]),
      "x-slack-request-timestamp": Number(last?.headers["x-slack-request-timestamp"]),
    };
    expect(() =>
      verifySlackRequest({ signingSecret: secret, body: last?.body ?? "", headers }),
    ).not.toThrow();
    expect(() =>
      verifySlackRequest({ signingSecret: "another-secret", body: last?.body ?? "", headers }),
    ).toThrow();
    expect(new URLSearchParams(last?.body).get("command")).toBe("/parcel");

    await slack().urlVerification("c", { timestamp: Math.floor(Date.now() / 1000) - 600 });
    const stale = received.at(-1);
    expect(() =>
      verifySlackRequest({
        signingSecret: secret,
        body: stale?.body ?? "",
        headers: {
          "x-slack-signature": String(stale?.headers["x-slack-signature"]),
          "x-slack-request-timestamp": Number(stale?.headers["x-slack-request-timestamp"]),
        },
      }),
    ).toThrow(/stale|old|timestamp/i);
  });

  it("sends a click as payload=<json> naming the button found by its text, with the retry headers when asked", async () => {
    const message = recorder.message("D0WANG", String(recorder.callsTo("chat.postMessage")[0]?.result.ts));
    if (!message) throw new Error("no message");
    await slack().click({ id: "U0ZHANG", name: "zhang" }, { ...message, blocks }, "接单");
    const payload = JSON.parse(new URLSearchParams(received.at(-1)?.body).get("payload") ?? "{}");
    expect(payload).toMatchObject({
      type: "block_actions",
      user: { id: "U0ZHANG" },
      container: { type: "message", message_ts: message.ts, channel_id: "D0WANG" },
      actions: [{ type: "button", action_id: "opaque-1", block_id: "b1", value: "v-accept" }],
    });
    expect(selectAction(blocks, "张伟")).toMatchObject({
      action_id: "opaque-3",
      selected_option: { value: "v-zhang" },
    });
    expect(() => buttonAction(blocks, "不存在")).toThrow(/接单/);

    await slack().dm({ id: "U0WANG", name: "wang" }, "你好", { retryNum: 1, eventId: "Ev1" });
    expect(received.at(-1)?.headers["x-slack-retry-num"]).toBe("1");
    expect(JSON.parse(received.at(-1)?.body ?? "{}")).toMatchObject({
      type: "event_callback",
      event_id: "Ev1",
      event: { type: "message", channel_type: "im", user: "U0WANG", text: "你好" },
    });
  });

  it("fills a modal's inputs by their labels", () => {
    const view = {
      type: "modal",
      blocks: [
        {
          type: "input",
          block_id: "reason",
          label: { type: "plain_text", text: "详细原因" },
          element: { type: "plain_text_input", action_id: "v" },
        },
        {
          type: "input",
          block_id: "told",
          label: { type: "plain_text", text: "派送时已告知" },
          element: {
            type: "radio_buttons",
            action_id: "v",
            options: [
              { text: { type: "plain_text", text: "片区" }, value: "zone" },
              { text: { type: "plain_text", text: "公司" }, value: "company" },
            ],
          },
        },
        {
          type: "input",
          block_id: "when",
          optional: true,
          label: { type: "plain_text", text: "时间" },
          element: { type: "timepicker", action_id: "v" },
        },
      ],
    };
    expect(viewState(view, { 详细原因: "客户要求当面验货", 派送时已告知: "片区" })).toEqual({
      reason: { v: { type: "plain_text_input", value: "客户要求当面验货" } },
      told: {
        v: {
          type: "radio_buttons",
          selected_option: { text: { type: "plain_text", text: "片区" }, value: "zone" },
        },
      },
      when: { v: { type: "timepicker", selected_time: null } },
    });
    expect(() => viewState(view, { 不存在: "x" })).toThrow(/详细原因/);
  });
});
