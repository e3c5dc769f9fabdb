import { UnrecoverableError } from "bullmq";
import type { Channel } from "../domain/kernel/chat";
import type { ChannelSender, OutboundContent, SentMessageRef } from "../domain/ports/channel-sender";
import type { Logger } from "../log";
import { type CardRecords, type CardUpdate, messageId, SUPERSEDED_SUFFIX, supersededIds } from "./cards";
import { cardVariant, DISPATCH_LANGUAGE } from "./notifier";
import type { SendPayload, UpdatePayload } from "./queues";

/**
 * Cards changed in place (issue 10 §3) on a channel's send queue: an `updateCard` job gives every
 * message of the card sent before it the content of its copy (reader and language). Ordering:
 * the newest update (by enqueue time) is kept in Redis and it is always the one applied, whatever
 * job applies it; a job that finds a newer update arrived while it was sending goes over its
 * messages again, so a change of its that landed late is overwritten by the newest. A channel
 * without `update` takes the buttons away when the new content has none.
 */
export interface CardUpdateContext {
  channel: Channel;
  sender: ChannelSender | undefined;
  cards: CardRecords;
  log: Logger;
  /** What a platform error means for the job: the error to throw (a 429 pauses the queue first). */
  platformError(error: unknown): Promise<unknown>;
}

// Each round starts over only when a newer update arrived meanwhile; updates are few per card.
const MAX_ROUNDS = 5;
const FALLBACK_VARIANT = cardVariant("dispatch", DISPATCH_LANGUAGE);

/**
 * The content of one copy of the card: its own variant's, else the dispatch chat's; for an older
 * copy in a chat with a newer one (`superseded`), that variant's superseded content.
 */
function contentOf(
  update: CardUpdate,
  variant: string | undefined,
  superseded = false,
): OutboundContent | undefined {
  const pick = (suffix: string) =>
    (variant !== undefined ? update.contents[`${variant}${suffix}`] : undefined) ??
    update.contents[`${FALLBACK_VARIANT}${suffix}`];
  const live = pick("") ?? Object.values(update.contents)[0];
  if (!superseded) return live;
  // An update without superseded contents (an older job's): the live content, its buttons gone.
  return (
    pick(SUPERSEDED_SUFFIX) ??
    (live ? { text: live.text, ...(live.fields ? { fields: live.fields } : {}) } : undefined)
  );
}

/** Shows `content` on a message: in place where the channel can, else only its buttons go (when it has none). */
async function show(sender: ChannelSender | undefined, ref: SentMessageRef, content: OutboundContent) {
  if (!sender) return;
  if (sender.update) return sender.update(ref, content);
  if (!content.buttons?.length && !content.select) await sender.clearButtons?.(ref);
}

/** One message: a transient failure or a 429 is thrown (the job retries); a refusal skips it for good. */
async function showOne(
  context: CardUpdateContext,
  cardKey: string,
  ref: SentMessageRef,
  content: OutboundContent,
): Promise<"shown" | "gone"> {
  try {
    await show(context.sender, ref, content);
    return "shown";
  } catch (error) {
    const thrown = await context.platformError(error);
    if (!(thrown instanceof UnrecoverableError)) {
      context.log.warn({ err: error, channel: context.channel, card: cardKey }, "cannot update a card yet");
      throw thrown;
    }
    await context.cards.forget(context.channel, cardKey, ref);
    return "gone";
  }
}

export async function updateCard(
  context: CardUpdateContext,
  payload: UpdatePayload,
  enqueuedAt: number,
): Promise<void> {
  const { channel, cards } = context;
  const cardKey = payload.updateCard;
  await cards.offerUpdate(channel, cardKey, { at: enqueuedAt, contents: payload.contents });
  const touched = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const latest = await cards.latestUpdate(channel, cardKey);
    if (!latest) return;
    const all = await cards.messages(channel, cardKey);
    const superseded = supersededIds(all);
    for (const message of all.filter((m) => m.at < latest.at)) {
      const id = messageId(message);
      if (!touched.has(id) && (await cards.shownAt(channel, cardKey, message)) >= latest.at) continue;
      const content = contentOf(latest, message.variant, superseded.has(id));
      if (!content) continue;
      if ((await showOne(context, cardKey, message, content)) === "shown") {
        await cards.markShown(channel, cardKey, message, latest.at);
      }
      touched.add(id);
    }
    if ((await cards.latestUpdate(channel, cardKey))?.at === latest.at) return;
  }
}

/**
 * What a card's message says when its send job runs: its own content, or, when the card was
 * updated after the job was enqueued (it waited for its slot), the newest update's.
 */
export async function cardContentNow(
  cards: CardRecords,
  channel: Channel,
  message: SendPayload,
  enqueuedAt: number,
): Promise<{ content: OutboundContent; shownAt: number }> {
  const own: OutboundContent = {
    text: message.text,
    ...(message.fields ? { fields: message.fields } : {}),
    ...(message.buttons ? { buttons: message.buttons } : {}),
    ...(message.select ? { select: message.select } : {}),
  };
  if (message.cardKey === undefined) return { content: own, shownAt: 0 };
  const latest = await cards.latestUpdate(channel, message.cardKey);
  const newer = latest && latest.at > enqueuedAt ? contentOf(latest, message.cardVariant) : undefined;
  return newer && latest ? { content: newer, shownAt: latest.at } : { content: own, shownAt: 0 };
}

/**
 * After a card's message was sent and recorded: an update that ran meanwhile (and so did not see
 * it) is shown on it now. Never throws (the message is sent; a retry would send it twice).
 */
export async function catchUpWithUpdates(
  context: CardUpdateContext,
  message: SendPayload & { cardKey: string },
  sent: readonly SentMessageRef[],
  enqueuedAt: number,
  shownAt: number,
): Promise<void> {
  const { channel, cards, log } = context;
  try {
    for (const ref of sent) if (shownAt > 0) await cards.markShown(channel, message.cardKey, ref, shownAt);
    const latest = await cards.latestUpdate(channel, message.cardKey);
    if (!latest || latest.at <= enqueuedAt || latest.at === shownAt) return;
    const content = contentOf(latest, message.cardVariant);
    if (!content) return;
    for (const ref of sent) {
      await show(context.sender, ref, content);
      await cards.markShown(channel, message.cardKey, ref, latest.at);
    }
  } catch (err) {
    log.warn(
      { err, channel, card: message.cardKey },
      "a card's message was sent; it may show an older state",
    );
  }
}

/**
 * A new live copy of a card (with buttons) was posted in a chat that has older ones (a reminder, a
 * ping after a decline): the older ones lose their buttons and point at the newer one (the newest
 * update's superseded content; without an update, their buttons are taken away), so that only one
 * copy of a pickup is live in the chat. Never throws (the new copy is sent).
 */
export async function supersedeOlderCopies(
  context: CardUpdateContext,
  cardKey: string,
  sent: readonly SentMessageRef[],
): Promise<void> {
  const { channel, cards, sender, log } = context;
  try {
    const chats = new Set(sent.map((ref) => ref.chatId));
    const all = await cards.messages(channel, cardKey);
    const superseded = supersededIds(all);
    const latest = await cards.latestUpdate(channel, cardKey);
    for (const old of all) {
      if (!chats.has(old.chatId) || !superseded.has(messageId(old))) continue;
      const content = latest ? contentOf(latest, old.variant, true) : undefined;
      if (!content) {
        await sender?.clearButtons?.(old);
        await cards.forget(channel, cardKey, old);
      } else if ((await showOne(context, cardKey, old, content)) === "shown" && latest) {
        await cards.markShown(channel, cardKey, old, latest.at);
      }
    }
  } catch (err) {
    log.warn({ err, channel, card: cardKey }, "a card's older copies may keep their buttons");
  }
}
