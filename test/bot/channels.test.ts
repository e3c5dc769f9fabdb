import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createChannels } from "../../src/bot/channels";
import { loadConfig } from "../../src/config";
import { defaultPolicy } from "../../src/domain/config/policy";
import { systemClock } from "../../src/domain/kernel/clock";
import { silentLogger } from "../../src/log";
import { branchDirectory } from "../support/branch";

/** The channel list, built once from the config for `npm start` and `npm run worker` (issue 10 §1). */
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true });
afterAll(() => redis.disconnect());
const deps = {
  directory: branchDirectory(),
  policy: defaultPolicy(),
  clock: systemClock,
  redis,
  log: silentLogger,
};

describe("the channel list", () => {
  it("without credentials has neither Telegram nor Slack and says why each is off", async () => {
    const list = await createChannels(loadConfig({}), deps);
    expect(list.channels.map((c) => c.name)).not.toContain("telegram");
    expect(list.channels.map((c) => c.name)).not.toContain("slack");
    expect(list.senders.telegram).toBeUndefined();
    expect(list.senders.slack).toBeUndefined();
    expect(list.status).toEqual(
      expect.arrayContaining(["telegram: off (no TELEGRAM_BOT_TOKEN)", "slack: off (no SLACK_BOT_TOKEN)"]),
    );
  });

  it("builds each channel that has credentials once, with its sender and how it receives", async () => {
    const list = await createChannels(
      loadConfig({
        TELEGRAM_BOT_TOKEN: "123456:TEST-abcdefghijklmnopqrstuv",
        TELEGRAM_WEBHOOK_URL: "https://desk.example/telegram/webhook",
        SLACK_BOT_TOKEN: "xoxb-1-test",
        SLACK_SIGNING_SECRET: "slack-signing-secret",
      }),
      deps,
    );
    const byName = (name: string) => list.channels.find((c) => c.name === name);
    expect(list.channels.filter((c) => c.name === "telegram" || c.name === "slack")).toHaveLength(2);
    expect(list.status).toEqual(
      expect.arrayContaining(["telegram: on (webhook)", "slack: on (http events)"]),
    );
    expect(list.senders.telegram).toBe(byName("telegram")?.sender);
    expect(list.senders.slack).toBe(byName("slack")?.sender);
    expect(typeof list.senders.slack?.update).toBe("function");
  });

  it("uses Socket Mode when an app-level token is set, and long polling without a webhook URL", async () => {
    const list = await createChannels(
      loadConfig({
        TELEGRAM_BOT_TOKEN: "123456:TEST-abcdefghijklmnopqrstuv",
        SLACK_BOT_TOKEN: "xoxb-1-test",
        SLACK_APP_TOKEN: "xapp-1-test",
      }),
      deps,
    );
    expect(list.status).toEqual(
      expect.arrayContaining(["telegram: on (long polling)", "slack: on (socket mode)"]),
    );
  });
});
