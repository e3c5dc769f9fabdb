import type { SignerKind } from "../deliveries/signer";

/**
 * The records and the repository of the day's deliveries: SOP-44's undelivered parcels (listed
 * before closing, each handled by an agent) and SOP-73/SOP-74's signed receipts.
 */

/** SOP-44: a parcel out for delivery today with no closing scan since, as listed for the agents. */
export interface UndeliveredParcel {
  /** The branch's date of the list, YYYY-MM-DD. */
  day: string;
  trackingNo: string;
  /** Its (latest) out_for_delivery scan of that day. */
  outAt: Date;
  /** The origin branch as the scans name it (null: no scan names one). */
  originBranch: string | null;
  listedAt: Date;
  /** Handled: the origin messaged and the parcel scanned as 疑难件 (an agent's button). */
  handledAt: Date | null;
  handledBy: string | null;
}

/** A parcel out for delivery in a window whose latest such scan has no closing scan after it. */
export interface OpenDelivery {
  trackingNo: string;
  outAt: Date;
  location: string;
  note: string | null;
  /** The newest origin branch any of its scans names. */
  originBranch: string | null;
}

/** A delivered scan (the newest of its parcel in the window) with no receipt entered yet. */
export interface UnsignedDelivery {
  trackingNo: string;
  deliveredAt: Date;
  location: string;
  note: string | null;
  /** The out_for_delivery scan before it (the courier's work number is often in its note). */
  outLocation: string | null;
  outNote: string | null;
}

/** SOP-73, SOP-74: who signed for a delivered parcel, as the courier entered it. */
export interface Receipt {
  trackingNo: string;
  /** The delivered scan it is the receipt of. */
  deliveredAt: Date;
  signerKind: SignerKind;
  signer: string;
  /** SOP-74: a COD delivery's amount collected, in fen; null when not COD. */
  codFen: number | null;
  enteredBy: string;
  enteredAt: Date;
}

export interface DeliveryRepository {
  /** SOP-44: parcels whose latest out_for_delivery scan in [from, to) has no delivered, problem, held_for_pickup or returned scan at or after it. */
  openDeliveries(from: Date, to: Date, limit?: number): Promise<OpenDelivery[]>;
  /** Stores the listed parcels not yet listed for their day; returns only those newly stored. */
  addUndelivered(rows: readonly UndeliveredParcel[]): Promise<UndeliveredParcel[]>;
  /** Every parcel listed on `day`, handled or not. */
  undeliveredOfDay(day: string): Promise<UndeliveredParcel[]>;
  /** Listed parcels not handled, of `day` and earlier (oldest day first). */
  openUndelivered(day: string, limit?: number): Promise<UndeliveredParcel[]>;
  /**
   * Marks listed parcels handled (compare and set: only those still unhandled); `trackingNo`
   * undefined: all of the day's. Returns the rows it changed.
   */
  markHandled(
    day: string,
    trackingNo: string | undefined,
    at: Date,
    by: string,
  ): Promise<UndeliveredParcel[]>;
  /** SOP-74: delivered scans in [from, to) with no receipt, by parcel (the newest), oldest first. */
  unsignedDeliveries(from: Date, to: Date, limit?: number): Promise<UnsignedDelivery[]>;
  getReceipt(trackingNo: string): Promise<Receipt | undefined>;
  /** Stores the receipt, replacing an earlier entry of the parcel; returns the one it replaced. */
  putReceipt(receipt: Receipt): Promise<Receipt | undefined>;
}
