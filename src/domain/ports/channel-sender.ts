import type { Channel } from "../kernel/chat";

/**
 * The port the send workers deliver through: one implementation per channel (the Telegram and
 * Slack adapters, the local web chat). It sends one rendered message and reports how it failed,
 * so that the queue can tell "wait and retry" from "never retry". No BullMQ here: adapters
 * implement this without knowing about queues.
 */
export interface OutboundButton {
  label: string;
  /** `a.<name>.<arg>` (the flow engine's notice actions). */
  payload: string;
}

/** One fact of a card (a pickup ping's address, zone, goods…), shown as a field where the channel can. */
export interface OutboundField {
  label: string;
  value: string;
}

/** A pick-one list (a dispatcher assigning one of the zone's couriers); each option is a notice action. */
export interface OutboundSelect {
  placeholder: string;
  options: OutboundButton[];
}

/** What a message says: its text (always complete on its own), and optionally fields, buttons, a select. */
export interface OutboundContent {
  text: string;
  /** Shown as structured fields where the channel has them (Slack blocks); `text` still says them. */
  fields?: OutboundField[];
  buttons?: OutboundButton[];
  select?: OutboundSelect;
}

export interface OutboundMessage extends OutboundContent {
  /** The channel's chat id: a Telegram chat id (negative for groups), a Slack channel or user id. */
  chatId: string;
}

/** A message the channel sent, as it can be found again (to take its buttons away). */
export interface SentMessageRef {
  chatId: string;
  messageId: string;
}

export interface ChannelSender {
  /**
   * Sends the message. Throws SendRateLimitedError on a 429 (Telegram's `retry_after`, Slack's
   * `Retry-After`), SendRejectedError when the message can never be delivered (the user blocked
   * the bot, the chat does not exist), anything else for a transient failure (retried). A channel
   * that can change its messages later returns the one that carries the buttons.
   */
  send(message: OutboundMessage): Promise<SentMessageRef[] | undefined>;
  /**
   * Takes the buttons off a message sent earlier (its step is over). A message the platform no
   * longer lets us change (too old, deleted) is skipped without an error; a 429 throws
   * SendRateLimitedError; anything else is transient.
   */
  clearButtons?(message: SentMessageRef): Promise<void>;
  /**
   * Replaces a message sent earlier with new content in place (a pickup ping showing who took it).
   * Same errors as clearButtons: a message that can no longer be changed is skipped.
   */
  update?(message: SentMessageRef, content: OutboundContent): Promise<void>;
}

/** The platform said "too many requests": nothing may be sent on this channel for retryAfterMs. */
export class SendRateLimitedError extends Error {
  override name = "SendRateLimitedError";
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited: retry after ${retryAfterMs} ms`,
  ) {
    super(message);
  }
}

/**
 * The platform refused the message for good (blocked by the user, chat not found, …). `chatGone`:
 * the sender read the platform's answer as the chat itself being gone for us (blocked, deleted,
 * kicked, archived), not this one message refused; issue 17 §5 then ends the chat's following.
 */
export class SendRejectedError extends Error {
  override name = "SendRejectedError";
  readonly chatGone: boolean;
  constructor(
    readonly reason: string,
    options: { chatGone?: boolean } = {},
  ) {
    super(`message rejected: ${reason}`);
    this.chatGone = options.chatGone ?? false;
  }
}

export type ChannelSenders = Partial<Record<Channel, ChannelSender>>;
