/**
 * Why a courier declines a pickup: asked in one tap, stored as the note of the "declined" event
 * and shown to dispatch with the pickup to place again (SOP-20).
 */
export const DECLINE_REASONS = ["busy", "far", "goods", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export function isDeclineReason(value: string | null | undefined): value is DeclineReason {
  return (DECLINE_REASONS as readonly string[]).includes(value ?? "");
}
