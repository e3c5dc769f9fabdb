import type { Redis } from "ioredis";
import type { Config } from "../config";
import type { DirectoryIndex } from "../domain/config/directory";
import type { Policy } from "../domain/config/policy";
import type { Clock } from "../domain/kernel/clock";
import type { ChannelSenders } from "../domain/ports/channel-sender";
import type { Logger } from "../log";
import type { ChatChannel } from "./channel";
import { createWeb, webSignIn } from "./web";

/**
 * The chat channels that have credentials, and the local web chat (always on), built once from the
 * config: `npm start` attaches them to the engine, registers their routes and starts them; `npm run
 * worker` only takes their senders. A channel without credentials is off, with the reason (for the
 * start-up log).
 */
export interface ChannelList {
  channels: ChatChannel[];
  senders: ChannelSenders;
  /** One line per channel: "telegram: on (webhook)", "slack: off (no SLACK_BOT_TOKEN)". */
  status: string[];
}

export interface ChannelDeps {
  directory: DirectoryIndex;
  policy: Policy;
  clock: Clock;
  redis: Redis;
  log: Logger;
}

/** The channels that have credentials (their SDKs loaded only then: start-up time, issue 15), and the web. */
export async function createChannels(config: Config, deps: ChannelDeps): Promise<ChannelList> {
  const channels: ChatChannel[] = [];
  const status: string[] = [];
  const add = (channel: ChatChannel) => {
    channels.push(channel);
    status.push(`${channel.name}: on (${channel.mode})`);
  };
  if (config.TELEGRAM_BOT_TOKEN) {
    const { createTelegram } = await import("./telegram");
    add(
      createTelegram({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        webhookUrl: config.TELEGRAM_WEBHOOK_URL,
        directory: deps.directory,
        redis: deps.redis,
        log: deps.log,
      }),
    );
  } else {
    status.push("telegram: off (no TELEGRAM_BOT_TOKEN)");
  }
  if (config.SLACK_BOT_TOKEN) {
    const { createSlack } = await import("./slack");
    add(
      createSlack({
        token: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        ...deps,
      }),
    );
  } else {
    status.push("slack: off (no SLACK_BOT_TOKEN)");
  }
  // Always on: the local web chat needs no credentials (DESIGN.md: a newcomer can try every flow).
  add(createWeb({ ...deps, signIn: webSignIn(config) }));
  const senders: ChannelSenders = {};
  for (const channel of channels) senders[channel.name] = channel.sender;
  return { channels, senders, status };
}
