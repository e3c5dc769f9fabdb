/**
 * The rule a recorded return names (ParcelReturn.rule), as the store keeps it: the values are stored
 * (parcel_returns.rule, migration 0005, with a check on exactly these two), so they stay as they
 * are; renaming them would need a migration. The names here say what each one means.
 */

/** SOP-51: a held parcel the origin never answered about goes back (held-return.ts). */
export const UNANSWERED_HOLD_RETURN = "SOP-51";
/** SOP-52: the origin branch asked for the parcel back (returns/origin-return.ts). */
export const ORIGIN_ASKED_RETURN = "SOP-52";

/** Why a parcel goes back: its hold went unanswered, or its origin asked for it. */
export type ReturnRule = typeof UNANSWERED_HOLD_RETURN | typeof ORIGIN_ASKED_RETURN;
