import type { PickupEvent } from "../ports/records";

/**
 * Why a courier declines a pickup: asked in one tap, stored as the note of the "declined" event
 * and shown to dispatch with the pickup to place again (SOP-20).
 */
export const DECLINE_REASONS = ["busy", "far", "goods", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export function isDeclineReason(value: string | null | undefined): value is DeclineReason {
  return (DECLINE_REASONS as readonly string[]).includes(value ?? "");
}

/** A courier's decline as dispatch reads it on the pickup's card: who, why, when. */
export interface Decline {
  courierId: string;
  reason: DeclineReason;
  at: Date;
}

/**
 * The last decline in a pickup's history (oldest first), if any; a note that is no known reason
 * (an older decline) reads as "other".
 */
export function lastDecline(events: readonly PickupEvent[]): Decline | undefined {
  const e = events.findLast((event) => event.event === "declined" && event.actor.kind === "person");
  if (e?.actor.kind !== "person") return undefined;
  return { courierId: e.actor.personId, reason: isDeclineReason(e.note) ? e.note : "other", at: e.at };
}
