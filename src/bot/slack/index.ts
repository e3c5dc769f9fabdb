import { createHash } from "node:crypto";
import { App, type AuthorizeResult, webApi } from "@slack/bolt";
import type { Redis } from "ioredis";
import type { DirectoryIndex } from "../../domain/config/directory";
import type { Policy } from "../../domain/config/policy";
import type { Clock } from "../../domain/kernel/clock";
import type { Engine } from "../../flows/engine";
import type { Logger } from "../../log";
import type { ChannelWiring, ChatChannel, DeliveryWiring } from "../channel";
import { redisEventDedupe } from "./dedupe";
import { installListeners } from "./listeners";
import { redisLiveButtons } from "./live";
import { slackLogger } from "./logger";
import { FastifyReceiver } from "./receiver";
import { createSlackSender } from "./sender";
import { installStaffUi, refreshHome, type SlackStaffUi, type SlackStaffUiDeps } from "./staff-ui";

/**
 * The Slack channel on Bolt (issue 10): HTTP events on the service's own server at POST
 * /slack/events (receiver.ts), or Socket Mode when an app-level token is set; DMs, `/parcel` and
 * clicks reach the flow engine (listeners.ts); the staff UI's modal and App Home (staff-ui/); the
 * ChannelSender the send queue posts through (sender.ts). SLACK_API_URL points every Web API call
 * elsewhere (a local recorder in tests).
 */
export interface SlackOptions {
  token: string;
  /** HTTP events: the signing secret that checks POST /slack/events. */
  signingSecret?: string | undefined;
  /** Set: Socket Mode (no public URL needed); the signing secret is then unused. */
  appToken?: string | undefined;
  /** The Web API's base URL (default Slack's). */
  apiUrl?: string | undefined;
  directory: DirectoryIndex;
  policy: Policy;
  clock: Clock;
  redis: Redis;
  log: Logger;
  /** Redis key prefix of the event de-duplication and the live buttons (tests use their own). */
  keyPrefix?: string;
}

export interface SlackChannel extends ChatChannel {
  readonly name: "slack";
  /** The Bolt app (tests and the staff UI register on it). */
  readonly app: App;
}

/** Replies to people wait out a short outage; the send queue's client never retries (it does). */
const REPLY_RETRIES = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 };

function staffUiDeps(options: SlackOptions, wiring: DeliveryWiring): SlackStaffUiDeps {
  const { directory, policy, clock, log } = options;
  return { desk: wiring.desk, lookups: wiring.lookups, directory, policy, clock, log };
}

export function createSlack(options: SlackOptions): SlackChannel {
  const { token, appToken, directory, log, keyPrefix } = options;
  if (!appToken && !options.signingSecret) {
    throw new Error("slack: HTTP events need SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)");
  }
  const logger = slackLogger(log);
  const base: webApi.WebClientOptions = {
    logger,
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
  };
  const senderClient = new webApi.WebClient(token, {
    ...base,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  // The identity auth.test gave at start: Bolt's ignoreSelf reads it to skip the bot's own messages.
  let identity: AuthorizeResult = { botToken: token };
  const receiver = appToken
    ? undefined
    : new FastifyReceiver({ signingSecret: options.signingSecret ?? "", log });
  const app = new App({
    authorize: async () => identity,
    ...(receiver ? { receiver } : { socketMode: true, appToken }),
    logger,
    clientOptions: { ...base, retryConfig: REPLY_RETRIES },
  });
  app.error(async (error) => {
    log.error({ err: error, code: error.code }, "slack: a listener failed");
  });

  let engine: Engine | undefined;
  let staffUi: SlackStaffUi | undefined;
  const appKey = createHash("sha256").update(token).digest("hex").slice(0, 12);
  installListeners(app, {
    directory,
    log,
    dedupe: redisEventDedupe(options.redis, appKey, keyPrefix ? `${keyPrefix}event:` : undefined),
    live: redisLiveButtons(options.redis, appKey, keyPrefix ? `${keyPrefix}live:` : undefined),
    engine: () => engine,
    staffUi: () => staffUi,
  });

  /** The staff UI's reads, once the desk is known (attach, or attachDelivery in a worker). */
  let uiDeps: SlackStaffUiDeps | undefined;
  const withDesk = (wiring: DeliveryWiring) => staffUiDeps(options, wiring);
  const sender = createSlackSender(senderClient, log, {
    // A notice reached a staff member's DM: their App Home shows their work, refreshed too.
    delivered(chatId) {
      if (uiDeps && directory.bySlackId(chatId)) void refreshHome(uiDeps, senderClient, chatId);
    },
  });

  return {
    name: "slack",
    mode: appToken ? "socket mode" : "http events",
    app,
    sender,

    attach(wiring: ChannelWiring) {
      engine = wiring.engine;
      uiDeps = withDesk(wiring);
      staffUi = installStaffUi(app, uiDeps);
    },

    attachDelivery(wiring: DeliveryWiring) {
      uiDeps = withDesk(wiring);
    },

    registerRoutes(http) {
      receiver?.register(http);
    },

    async start() {
      const where = options.apiUrl ?? "https://slack.com/api/";
      const auth = await senderClient.auth.test().catch((error: unknown) => {
        throw new Error(
          `slack: the Web API at ${where} does not accept the bot token: ${(error as Error).message}`,
        );
      });
      identity = {
        botToken: token,
        ...(auth.user_id ? { botUserId: auth.user_id } : {}),
        ...(auth.bot_id ? { botId: auth.bot_id } : {}),
      };
      if (appToken) await app.start();
      log.info({ bot: auth.user ?? auth.user_id, team: auth.team }, "slack: started");
    },

    async stop() {
      if (appToken) await app.stop();
      await receiver?.stop();
    },
  };
}
