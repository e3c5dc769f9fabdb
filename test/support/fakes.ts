import type { ChatRef } from "../../src/domain/kernel/chat";
import type { Audience, Notice, Notifier, StaffPresence } from "../../src/domain/ports";

/**
 * In-memory doubles of the desk's ports that record every call: the Scheduler (pending timers by
 * id), the Notifier (every notice sent) and StaffPresence (SOP-14 seats).
 */
export { FakeScheduler } from "./fake-scheduler";

export class FakeNotifier implements Notifier {
  readonly sent: Notice[] = [];
  /** Set to make every notify throw (a Notifier outage). */
  failWith: Error | undefined;

  /** Every card retired (Notifier.retireCards), in order. */
  readonly retired: string[] = [];

  async notify(notice: Notice): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push(notice);
  }

  async retireCards(cardKey: string): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.retired.push(cardKey);
  }

  /** The notices sent to one person. */
  toPerson(personId: string): Notice[] {
    return this.sent.filter((n) => n.to.kind === "person" && n.to.personId === personId);
  }

  /** The notices sent to one chat (a customer's, or a branch query's asker). */
  toChat(chat: ChatRef): Notice[] {
    return this.sent.filter(
      (n) => n.to.kind === "chat" && n.to.chat.channel === chat.channel && n.to.chat.chatId === chat.chatId,
    );
  }

  /** The notices with one message key. */
  withKey(key: string): Notice[] {
    return this.sent.filter((n) => n.key === key);
  }

  /** Who notices with this key went to, as "person:<id>", "chat:<chatId>", "role:<role>" or "dispatch". */
  recipients(key: string): string[] {
    return this.withKey(key).map((n) => audienceLabel(n.to));
  }

  clear(): void {
    this.sent.length = 0;
    this.retired.length = 0;
  }
}

export function audienceLabel(to: Audience): string {
  switch (to.kind) {
    case "person":
      return `person:${to.personId}`;
    case "chat":
      return `chat:${to.chat.chatId}`;
    case "role":
      return `role:${to.role}`;
    case "dispatch":
      return "dispatch";
  }
}

export class FakePresence implements StaffPresence {
  readonly available = new Set<string>();
  readonly calls: { personId: string; available: boolean; at: Date }[] = [];

  async setAvailable(personId: string, available: boolean, at: Date): Promise<void> {
    this.calls.push({ personId, available, at });
    if (available) this.available.add(personId);
    else this.available.delete(personId);
  }

  async availableIds(): Promise<Set<string>> {
    return new Set(this.available);
  }
}
