import type { ReturnRule } from "../holds/return-rule";

/**
 * Returns (退回) and the origin branch's tracked messages (SOP-38, SOP-45): their rows and
 * repositories. The rules that create and change them live in domain/holds/ (a hold that goes back
 * unanswered), domain/returns/ (the origin asks for it back, SOP-52, SOP-60) and
 * domain/problems/origin-tasks.ts.
 */

export interface ParcelReturn {
  id: string;
  trackingNo: string;
  /** The self-pickup hold it came from, if any. */
  holdId: string | null;
  originBranch: string | null;
  /** SOP-52: what is written on the waybill, "退回 XX公司". */
  marking: string;
  /** Why it goes back, as stored: holds/return-rule.ts names the values. */
  rule: ReturnRule;
  markedAt: Date;
  /** The person who recorded it; null: the hold-return timer (holds/timers.ts). */
  markedBy: string | null;
  /** SOP-60: where the return goes (a province, or a city of south-west Shandong), when known. */
  destination: string | null;
  weightKg: number | null;
  /** SOP-60: the fee in whole yuan, when weight and destination are known. */
  feeYuan: number | null;
  /** The courier who has the parcel (told to bring it back); null: it is at the warehouse. */
  heldBy: string | null;
}

export interface ReturnRepository {
  /** One return per parcel: a second one throws a StoreConflictError (parcel_returns_one_per_parcel). */
  insert(parcelReturn: ParcelReturn): Promise<void>;
  get(id: string): Promise<ParcelReturn | undefined>;
  forParcel(trackingNo: string): Promise<ParcelReturn | undefined>;
  /**
   * Returns with no `returned` or `departed` scan at or after their marking (not scanned out yet),
   * oldest marking first, at most `limit`.
   */
  listNotScannedOut(limit?: number): Promise<ParcelReturn[]>;
}

/** The messages to the origin branch that are tracked until someone records them sent. */
export type OriginTaskRule = "SOP-38" | "SOP-45";

export interface OriginTask {
  id: string;
  trackingNo: string;
  rule: OriginTaskRule;
  /** The problem note that asked for the message. */
  noteId: string;
  originBranch: string | null;
  /** What to paste into the network's message system (always Chinese). */
  text: string;
  createdAt: Date;
  sentAt: Date | null;
  sentBy: string | null;
}

export interface OriginTaskRepository {
  insert(task: OriginTask): Promise<void>;
  get(id: string): Promise<OriginTask | undefined>;
  /** Compare and set: records the message sent only while it is not; returns the task, or undefined. */
  markSent(id: string, at: Date, personId: string): Promise<OriginTask | undefined>;
  /** Tasks not yet sent, oldest first. */
  listOpen(limit?: number): Promise<OriginTask[]>;
}
