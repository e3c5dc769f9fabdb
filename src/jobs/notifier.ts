import { createHash, randomUUID } from "node:crypto";
import type { DirectoryIndex, Person } from "../domain/config/directory";
import { noticePayload } from "../domain/desk/notice-actions";
import { CHANNELS, type Channel, LANGUAGES, type Language } from "../domain/kernel/chat";
import { type Clock, systemClock } from "../domain/kernel/clock";
import { t } from "../domain/messages";
import type {
  Audience,
  AuditLog,
  CardReader,
  CardView,
  Notice,
  Notifier,
  StaffPresence,
} from "../domain/ports";
import type { OutboundContent } from "../domain/ports/channel-sender";
import type { Logger } from "../log";
import { type CardSequence, SUPERSEDED_SUFFIX } from "./cards";
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
  /**
   * The cards' sequence numbers and the channels each card went to: card jobs carry their order,
   * and updates and retirements are queued only where the card has copies. Without it, every
   * channel gets them, ordered by enqueue time.
   */
  cards?: CardSequence;
  /**
   * The channels that have a sender (credentials): a person reachable on several is sent to on the
   * first of these, in PERSON_CHANNELS order. Without it (a process that does not know), every
   * channel counts as configured.
   */
  configured?: readonly Channel[];
}

// Dispatch groups and channels are the branch's own: they read the branch's language.
export const DISPATCH_LANGUAGE: Language = "zh";
const CARD_READERS: readonly CardReader[] = ["dispatch", "person"];
// The flow engine reads notice buttons as `a.<name>.<arg>` (src/flows/types.ts ActionHandler).
const ACTION = /^[a-z]{1,8}\.[\w-]{1,48}$/;

/** The channels a person can be sent to privately, in order of preference. */
const PERSON_CHANNELS = ["telegram", "slack"] as const satisfies readonly Channel[];

/** A person's private chat on a channel: undefined when the directory has no id of theirs there. */
function personChat(person: Person, channel: (typeof PERSON_CHANNELS)[number]): string | undefined {
  // A Telegram user's private chat with the bot has the user's id as its chat id; Slack's
  // chat.postMessage to a user id posts in the app's DM with that user.
  if (channel === "telegram") return person.telegramId === undefined ? undefined : String(person.telegramId);
  return person.slackId;
}

/**
 * The dispatch chats (a Telegram group, a Slack channel) on the channels that have a sender; when
 * none of them has one, all of them (their failures are recorded).
 */
export function dispatchRecipients(
  directory: DirectoryIndex,
  configured: readonly Channel[] = CHANNELS,
): Recipient[] {
  const { telegramChatId, slackChannel } = directory.data.dispatch;
  const chats: Recipient[] = [];
  if (telegramChatId !== undefined) {
    chats.push({ channel: "telegram", chatId: String(telegramChatId), language: DISPATCH_LANGUAGE });
  }
  if (slackChannel !== undefined)
    chats.push({ channel: "slack", chatId: slackChannel, language: DISPATCH_LANGUAGE });
  const live = chats.filter((r) => configured.includes(r.channel));
  return live.length > 0 ? live : chats;
}

/**
 * Where a person is sent to: the first channel (PERSON_CHANNELS order) they have an id on and that
 * has a sender; when none of theirs has one, the first they have an id on (its failure is recorded).
 */
export function personRecipient(
  person: Person,
  configured: readonly Channel[] = CHANNELS,
): Recipient | undefined {
  const theirs = PERSON_CHANNELS.flatMap((channel) => {
    const chatId = personChat(person, channel);
    return chatId === undefined ? [] : [{ channel, chatId, language: person.language }];
  });
  return theirs.find((r) => configured.includes(r.channel)) ?? theirs[0];
}

async function resolveAudience(
  audience: Audience,
  directory: DirectoryIndex,
  presence: StaffPresence,
  configured: readonly Channel[] = CHANNELS,
): Promise<{ recipients: Recipient[]; unreachable: Unreachable[] }> {
  const recipients: Recipient[] = [];
  const unreachable: Unreachable[] = [];
  const addPerson = (person: Person) => {
    const recipient = personRecipient(person, configured);
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
      recipients.push(...dispatchRecipients(directory, configured));
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

/** A notice action as a button or select option: its payload `a.<name>.<arg>`, checked. */
function actionPayload(noticeKey: string, action: string): string {
  if (!ACTION.test(action)) {
    throw new Error(`notice ${noticeKey}: action "${action}" is not <name>.<arg> (a-z{1,8}.[\\w-]{1,48})`);
  }
  return noticePayload(action);
}

/** What a notice or a card's view says in one language: text, fields, buttons, select. */
export function renderContent(view: CardView, language: Language): OutboundContent {
  const buttons = view.actions?.map((action) => ({
    label: t(language, action.labelKey),
    payload: actionPayload(view.key, action.action),
  }));
  const content: OutboundContent = { text: t(language, view.key, view.params) };
  if (view.fields && view.fields.length > 0) {
    content.fields = view.fields.map((f) => ({ label: t(language, f.labelKey), value: f.value }));
  }
  if (buttons && buttons.length > 0) content.buttons = buttons;
  if (view.select && view.select.options.length > 0) {
    content.select = {
      placeholder: t(language, view.select.placeholderKey),
      options: view.select.options.map((o) => ({
        label: o.label,
        payload: actionPayload(view.key, o.action),
      })),
    };
  }
  return content;
}

/** Which copy of a card a message is: `<reader>.<language>` (its update's content is picked by it). */
export function cardVariant(reader: CardReader, language: Language): string {
  return `${reader}.${language}`;
}

function renderNotice(notice: Notice, recipient: Recipient): SendPayload {
  const content = renderContent(notice, recipient.language);
  const reader: CardReader = notice.to.kind === "dispatch" ? "dispatch" : "person";
  return {
    channel: recipient.channel,
    chatId: recipient.chatId,
    ...content,
    key: notice.key,
    ...(notice.dedupeKey !== undefined ? { dedupeKey: notice.dedupeKey } : {}),
    ...(notice.cardKey !== undefined
      ? { cardKey: notice.cardKey, cardVariant: cardVariant(reader, recipient.language) }
      : {}),
  };
}

/**
 * A card's content for every copy it can have (each reader, each language), and for each the
 * content of an older copy in a chat where a newer one was posted (a reminder, a ping after a
 * decline): no buttons, no select, and a line pointing at the newer one, so that only one copy per
 * chat is live.
 */
function renderCardUpdate(
  view: (reader: CardReader, language: Language) => CardView,
): Record<string, OutboundContent> {
  const contents: Record<string, OutboundContent> = {};
  for (const reader of CARD_READERS) {
    for (const language of LANGUAGES) {
      const variant = cardVariant(reader, language);
      const card = view(reader, language);
      contents[variant] = renderContent(card, language);
      const shown: CardView = {
        key: card.key,
        params: card.params,
        ...(card.fields ? { fields: card.fields } : {}),
      };
      const still = renderContent(shown, language);
      contents[`${variant}${SUPERSEDED_SUFFIX}`] = {
        ...still,
        text: `${t(language, "card.superseded")}\n${still.text}`,
      };
    }
  }
  return contents;
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
  const { queues, directory, presence, audit, log, cards, configured } = deps;
  const clock = deps.clock ?? systemClock;
  /** The send queues where a card has copies, and the order number of its next job there. */
  const cardQueues = async (cardKey: string) => {
    if (!cards) return { channels: Object.keys(queues.send) as Channel[], seq: {} };
    const channels = await cards.channels(cardKey);
    return { channels, seq: channels.length > 0 ? { cardSeq: await cards.next(cardKey) } : {} };
  };
  return {
    async notify(notice) {
      const { recipients, unreachable } = await resolveAudience(notice.to, directory, presence, configured);
      for (const recipient of recipients) {
        const payload = renderNotice(notice, recipient);
        if (notice.cardKey !== undefined && cards) {
          payload.cardSeq = await cards.next(notice.cardKey, recipient.channel);
        }
        const wait = notice.notBefore ? notice.notBefore.getTime() - clock.now().getTime() : 0;
        await queues.send[recipient.channel].add("send", payload, {
          jobId: sendJobId(notice.dedupeKey, recipient),
          ...(wait > 0 ? { delay: wait } : {}),
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
      const { channels, seq } = await cardQueues(cardKey);
      for (const channel of channels)
        await queues.send[channel].add("retire", { retireCard: cardKey, ...seq });
    },
    async updateCards(cardKey, view) {
      // Rendered once for every copy; one job per channel, behind what is already queued there.
      const { channels, seq } = await cardQueues(cardKey);
      if (channels.length === 0) return; // never sent anywhere: nothing to change
      const contents = renderCardUpdate(view);
      for (const channel of channels)
        await queues.send[channel].add("update", { updateCard: cardKey, contents, ...seq });
    },
  };
}
