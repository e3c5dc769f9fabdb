import type { FastifyInstance } from "fastify";
import type { Desk } from "../domain/desk/desk";
import type { Channel } from "../domain/kernel/chat";
import type { Notifier } from "../domain/ports";
import type { ChannelSender } from "../domain/ports/channel-sender";
import type { DeskLookups } from "../domain/ports/lookups";
import type { Engine } from "../flows/engine";

/**
 * One chat channel (Telegram, Slack, the local web chat) as the service sees it (DESIGN.md:
 * src/bot): its sender for the send queue, how it attaches to the engine, the HTTP routes it registers (each channel in its
 * own Fastify scope, so its body parsing cannot touch another's routes or POST /api/scans), and
 * start and stop. src/bot/channels.ts builds the list once for `npm start` and `npm run worker`.
 */
export interface ChatChannel {
  readonly name: Channel;
  /** For the send queue: notices, query answers, pings. Usable before start() and without attach(). */
  readonly sender: ChannelSender;
  /** What answers the channel's users (set before start()); it includes attachDelivery's. */
  attach(wiring: ChannelWiring): void;
  /**
   * For a process that only sends (`npm run worker`): what the sender's after-delivery work reads
   * (Slack refreshes a staff member's App Home when a notice reaches them). No engine needed.
   */
  attachDelivery?(wiring: DeliveryWiring): void;
  /** Adds the channel's routes (a webhook), inside a scope of its own; nothing when it has none. */
  registerRoutes(http: FastifyInstance): void;
  start(): Promise<void>;
  /** Stops receiving and waits (briefly) for what is in hand. */
  stop(): Promise<void>;
  /** How it receives, for the start-up log: "webhook", "long polling", "http events", "socket mode". */
  readonly mode: string;
}

/** What a channel answers with: the engine, and the desk's use cases and lookups for its own views. */
export interface ChannelWiring {
  engine: Engine;
  desk: Desk;
  lookups: DeskLookups;
  /** For what a channel sends outside a turn (the web chat's one-time sign-in codes). */
  notifier: Notifier;
}

/** What a sender's after-delivery work reads: the desk's views of the work, no engine. */
export type DeliveryWiring = Pick<ChannelWiring, "desk" | "lookups">;
