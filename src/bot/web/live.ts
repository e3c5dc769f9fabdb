import type { Redis } from "ioredis";
import type { Logger } from "../../log";
import type { LoggedEvent } from "./events";

/**
 * The pages open in this process, by chat: one Redis subscriber connection for all of them, a
 * chat's channel subscribed while at least one of its pages is open. A chat may have at most
 * `maxPerChat` pages open here (a reloading loop or a script cannot hold connections without end).
 */
export type Listener = (events: LoggedEvent[]) => void;

export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly chatOfChannel = new Map<string, string>();
  /** A chat's channel being subscribed (its first page waits, and so do pages joining meanwhile). */
  private readonly subscribing = new Map<string, Promise<void>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly channelOf: (chatId: string) => string,
    private readonly maxPerChat: number,
    private readonly log: Logger,
  ) {
    subscriber.on("message", (channel: string, message: string) => this.deliver(channel, message));
  }

  /**
   * Adds a page of this chat; undefined when the chat has its most pages open already. Throws when
   * the chat's channel cannot be subscribed, and then keeps nothing of it: the next page tries again.
   */
  async open(chatId: string, listener: Listener): Promise<(() => Promise<void>) | undefined> {
    const set = this.listeners.get(chatId);
    if (set && set.size >= this.maxPerChat) return undefined;
    if (set) {
      set.add(listener);
      // A page that joins while the first is subscribing fails with it (its set is gone then).
      await this.subscribing.get(chatId);
    } else {
      const fresh = new Set([listener]);
      this.listeners.set(chatId, fresh);
      const channel = this.channelOf(chatId);
      this.chatOfChannel.set(channel, chatId);
      const subscribed = this.subscriber.subscribe(channel).then(() => undefined);
      this.subscribing.set(chatId, subscribed);
      try {
        await subscribed;
      } catch (error) {
        if (this.listeners.get(chatId) === fresh) {
          this.listeners.delete(chatId);
          this.chatOfChannel.delete(channel);
        }
        throw error;
      } finally {
        if (this.subscribing.get(chatId) === subscribed) this.subscribing.delete(chatId);
      }
    }
    return async () => {
      const current = this.listeners.get(chatId);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(chatId);
      const channel = this.channelOf(chatId);
      this.chatOfChannel.delete(channel);
      await this.subscriber.unsubscribe(channel).catch(() => {});
    };
  }

  /** How many pages are open in this process (for the log). */
  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  private deliver(channel: string, message: string): void {
    const chatId = this.chatOfChannel.get(channel);
    const set = chatId === undefined ? undefined : this.listeners.get(chatId);
    if (!set) return;
    let events: LoggedEvent[];
    try {
      events = JSON.parse(message) as LoggedEvent[];
    } catch (error) {
      this.log.warn({ err: error, channel }, "web: a live message is not JSON");
      return;
    }
    for (const listener of set) listener(events);
  }
}
