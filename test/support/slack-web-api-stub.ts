import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { installStaffUi, type SlackStaffUi } from "../../src/bot/slack/staff-ui";
import type { DirectoryIndex } from "../../src/domain/config/directory";
import type { Desk } from "../../src/domain/desk/desk";
import { deskLookups } from "../../src/domain/desk/lookups";
import type { Store } from "../../src/domain/ports";
import { silentLogger } from "../../src/log";
import type { World } from "./use-case-harness";

/** One Web API call the staff UI made: the method and its form arguments (`view` parsed as JSON). */
export interface WebApiCall {
  method: string;
  args: Record<string, unknown>;
}

/**
 * A minimal local Slack Web API for the staff UI's Bolt handler tests: it records every call in
 * `calls` and answers `ok: true` with a view, a DM channel and a ts; a method put in `failing`
 * answers `{ ok: false, error: "expired_trigger_id" }`. (The whole-service tests use the richer
 * SlackRecorder, which also holds messages and views.)
 */
export class SlackWebApiStub {
  readonly calls: WebApiCall[] = [];
  readonly failing = new Set<string>();
  private server: Server | undefined;

  constructor(private readonly view = { id: "V1", hash: "h1" }) {}

  /** Starts listening and returns the base URL for `slackApiUrl`. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk) => {
        raw += chunk;
      });
      req.on("end", () => {
        const args: Record<string, unknown> = {};
        for (const [k, v] of new URLSearchParams(raw)) {
          try {
            args[k] = k === "view" ? JSON.parse(v) : v;
          } catch {
            args[k] = v;
          }
        }
        const method = (req.url ?? "").replace(/^\/api\//, "");
        this.calls.push({ method, args });
        res.setHeader("content-type", "application/json");
        if (this.failing.has(method))
          return res.end(JSON.stringify({ ok: false, error: "expired_trigger_id" }));
        res.end(JSON.stringify({ ok: true, view: this.view, channel: "D1", ts: "1.1" }));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/** A Bolt app with no receiver of its own (tests call processEvent), its Web API at `apiUrl`. */
export function boltAppFor(apiUrl: string, options: { retries?: number } = {}): App {
  return new App({
    token: "xoxb-test",
    botId: "B1",
    botUserId: "UBOT",
    tokenVerificationEnabled: false,
    receiver: { init() {}, start: async () => undefined, stop: async () => undefined },
    clientOptions: {
      slackApiUrl: apiUrl,
      ...(options.retries === undefined ? {} : { retryConfig: { retries: options.retries } }),
    },
    logLevel: LogLevel.ERROR,
  });
}

/**
 * The staff UI installed on `app` over a use-case world: its store's lookups, its policy and
 * clock, the given directory, and `desk` (the world's own, or one standing in front of it).
 */
export function installWorldStaffUi(
  app: App,
  w: World,
  store: Store,
  directory: DirectoryIndex,
  desk: Desk = w.desk,
): SlackStaffUi {
  return installStaffUi(app, {
    desk,
    lookups: deskLookups(store),
    directory,
    policy: w.deps.policy,
    clock: w.clock,
    log: silentLogger,
  });
}
