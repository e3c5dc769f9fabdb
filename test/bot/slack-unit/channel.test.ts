import Fastify from "fastify";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlack } from "../../../src/bot/slack";
import { defaultPolicy } from "../../../src/domain/config/policy";
import { deskLookups } from "../../../src/domain/desk/lookups";
import { systemClock } from "../../../src/domain/kernel/clock";
import { silentLogger } from "../../../src/log";
import { branchDirectory } from "../../support/branch";
import { openMemoryStore } from "../../support/memory/store";
import { SlackRecorder } from "../../support/slack-recorder";
import { world } from "../../support/use-case-harness";

/** The Slack channel as startApp uses it: its route, its start against the Web API, Socket Mode. */
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true });
let recorder: SlackRecorder;
beforeAll(async () => {
  recorder = await SlackRecorder.start();
});
afterAll(async () => {
  await recorder.stop();
  redis.disconnect();
});
const options = () => ({
  token: "xoxb-1-channel-test",
  apiUrl: recorder.apiUrl,
  directory: branchDirectory(),
  policy: defaultPolicy(),
  clock: systemClock,
  redis,
  log: silentLogger,
});

describe("the Slack channel", () => {
  it("with HTTP events registers POST /slack/events in its own scope (unsigned: 401) and checks the token at start", async () => {
    const slack = createSlack({ ...options(), signingSecret: "slack-signing-secret" });
    expect(slack.mode).toBe("http events");
    const http = Fastify();
    slack.registerRoutes(http);
    const unsigned = await http.inject({
      method: "POST",
      url: "/slack/events",
      payload: { type: "url_verification" },
    });
    expect(unsigned.statusCode).toBe(401);
    const since = recorder.calls.length;
    await slack.start();
    expect(recorder.calls.slice(since).map((c) => c.method)).toEqual(["auth.test"]);
    expect(recorder.calls.at(-1)?.token).toBe("xoxb-1-channel-test");
    await slack.stop();
    await http.close();
  });

  it("fails to start with a clear message when Slack refuses the bot token", async () => {
    const slack = createSlack({ ...options(), signingSecret: "slack-signing-secret" });
    recorder.failNext("auth.test", { error: "invalid_auth" });
    await expect(slack.start()).rejects.toThrow(/does not accept the bot token.*invalid_auth/);
  });

  it("in Socket Mode registers no HTTP route, and needs a signing secret only for HTTP events", async () => {
    const slack = createSlack({ ...options(), appToken: "xapp-1-test" });
    expect(slack.mode).toBe("socket mode");
    const http = Fastify();
    slack.registerRoutes(http);
    expect((await http.inject({ method: "POST", url: "/slack/events", payload: {} })).statusCode).toBe(404);
    await http.close();
    expect(() => createSlack(options())).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it("in a process that only sends (npm run worker): a notice reaching a staff DM refreshes their App Home, with no engine", async () => {
    const store = openMemoryStore();
    const w = world(store);
    const slack = createSlack({
      ...options(),
      directory: branchDirectory([{ id: "amy", name: "Amy", roles: ["agent"], slackId: "U0AMY" }]),
      signingSecret: "slack-signing-secret",
    });
    slack.attachDelivery?.({ desk: w.desk, lookups: deskLookups(store) });
    const since = recorder.calls.length;
    await slack.sender.send({ chatId: "U0AMY", text: "新查件" });
    await recorder.waitFor((c) => c.method === "views.publish", "the Home refreshed", { since });
    expect(recorder.calls.slice(since).map((c) => c.method)).toEqual(["chat.postMessage", "views.publish"]);
    await store.close();
  });
});
