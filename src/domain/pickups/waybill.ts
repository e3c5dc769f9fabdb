import { auditEntry, personActor, sendAll, subjectOf, toChat, type UseCaseDeps } from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import { followActions } from "../following/actions";
import { checkTrackingNo } from "../kernel/tracking-number";
import { findTrackingNumber } from "../kernel/tracking-number-in-text";
import type { PickupRequest } from "../ports/records";

/**
 * Issue 17 §1: a customer who booked a pickup follows its parcel. A pickup has no waybill number
 * until the courier writes one at collection; the courier enters it from the phone (`/jobs`, on the
 * collected pickup), and in one transaction the pickup records it (a `waybill` event), the
 * customer's chat follows the parcel and the audit row is written. Then the customer is told the
 * number, in one message that says they will hear of the parcel and how to stop.
 */
export interface PickupWaybillDesk {
  recordPickupWaybill(
    courierId: string,
    pickupId: string,
    typed: string,
  ): Promise<
    | Done<{ pickup: PickupRequest; trackingNo: string; already: boolean }>
    | Refused<
        | "not_found"
        | "not_yours"
        | "not_collected"
        | "malformed"
        | "check_digit"
        | "other_waybill"
        | "used_elsewhere"
      >
  >;
  /** The waybill number the courier entered for the pickup, if any. */
  pickupWaybill(pickupId: string): Promise<string | undefined>;
}

export function pickupWaybillDesk(deps: UseCaseDeps): PickupWaybillDesk {
  return {
    recordPickupWaybill: (courierId, pickupId, typed) =>
      recordPickupWaybill(deps, courierId, pickupId, typed),
    pickupWaybill: (pickupId) => waybillOf(deps, pickupId),
  };
}

async function waybillOf(deps: Pick<UseCaseDeps, "store">, pickupId: string): Promise<string | undefined> {
  const events = await deps.store.pickups.events(pickupId);
  return events.findLast((e) => e.event === "waybill")?.note ?? undefined;
}

async function recordPickupWaybill(
  deps: UseCaseDeps,
  courierId: string,
  pickupId: string,
  typed: string,
): ReturnType<PickupWaybillDesk["recordPickupWaybill"]> {
  const pickup = await deps.store.pickups.get(pickupId);
  if (!pickup || pickup.status === "cancelled") return { ok: false, reason: "not_found" };
  if (pickup.courierId !== courierId) return { ok: false, reason: "not_yours" };
  if (pickup.status !== "collected") return { ok: false, reason: "not_collected" };
  // The number alone, or in a sentence ("运单号是 YT…"): the reader the tracking flow uses.
  const inText = findTrackingNumber(typed, deps.policy);
  const checked = checkTrackingNo(inText ? inText.trackingNo : typed.trim(), deps.policy);
  if (!checked.ok)
    return { ok: false, reason: checked.reason === "check_digit" ? "check_digit" : "malformed" };
  const { trackingNo } = checked;
  // A number the network knew before this pickup was booked, or one another pickup has, is not
  // this parcel's: a customer would follow (and be shown) somebody else's parcel.
  const known = await deps.store.parcels.get(trackingNo, 1);
  if (known && known.firstSeenAt.getTime() <= pickup.createdAt.getTime())
    return { ok: false, reason: "used_elsewhere" };

  const now = deps.clock.now();
  const actor = personActor(courierId);
  const outcome = await deps.store.transaction(async (tx) => {
    const recorded = (await tx.pickups.events(pickupId)).findLast((e) => e.event === "waybill")?.note;
    if (recorded === trackingNo) return "already" as const;
    // One parcel per pickup: a second, different number is a typing mistake to correct at the desk.
    if (recorded) return "other" as const;
    const parcelHistory = await tx.audit.list({ subject: subjectOf.parcel(trackingNo), limit: 100 });
    if (parcelHistory.some((e) => e.action === "pickup.waybill" && e.data.pickupId !== pickupId))
      return "elsewhere" as const;
    await tx.pickups.addEvent({ pickupId, at: now, event: "waybill", actor, note: trackingNo });
    await tx.subscriptions.subscribe({
      trackingNo,
      chat: pickup.customer,
      language: pickup.language,
      createdAt: now,
    });
    // Under the parcel: the one place to see which pickup a waybill number belongs to.
    await tx.audit.append(
      auditEntry(now, actor, "pickup.waybill", subjectOf.parcel(trackingNo), { pickupId }),
    );
    return "recorded" as const;
  });
  if (outcome === "other") return { ok: false, reason: "other_waybill" };
  if (outcome === "elsewhere") return { ok: false, reason: "used_elsewhere" };
  if (outcome === "recorded") {
    await sendAll(deps, [
      {
        ...toChat(pickup.customer, pickup.language, "notice.pickup.waybill", { trackingNo }),
        actions: followActions(trackingNo, undefined),
      },
    ]);
  }
  return { ok: true, pickup, trackingNo, already: outcome === "already" };
}
