import type { Person } from "../config/directory";
import { hasRole } from "../config/directory";
import {
  auditEntry,
  bestEffort,
  newId,
  personActor,
  personLabel,
  sendAll,
  staffWithRole,
  toPerson,
  type UseCaseDeps,
  uniquePeople,
} from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import { acknowledgeBroadcastAction } from "../desk/notice-actions";
import type { Broadcast } from "../ports/broadcast-records";
import type { BroadcastReply } from "./ack-words";
import { passToDutyLeads } from "./staff-words";

/**
 * SOP-83: bad weather, and the like: a duty lead reminds every courier and driver (drive safely).
 * The notice goes to each of them on the channel they use (the Notifier resolves the person), with
 * a "Got it" button; one tap acknowledges it (a second tap changes nothing), and the duty lead sees
 * who has not (/broadcasts). Each change is one transaction with its audit row.
 */

/** The longest notice (a phone screen's worth; the table allows 1,000). */
export const BROADCAST_MAX = 500;
/** How many broadcasts /broadcasts lists. */
const RECENT_BROADCASTS = 5;
/** How long after a broadcast a courier's other words are taken as his answer to it. */
const REPLY_WINDOW_MS = 24 * 3_600_000;
/** A reminder of one broadcast waits this long after the last one (a double tap reminds once). */
const REMIND_GAP_MS = 10 * 60_000;
const REMINDED = "broadcast.reminded";

const broadcastSubject = (id: string) => `broadcast/${id}`;
/** Each recipient's copy is a card of its own: their "Got it" is taken off once they tapped it. */
const broadcastCard = (id: string, personId: string) => `broadcast-${id}-${personId}`;

export interface BroadcastsDesk {
  /** SOP-83: who a broadcast goes to: every courier and driver of the directory, each once. */
  broadcastAudience(): Person[];
  /**
   * SOP-83: a duty lead's notice to every courier and driver. `unreachable`: those the directory
   * knows no chat account of (they are recorded as recipients all the same).
   */
  sendBroadcast(
    personId: string,
    text: string,
  ): Promise<
    | Done<{ broadcast: Broadcast; unreachable: Person[] }>
    | Refused<"not_allowed" | "empty" | "too_long" | "no_recipients">
  >;
  /** One tap on "Got it": recorded once; a second tap is `already`. */
  acknowledgeBroadcast(
    personId: string,
    broadcastId: string,
  ): Promise<Done<{ broadcast: Broadcast }> | Refused<"already" | "not_recipient" | "not_found">>;
  /**
   * SOP-83: a typed "收到" counts like the tap: acknowledges the newest of the recent broadcasts
   * this person has not acknowledged yet; `none` when there is none (the text is then no answer).
   * With `reply` (the courier's own words, or a Telegram reply to the broadcast): the same
   * acknowledgement, plus a "broadcast.replied" audit row in its transaction, and the words passed
   * to the duty lead who sent it.
   */
  acknowledgeLatestBroadcast(
    personId: string,
    reply?: BroadcastReply,
  ): Promise<Done<{ broadcast: Broadcast }> | Refused<"none" | "already" | "not_recipient" | "not_found">>;
  /**
   * A courier's or driver's own words with no broadcast to answer, passed to the duty leads at
   * their asking (staff-words.ts).
   */
  passToDutyLeads(
    personId: string,
    text: string,
  ): Promise<Done<{ leads: Person[] }> | Refused<"not_allowed" | "empty" | "too_long" | "no_leads">>;
  /** The newest broadcasts, with who has acknowledged each. */
  recentBroadcasts(): Promise<Broadcast[]>;
  /** A duty lead reminds those who have not acknowledged yet (at most once per REMIND_GAP_MS). */
  remindBroadcast(
    personId: string,
    broadcastId: string,
  ): Promise<
    Done<{ reminded: Person[] }> | Refused<"not_allowed" | "not_found" | "all_acknowledged" | "too_soon">
  >;
}

export function broadcastAudience(deps: Pick<UseCaseDeps, "directory">): Person[] {
  return uniquePeople([...staffWithRole(deps, "courier"), ...staffWithRole(deps, "driver")]);
}

export async function sendBroadcast(
  deps: UseCaseDeps,
  personId: string,
  text: string,
): ReturnType<BroadcastsDesk["sendBroadcast"]> {
  const sender = deps.directory.person(personId);
  if (!hasRole(sender, "supervisor")) return { ok: false, reason: "not_allowed", rule: "SOP-83" };
  const body = text.trim();
  if (body === "") return { ok: false, reason: "empty" };
  if ([...body].length > BROADCAST_MAX) return { ok: false, reason: "too_long" };
  const audience = broadcastAudience(deps);
  if (audience.length === 0) return { ok: false, reason: "no_recipients" };

  const now = deps.clock.now();
  const broadcast: Broadcast = {
    id: newId(deps),
    sentBy: personId,
    text: body,
    sentAt: now,
    recipients: audience.map((p) => ({ personId: p.id, acknowledgedAt: null })),
  };
  await deps.store.transaction(async (tx) => {
    await tx.broadcasts.insert(broadcast);
    await tx.audit.append(
      auditEntry(now, personActor(personId), "broadcast.sent", broadcastSubject(broadcast.id), {
        recipients: audience.map((p) => p.id),
      }),
    );
  });
  const notices = audience.map((person) => ({
    ...toPerson(
      person,
      "broadcast.notice",
      (language) => ({ sender: personLabel(deps, language, personId), text: body }),
      [acknowledgeBroadcastAction(broadcast.id)],
    ),
    dedupeKey: `broadcast-${broadcast.id}`,
    cardKey: broadcastCard(broadcast.id, person.id),
  }));
  await sendAll(deps, notices);
  const unreachable = audience.filter((p) => p.telegramId === undefined && p.slackId === undefined);
  return { ok: true, broadcast, unreachable };
}

export async function acknowledgeBroadcast(
  deps: UseCaseDeps,
  personId: string,
  broadcastId: string,
  reply?: BroadcastReply,
): ReturnType<BroadcastsDesk["acknowledgeBroadcast"]> {
  const now = deps.clock.now();
  const result: Awaited<ReturnType<BroadcastsDesk["acknowledgeBroadcast"]>> = await deps.store.transaction(
    async (tx) => {
      const outcome = await tx.broadcasts.acknowledge(broadcastId, personId, now);
      // A reply to a broadcast already acknowledged (a Telegram reply to it) is still passed on.
      if (outcome !== "acknowledged" && !(reply && outcome === "already"))
        return { ok: false, reason: outcome };
      const subject = broadcastSubject(broadcastId);
      if (outcome === "acknowledged") {
        await tx.audit.append(auditEntry(now, personActor(personId), "broadcast.acknowledged", subject));
      }
      if (reply) {
        await tx.audit.append(
          auditEntry(now, personActor(personId), "broadcast.replied", subject, { text: reply.text }),
        );
      }
      const broadcast = await tx.broadcasts.get(broadcastId);
      return broadcast ? { ok: true, broadcast } : { ok: false, reason: "not_found" };
    },
  );
  if (result.ok && reply) await passReplyOn(deps, personId, result.broadcast, reply.text);
  if (result.ok || result.reason === "already") {
    const card = broadcastCard(broadcastId, personId);
    await bestEffort(deps, `retire ${card}`, async () => deps.notifier.retireCards?.(card));
  }
  return result;
}

/** SOP-83: the duty lead who sent the broadcast reads the courier's words (after the commit). */
async function passReplyOn(deps: UseCaseDeps, personId: string, broadcast: Broadcast, text: string) {
  const lead = deps.directory.person(broadcast.sentBy);
  if (!lead) return;
  const notice = toPerson(lead, "broadcast.replyNotice", (language) => ({
    courier: personLabel(deps, language, personId),
    text,
    broadcast: broadcast.text,
  }));
  await sendAll(deps, [
    { ...notice, dedupeKey: `broadcast-${broadcast.id}-reply-${personId}-${deps.clock.now().toISOString()}` },
  ]);
}

/**
 * The broadcast a typed answer is about (SOP-83): with a Telegram reply, the recent broadcast to this
 * person whose words the replied message quotes (acknowledged or not); otherwise the newest recent
 * one this person has not acknowledged yet, if any.
 */
async function broadcastAnsweredBy(
  deps: Pick<UseCaseDeps, "store" | "clock">,
  personId: string,
  reply: BroadcastReply | undefined,
): Promise<Broadcast | undefined> {
  const recent = await deps.store.broadcasts.listRecent(RECENT_BROADCASTS);
  const mine = recent.filter((b) => b.recipients.some((r) => r.personId === personId));
  const replyTo = reply?.replyTo;
  const quoted = replyTo === undefined ? undefined : mine.find((b) => replyTo.includes(b.text));
  if (quoted) return quoted;
  const waiting = mine.find((b) =>
    b.recipients.some((r) => r.personId === personId && r.acknowledgedAt === null),
  );
  // "收到" acknowledges whatever waits; other words answer only a broadcast of the last day (a
  // week-old notice left unread does not take "我的车坏了" as its answer).
  if (waiting && reply && deps.clock.now().getTime() - waiting.sentAt.getTime() > REPLY_WINDOW_MS)
    return undefined;
  return waiting;
}

export async function acknowledgeLatestBroadcast(
  deps: UseCaseDeps,
  personId: string,
  reply?: BroadcastReply,
): ReturnType<BroadcastsDesk["acknowledgeLatestBroadcast"]> {
  const answered = await broadcastAnsweredBy(deps, personId, reply);
  if (!answered) return { ok: false, reason: "none" };
  return acknowledgeBroadcast(deps, personId, answered.id, reply);
}

export async function remindBroadcast(
  deps: UseCaseDeps,
  personId: string,
  broadcastId: string,
): ReturnType<BroadcastsDesk["remindBroadcast"]> {
  if (!hasRole(deps.directory.person(personId), "supervisor")) {
    return { ok: false, reason: "not_allowed", rule: "SOP-83" };
  }
  const now = deps.clock.now();
  const checked = await deps.store.transaction(async (tx) => {
    const broadcast = await tx.broadcasts.get(broadcastId);
    if (!broadcast) return { ok: false as const, reason: "not_found" as const };
    const pending = broadcast.recipients.filter((r) => r.acknowledgedAt === null).map((r) => r.personId);
    if (pending.length === 0) return { ok: false as const, reason: "all_acknowledged" as const };
    const history = await tx.audit.list({ subject: broadcastSubject(broadcastId), limit: 200 });
    const last = history.find((entry) => entry.action === REMINDED);
    if (last && now.getTime() - last.at.getTime() < REMIND_GAP_MS) {
      return { ok: false as const, reason: "too_soon" as const };
    }
    await tx.audit.append(
      auditEntry(now, personActor(personId), REMINDED, broadcastSubject(broadcastId), { pending }),
    );
    return { ok: true as const, broadcast, pending };
  });
  if (!checked.ok) return checked;
  const reminded = checked.pending.flatMap((id) => deps.directory.person(id) ?? []);
  const notices = reminded.map((person) => ({
    ...toPerson(
      person,
      "broadcast.reminder",
      (language) => ({ sender: personLabel(deps, language, personId), text: checked.broadcast.text }),
      [acknowledgeBroadcastAction(broadcastId)],
    ),
    dedupeKey: `broadcast-${broadcastId}-remind-${now.toISOString()}`,
    cardKey: broadcastCard(broadcastId, person.id),
  }));
  await sendAll(deps, notices);
  return { ok: true, reminded };
}

export function broadcastsDesk(deps: UseCaseDeps): BroadcastsDesk {
  return {
    broadcastAudience: () => broadcastAudience(deps),
    sendBroadcast: (personId, text) => sendBroadcast(deps, personId, text),
    acknowledgeBroadcast: (personId, broadcastId) => acknowledgeBroadcast(deps, personId, broadcastId),
    acknowledgeLatestBroadcast: (personId, reply) => acknowledgeLatestBroadcast(deps, personId, reply),
    recentBroadcasts: () => deps.store.broadcasts.listRecent(RECENT_BROADCASTS),
    remindBroadcast: (personId, broadcastId) => remindBroadcast(deps, personId, broadcastId),
    passToDutyLeads: (personId, text) => passToDutyLeads(deps, personId, text),
  };
}
