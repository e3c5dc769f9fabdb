import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";

describe("config", () => {
  it("gives every variable its documented default when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      REDIS_URL: "redis://127.0.0.1:6379",
      DATA_DIR: "./data",
      HTTP_PORT: 3000,
      HTTP_HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("treats an empty value as unset, as .env.example leaves them", () => {
    expect(loadConfig({ DATABASE_URL: "", HTTP_PORT: " " }).HTTP_PORT).toBe(3000);
  });

  it.each([
    [{ HTTP_PORT: "http" }, "HTTP_PORT"],
    [{ HTTP_PORT: "70000" }, "HTTP_PORT"],
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ INGEST_TOKEN: "short" }, "INGEST_TOKEN"],
    [{ TELEGRAM_BOT_TOKEN: "not-a-token" }, "TELEGRAM_BOT_TOKEN"],
    [{ SLACK_BOT_TOKEN: "xoxp-user" }, "SLACK_BOT_TOKEN"],
    [{ TELEGRAM_WEBHOOK_URL: "https://example.org/telegram/webhook" }, "TELEGRAM_WEBHOOK_URL"],
  ])("rejects %o with one line naming %s", (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain("\n");
  });

  it("accepts a complete Telegram and Slack setup", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9000",
      SLACK_BOT_TOKEN: "xoxb-1-2-3",
      SLACK_SIGNING_SECRET: "0123456789abcdef",
      HTTP_PORT: "0",
    });
    expect(config.TELEGRAM_API_ROOT).toBe("http://127.0.0.1:9000");
    expect(config.HTTP_PORT).toBe(0);
  });
});
