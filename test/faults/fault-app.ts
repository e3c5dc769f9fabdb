import type { Update } from "grammy/types";
import { type App, startApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { parseDirectory } from "../../src/domain/config/directory";
import { defaultPolicy } from "../../src/domain/config/policy";
import { type Logger, silentLogger } from "../../src/log";
import { BRANCH } from "../support/branch";

/**
 * The whole service as a fault test (issue 16) starts it: on a free HTTP port, silent, with the
 * default policy and the test branch's directory. `env` adds the stores and channels the test uses.
 */
export function startFaultApp(env: Record<string, string>, log: Logger = silentLogger): Promise<App> {
  const config = loadConfig({ HTTP_PORT: "0", LOG_LEVEL: "silent", ...env });
  return startApp({
    config,
    policy: defaultPolicy(),
    directory: parseDirectory(BRANCH),
    log,
  });
}

/** The environment for Telegram in webhook mode against a fake Bot API at `apiUrl`. */
export function telegramWebhookEnv(token: string, apiUrl: string): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: apiUrl,
    TELEGRAM_WEBHOOK_URL: "https://desk.example/telegram/webhook",
  };
}

/** A customer's private text message to the bot, as Telegram posts it (update and message ids `id`). */
export function textUpdate(id: number, value: string, from: number): Update {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from, type: "private", first_name: "客户" },
      from: { id: from, is_bot: false, first_name: "客户", language_code: "zh-hans" },
      text: value,
    },
  } as unknown as Update;
}
