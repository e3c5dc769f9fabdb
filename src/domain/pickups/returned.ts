import {
  auditEntry,
  personActor,
  personLabel,
  pickupRef,
  requirePerson,
  sendAll,
  subjectOf,
  toChat,
  type UseCaseDeps,
} from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import type { PickupRequest } from "../ports/records";
import { updatePickupCards } from "./card";
import { declineText } from "./decline";
import { isReturnReason, RETURNABLE_DAYS, type ReturnWhy, returnReasonText } from "./return-reasons";

/**
 * SOP-26: goods found after collection to be goods that may not be sent ("found later, the parcel
 * is returned"). The courier who collected them says why (one tap, or a line of their own); the
 * pickup becomes "returned" in one transaction with its audit row; then the customer hears that
 * the goods come back and why, and dispatch is told.
 */
export interface PickupReturnsDesk {
  /**
   * SOP-26: the courier who collected the goods found they may not be sent: the pickup is
   * returned to the customer (told why), and dispatch is told. Pressed twice, it is done once.
   */
  returnCollectedGoods(
    courierId: string,
    pickupId: string,
    why: ReturnWhy,
  ): Promise<
    Done<{ pickup: PickupRequest; already: boolean }> | Refused<"not_found" | "not_yours" | "not_collected">
  >;
  /** The courier's pickups collected lately: those whose goods they may still return (SOP-26). */
  collectedPickups(courierId: string): Promise<PickupRequest[]>;
}

async function returnCollectedGoods(
  deps: UseCaseDeps,
  courierId: string,
  pickupId: string,
  why: ReturnWhy,
): ReturnType<PickupReturnsDesk["returnCollectedGoods"]> {
  requirePerson(deps, courierId, "courier");
  const pickup = await deps.store.pickups.get(pickupId);
  if (!pickup || pickup.status === "cancelled") return { ok: false, reason: "not_found" };
  if (pickup.courierId !== courierId) return { ok: false, reason: "not_yours" };
  if (pickup.status === "returned") return { ok: true, pickup, already: true };
  if (pickup.status !== "collected") return { ok: false, reason: "not_collected", rule: "SOP-26" };

  const reason: ReturnWhy = isReturnReason(why.reason) ? why : { reason: "other" };
  const text = reason.reason === "other" && reason.text ? declineText(reason.text) : undefined;
  const said: ReturnWhy = text ? { reason: "other", text } : { reason: reason.reason };
  const note = text ? `other:${text}` : said.reason;
  const now = deps.clock.now();
  const actor = personActor(courierId);
  const returned = await deps.store.transaction(async (tx) => {
    const updated = await tx.pickups.transition(
      pickupId,
      ["collected"],
      { status: "returned" },
      { pickupId, at: now, event: "returned", actor, note },
      { courierId },
    );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, actor, "pickup.returned", subjectOf.pickup(pickupId), {
        rule: "SOP-26",
        reason: said.reason,
        text: said.text ?? null,
        byAir: pickup.byAir,
      }),
    );
    return updated;
  });
  if (!returned) {
    const current = await deps.store.pickups.get(pickupId);
    if (current?.status === "returned" && current.courierId === courierId) {
      return { ok: true, pickup: current, already: true };
    }
    return { ok: false, reason: "not_yours" };
  }

  await updatePickupCards(deps, returned, { kind: "returned", why: said });
  const ref = pickupRef(returned);
  await sendAll(deps, [
    toChat(returned.customer, returned.language, "notice.pickup.returned", {
      ref,
      reason: returnReasonText(returned.language, said),
    }),
    {
      to: { kind: "dispatch" },
      key: "notice.pickup.returnedForDispatch",
      params: {
        ref,
        address: returned.address,
        reason: returnReasonText("zh", said),
        courier: personLabel(deps, "zh", courierId),
      },
    },
  ]);
  return { ok: true, pickup: returned, already: false };
}

/** Most collected pickups a courier is offered back (far more than a few days' collections). */
const COLLECTED_LIMIT = 200;

async function collectedPickups(deps: UseCaseDeps, courierId: string): Promise<PickupRequest[]> {
  const since = new Date(deps.clock.now().getTime() - RETURNABLE_DAYS * 24 * 3_600_000);
  const rows = await deps.store.pickups.listByCourier(courierId, ["collected"], COLLECTED_LIMIT, since);
  return rows.reverse(); // newest first: the goods just collected are the ones in hand
}

export function pickupReturnsDesk(deps: UseCaseDeps): PickupReturnsDesk {
  return {
    returnCollectedGoods: (courierId, pickupId, why) => returnCollectedGoods(deps, courierId, pickupId, why),
    collectedPickups: (courierId) => collectedPickups(deps, courierId),
  };
}
