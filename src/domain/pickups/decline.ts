import type { Language } from "../kernel/chat";
import { t } from "../messages";
import type { PickupEvent } from "../ports/records";

/**
 * Why a courier declines a pickup: asked in one tap, or typed in the courier's own words (then
 * it is "other" with those words), stored as the note of the "declined" event and shown to
 * dispatch with the pickup to place again (SOP-20).
 */
export const DECLINE_REASONS = ["busy", "far", "goods", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** A typed reason is one short line: dispatch reads it on a card and in a ping. */
export const DECLINE_TEXT_MAX = 100;

export function isDeclineReason(value: string | null | undefined): value is DeclineReason {
  return (DECLINE_REASONS as readonly string[]).includes(value ?? "");
}

/** Why, as the desk keeps it: the reason, and with "other" the courier's words if typed. */
export interface DeclineWhy {
  reason: DeclineReason;
  text?: string | undefined;
}

/** A courier's decline as dispatch reads it on the pickup's card: who, why, when. */
export interface Decline extends DeclineWhy {
  courierId: string;
  at: Date;
}

/**
 * The courier's typed words as a reason: the first line, spaces folded, at most DECLINE_TEXT_MAX
 * characters; undefined when nothing is left ("   ").
 */
export function declineText(typed: string): string | undefined {
  const line = (
    typed
      .normalize("NFKC")
      .split(/\r?\n/)
      .find((l) => l.trim() !== "") ?? ""
  )
    .replace(/\s+/g, " ")
    .trim();
  if (line === "") return undefined;
  const chars = [...line];
  return chars.length > DECLINE_TEXT_MAX ? `${chars.slice(0, DECLINE_TEXT_MAX - 1).join("")}…` : line;
}

const TYPED_NOTE = "other:";

/** The note of a "declined" event: the reason ("busy"), or "other:<the courier's words>". */
export function declineNote(why: DeclineWhy): string {
  const text = why.reason === "other" && why.text ? declineText(why.text) : undefined;
  return text ? `${TYPED_NOTE}${text}` : why.reason;
}

/** A "declined" event's note read back; a note that is no known reason (an older decline) is "other". */
export function readDeclineNote(note: string | null): DeclineWhy {
  if (isDeclineReason(note)) return { reason: note };
  if (note?.startsWith(TYPED_NOTE)) {
    const text = declineText(note.slice(TYPED_NOTE.length));
    return text ? { reason: "other", text } : { reason: "other" };
  }
  return { reason: "other" };
}

/** The reason as staff read it: the courier's own words when typed, else the reason's label. */
export function declineReasonText(language: Language, why: DeclineWhy): string {
  if (why.reason === "other" && why.text)
    return t(language, "pickup.declineReason.typed", { text: why.text });
  return t(language, `pickup.declineReason.${why.reason}`);
}

/** The last decline in a pickup's history (oldest first), if any. */
export function lastDecline(events: readonly PickupEvent[]): Decline | undefined {
  const e = events.findLast((event) => event.event === "declined" && event.actor.kind === "person");
  if (e?.actor.kind !== "person") return undefined;
  return { courierId: e.actor.personId, ...readDeclineNote(e.note), at: e.at };
}
