import { requirePerson, type UseCaseDeps } from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import type { Receipt, UndeliveredParcel } from "../ports/deliveries";
import {
  type Delivery,
  deliveryOf,
  type EnterRefusal,
  enterReceipt,
  type ReceiptAnswer,
  receiptFor,
} from "./receipts";
import type { Signer } from "./signer";
import { type HandleRefusal, markUndeliveredHandled, openUndelivered } from "./undelivered";

/** The Desk's part for the day's deliveries: SOP-44's undelivered parcels, SOP-73/SOP-74's receipts. */
export interface DeliveriesDesk {
  /** SOP-44: the listed parcels not handled yet, of today and earlier days (oldest first). */
  undeliveredOpen(): Promise<UndeliveredParcel[]>;
  /**
   * SOP-44: the origin messaged and the parcel scanned as 疑难件: one listed parcel of `day`, or
   * (trackingNo undefined) all of that day's. Agents and duty leads only.
   */
  markUndeliveredHandled(
    personId: string,
    day: string,
    trackingNo?: string,
  ): Promise<Done<{ handled: UndeliveredParcel[] }> | Refused<HandleRefusal>>;
  /** SOP-74: the parcel's last delivery (to enter its signer), or why there is none. */
  deliveryFor(
    trackingNo: string,
  ): Promise<{ ok: true; delivery: Delivery } | { ok: false; reason: "unknown_parcel" | "not_delivered" }>;
  /** SOP-74: who signed (validated by deliveries/signer.ts) and a COD delivery's amount. Couriers, duty leads. */
  enterReceipt(
    personId: string,
    input: { trackingNo: string; signer: Signer; codFen: number | null },
  ): Promise<Done<{ receipt: Receipt; replaced?: Receipt; delivery: Delivery }> | Refused<EnterRefusal>>;
  /** SOP-74: the receipt already entered for the parcel's last delivery, if any (a correction is confirmed first). */
  enteredReceipt(trackingNo: string): Promise<Receipt | undefined>;
  /** SOP-73: who signed and when, within receipts.keepFor of arrival; after it, past keeping. */
  receiptFor(trackingNo: string): Promise<ReceiptAnswer>;
}

export function deliveriesDesk(deps: UseCaseDeps): DeliveriesDesk {
  return {
    undeliveredOpen: () => openUndelivered(deps),
    markUndeliveredHandled: async (personId, day, trackingNo) => {
      requirePerson(deps, personId, "agent", "supervisor");
      return markUndeliveredHandled(deps, personId, day, trackingNo);
    },
    deliveryFor: (trackingNo) => deliveryOf(deps, trackingNo),
    enterReceipt: (personId, input) => enterReceipt(deps, personId, input),
    receiptFor: (trackingNo) => receiptFor(deps, trackingNo),
    enteredReceipt: async (trackingNo) => {
      const found = await deliveryOf(deps, trackingNo);
      if (!found.ok) return undefined;
      const receipt = await deps.store.deliveries.getReceipt(trackingNo);
      // A receipt of an earlier delivery (the parcel went out again) is not this delivery's.
      return receipt && receipt.deliveredAt.getTime() >= found.delivery.delivered.at.getTime()
        ? receipt
        : undefined;
    },
  };
}
