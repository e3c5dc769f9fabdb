import type { Language } from "../kernel/chat";
import { t } from "../messages";
import type { PickupRequest } from "../ports/records";

/**
 * SOP-26: why collected goods go back to the customer (returned.ts): the by-air classes
 * (电池、液体、刀具、粉剂), prohibited or fragile goods, or the courier's own words.
 */
export const RETURN_REASONS = [
  "battery",
  "liquid",
  "powder",
  "blade",
  "prohibited",
  "fragile",
  "other",
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** By air only: what cannot fly (电池、液体、刀具、粉剂) may go by road. */
export const AIR_ONLY_REASONS: readonly ReturnReason[] = ["battery", "liquid", "powder", "blade"];

export function isReturnReason(value: string | undefined): value is ReturnReason {
  return (RETURN_REASONS as readonly string[]).includes(value ?? "");
}

/** The reasons a courier may give for this pickup: the air ones only when it goes by air. */
export function returnReasonsFor(pickup: Pick<PickupRequest, "byAir">): ReturnReason[] {
  return RETURN_REASONS.filter((r) => pickup.byAir || !AIR_ONLY_REASONS.includes(r));
}

export interface ReturnWhy {
  reason: ReturnReason;
  /** With "other": the courier's words (one line), which the customer reads. */
  text?: string | undefined;
}

/** How many days after its request a collected pickup is still offered for a return. */
export const RETURNABLE_DAYS = 3;

/** Why, in the reader's language: the customer reads it too, so it names no rule. */
export function returnReasonText(language: Language, why: ReturnWhy): string {
  if (why.reason === "other" && why.text) {
    return t(language, "pickup.returnReason.otherWith", { text: why.text });
  }
  return t(language, `pickup.returnReason.${why.reason}`);
}
