import { createHash, randomUUID } from "node:crypto";
import type { DirectoryIndex, Person } from "../domain/config/directory";
import { noticePayload } from "../domain/desk/notice-actions";
import type { Channel, Language } from "../domain/kernel/chat";
import { type Clock, systemClock } from "../domain/kernel/clock";
import { t } from "../domain/messages";
import type { Audience, AuditLog, Notice, Notifier, StaffPresence } from "../domain/ports";
import type { Logger } from "../log";
import type { JobQueues, SendPayload } from "./queues";

/**
 * The Notifier port on the send queues: an Audience becomes concrete recipients through the
 * directory, each gets the notice rendered in their language, and one send job per recipient
 * goes on their channel's queue. Sending itself (rate limits, retries) is the send workers'.
 */
export interface Recipient {
  channel: Channel;
  chatId: string;
  language: Language;
}

/** Someone the notice was meant for and cannot reach: recorded, never silently dropped. */
export interface Unreachable {
  subject: string;
  reason: "unknown_person" | "no_channel" | "nobody_with_role" | "nobody_available" | "no_dispatch_chat";
}

export interface NotifierDeps {
  queues: Pick<JobQueues, "send">;
  directory: DirectoryIndex;
  presence: StaffPresence;
  audit: AuditLog;
  log: Logger;
  clock?: Clock;
}

// Dispatch groups and channels are the branch's own: they read the branch's language.
const DISPATCH_LANGUAGE: Language = "zh";
// The flow engine reads notice buttons as `a.<name>.<arg>` (src/flows/types.ts ActionHandler).
const ACTION = /^[a-z]{1,8}\.[\w-]{1,48}$/;

export function personRecipient(person: Person): Recipient | undefined {
  if (person.telegramId !== undefined) {
    // A Telegram user's private chat with the bot has the user's id as its chat id.
    return { channel: "telegram", chatId: String(person.telegramId), language: person.language };
  }
  if (person.slackId !== undefined) {
    // chat.postMessage to a user id posts in the app's DM with that user.
    return { channel: "slack", chatId: person.slackId, language: person.language };
  }
  return undefined;
}

export async function resolveAudience(
  audience: Audience,
  directory: DirectoryIndex,
  presence: StaffPresence,
): Promise<{ recipients: Recipient[]; unreachable: Unreachable[] }> {
  const recipients: Recipient[] = [];
  const unreachable: Unreachable[] = [];
  const addPerson = (person: Person) => {
    const recipient = personRecipient(person);
    if (recipient) recipients.push(recipient);
    else unreachable.push({ subject: `person/${person.id}`, reason: "no_channel" });
  };
  switch (audience.kind) {
    case "chat":
      recipients.push({
        channel: audience.chat.channel,
        chatId: audience.chat.chatId,
        language: audience.language,
      });
      break;
    case "person": {
      const person = directory.person(audience.personId);
      if (person) addPerson(person);
      else unreachable.push({ subject: `person/${audience.personId}`, reason: "unknown_person" });
      break;
    }
    case "role": {
      let people = directory.withRole(audience.role);
      if (people.length === 0) {
        unreachable.push({ subject: `role/${audience.role}`, reason: "nobody_with_role" });
        break;
      }
      if (audience.availableOnly) {
        const available = await presence.availableIds();
        people = people.filter((p) => available.has(p.id));
        if (people.length === 0) {
          unreachable.push({ subject: `role/${audience.role}`, reason: "nobody_available" });
          break;
        }
      }
      for (const person of people) addPerson(person);
      break;
    }
    case "dispatch": {
      const { telegramChatId, slackChannel } = directory.data.dispatch;
      if (telegramChatId !== undefined) {
        recipients.push({ channel: "telegram", chatId: String(telegramChatId), language: DISPATCH_LANGUAGE });
      }
      if (slackChannel !== undefined) {
        recipients.push({ channel: "slack", chatId: slackChannel, language: DISPATCH_LANGUAGE });
      }
      if (recipients.length === 0) unreachable.push({ subject: "dispatch", reason: "no_dispatch_chat" });
      break;
    }
  }
  return { recipients: dedupeRecipients(recipients), unreachable };
}

function dedupeRecipients(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => {
    const key = `${r.channel}/${r.chatId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function renderNotice(notice: Notice, recipient: Recipient): SendPayload {
  const buttons = notice.actions?.map((action) => {
    if (!ACTION.test(action.action)) {
      throw new Error(
        `notice ${notice.key}: action "${action.action}" is not <name>.<arg> (a-z{1,8}.[\\w-]{1,48})`,
      );
    }
    return { label: t(recipient.language, action.labelKey), payload: noticePayload(action.action) };
  });
  return {
    channel: recipient.channel,
    chatId: recipient.chatId,
    text: t(recipient.language, notice.key, notice.params),
    ...(buttons && buttons.length > 0 ? { buttons } : {}),
    key: notice.key,
    ...(notice.dedupeKey !== undefined ? { dedupeKey: notice.dedupeKey } : {}),
    ...(buttons && buttons.length > 0 && notice.cardKey !== undefined ? { cardKey: notice.cardKey } : {}),
  };
}

/**
 * The send job's id: derived from the notice's dedupeKey and the recipient, so the same notice
 * enqueued twice (its job ran twice) is one job, which BullMQ keeps after sending (keepSentMs)
 * to refuse the copy. No ':' (BullMQ ids), never all digits.
 */
export function sendJobId(
  dedupeKey: string | undefined,
  recipient: Pick<Recipient, "channel" | "chatId">,
): string {
  if (dedupeKey === undefined) return `n-${randomUUID()}`;
  const hash = createHash("sha256")
    .update(`${dedupeKey}\n${recipient.channel}\n${recipient.chatId}`)
    .digest("hex");
  return `n-${hash.slice(0, 40)}`;
}

export function createQueuedNotifier(deps: NotifierDeps): Notifier {
  const { queues, directory, presence, audit, log } = deps;
  const clock = deps.clock ?? systemClock;
  return {
    async notify(notice) {
      const { recipients, unreachable } = await resolveAudience(notice.to, directory, presence);
      for (const recipient of recipients) {
        const payload = renderNotice(notice, recipient);
        await queues.send[recipient.channel].add("send", payload, {
          jobId: sendJobId(notice.dedupeKey, recipient),
        });
      }
      for (const miss of unreachable) {
        log.warn({ key: notice.key, ...miss }, "notice cannot reach a recipient");
        await audit.append({
          at: clock.now(),
          actor: { kind: "system", name: "notifier" },
          action: "notice.undeliverable",
          subject: miss.subject,
          data: {
            key: notice.key,
            reason: miss.reason,
            ...(notice.dedupeKey ? { dedupeKey: notice.dedupeKey } : {}),
          },
        });
      }
    },
    async retireCards(cardKey) {
      // One job per channel, behind what is already queued there: each channel's worker knows
      // where that channel's messages of the card went.
      for (const queue of Object.values(queues.send)) await queue.add("retire", { retireCard: cardKey });
    },
  };
}
