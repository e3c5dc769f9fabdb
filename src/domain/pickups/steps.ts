import { hasRole, type Person, type Role } from "../config/directory";
import {
  auditEntry,
  cancelTimers,
  personActor,
  personLabel,
  pickupRef,
  requirePerson,
  scheduleAll,
  sendAll,
  subjectOf,
  toChat,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Desk } from "../desk/desk";
import { type Notice, timerId } from "../ports";
import type { PickupRequest } from "../ports/records";
import { pickupCardView, pingDispatch, updatePickupCards } from "./card";
import { type DeclineReason, type DeclineWhy, declineNote, declineText, isDeclineReason } from "./decline";
import { acceptTimer, pickupCardKey, pickupTimerIds, pickupWhenText, UNACCEPTED, zoneOf } from "./pings";

/** Who gives a pickup to a courier (SOP-20): dispatch (调度), the duty lead (主管), an admin. */
export const PICKUP_ASSIGNERS: readonly Role[] = ["dispatcher", "supervisor", "admin"];

/**
 * A pickup after its request (SOP-20..SOP-24): dispatch assigns it to a courier; the courier
 * accepts (the customer gets the courier's phone, SOP-23), declines (dispatch is pinged again),
 * collects it, and reports goods ready for the driver (SOP-24).
 */

export async function assignPickup(
  deps: UseCaseDeps,
  dispatcherId: string,
  pickupId: string,
  courierId: string,
): ReturnType<Desk["assignPickup"]> {
  requirePerson(deps, dispatcherId, ...PICKUP_ASSIGNERS);
  const courier = deps.directory.person(courierId);
  if (!courier || !hasRole(courier, "courier")) return { ok: false, reason: "not_courier" };
  const pickup = await deps.store.pickups.get(pickupId);
  if (!pickup) return { ok: false, reason: "not_found" };
  if (!UNACCEPTED.includes(pickup.status)) return { ok: false, reason: "too_late" };

  const now = deps.clock.now();
  const actor = personActor(dispatcherId);
  const assigned = await deps.store.transaction(async (tx) => {
    // Compare and set on the status and the courier seen: a dispatcher acting on a stale view (the
    // pickup was assigned, declined or accepted meanwhile) changes nothing.
    const updated = await tx.pickups.transition(
      pickupId,
      [pickup.status],
      { status: "assigned", courierId },
      { pickupId, at: now, event: "assigned", actor, note: courierId },
      { courierId: pickup.courierId },
    );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, actor, "pickup.assigned", subjectOf.pickup(pickupId), {
        courierId,
        previousCourierId: pickup.courierId,
      }),
    );
    return updated;
  });
  if (!assigned) {
    const current = await deps.store.pickups.get(pickupId);
    return current && UNACCEPTED.includes(current.status)
      ? { ok: false, reason: "taken" }
      : { ok: false, reason: "too_late" };
  }

  // Every copy of the card shows whose it is now; the courier gets a copy of their own.
  await updatePickupCards(deps, assigned, { kind: "assigned" });
  const notices: Notice[] = [
    {
      to: { kind: "person", personId: courier.id },
      ...pickupCardView(deps, assigned, { kind: "assigned" }, "person", courier.language),
      key: "notice.pickup.assigned",
      cardKey: pickupCardKey(pickupId),
    },
  ];
  const previous =
    pickup.courierId && pickup.courierId !== courierId ? deps.directory.person(pickup.courierId) : undefined;
  if (previous) {
    notices.push(
      toPerson(previous, "notice.pickup.reassigned", () => ({
        ref: pickupRef(assigned),
        address: assigned.address,
      })),
    );
  }
  // The courier has acceptWithin from now; a pending open timer is no longer needed.
  await cancelTimers(deps, [timerId("pickup-open", pickupId)]);
  await scheduleAll(deps, [acceptTimer(deps, pickupId, now)]);
  await sendAll(deps, notices);
  return { ok: true, pickup: assigned };
}

export async function acceptPickup(
  deps: UseCaseDeps,
  courierId: string,
  pickupId: string,
): ReturnType<Desk["acceptPickup"]> {
  const courier = requirePerson(deps, courierId, "courier");
  const pickup = await deps.store.pickups.get(pickupId);
  if (!pickup) return { ok: false, reason: "not_found" };
  if (pickup.status === "accepted") {
    // A second press of the same button changes nothing.
    return pickup.courierId === courierId ? { ok: true, pickup } : { ok: false, reason: "taken" };
  }
  if (pickup.status === "collected" || pickup.status === "cancelled")
    return { ok: false, reason: "too_late" };
  if (pickup.status === "assigned" && pickup.courierId !== courierId) return { ok: false, reason: "taken" };

  const now = deps.clock.now();
  const actor = personActor(courierId);
  const accepted = await deps.store.transaction(async (tx) => {
    // Compare and set on the status and the courier seen: a requested pickup goes to whoever
    // accepts first; an assigned one only to its courier while dispatch has not reassigned it.
    const updated = await tx.pickups.transition(
      pickupId,
      [pickup.status],
      { status: "accepted", courierId },
      { pickupId, at: now, event: "accepted", actor, note: null },
      { courierId: pickup.courierId },
    );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, actor, "pickup.accepted", subjectOf.pickup(pickupId), { from: pickup.status }),
    );
    return updated;
  });
  if (!accepted) {
    const current = await deps.store.pickups.get(pickupId);
    if (!current || current.status === "collected" || current.status === "cancelled")
      return { ok: false, reason: "too_late" };
    // Someone else's now (accepted by another, or reassigned by dispatch meanwhile).
    return { ok: false, reason: "taken" };
  }

  await cancelTimers(deps, pickupTimerIds(pickupId));
  // Its pings show who took it now, wherever it was accepted; their buttons are gone (issue 14 §3).
  await updatePickupCards(deps, accepted, { kind: "accepted" });
  // SOP-23: the customer gets the courier's phone (the hotline when the directory has none);
  // SOP-21: the price is agreed with the courier. The dispatch group learns who took it, wherever
  // the courier pressed accept (the group's ping, a private notice, /jobs): from its ping, changed
  // in place, or, where cards cannot be changed, from a message of its own (one, not both).
  const notices: Notice[] = [
    toChat(accepted.customer, accepted.language, "notice.pickup.accepted", {
      courier: courier.name,
      phone: courier.phone ?? deps.directory.branch.hotline,
      when: pickupWhenText(deps, accepted, accepted.language, now, "customer"),
    }),
  ];
  if (!deps.notifier.updateCards) {
    notices.push({
      to: { kind: "dispatch" },
      key: "notice.pickup.taken",
      params: {
        ref: pickupRef(accepted),
        address: accepted.address,
        courier: personLabel(deps, "zh", courierId),
      },
    });
  }
  await sendAll(deps, notices);
  return { ok: true, pickup: accepted };
}

export async function declinePickup(
  deps: UseCaseDeps,
  courierId: string,
  pickupId: string,
  reason: DeclineReason = "other",
  text?: string,
): ReturnType<Desk["declinePickup"]> {
  const pickup = await deps.store.pickups.get(pickupId);
  if (!pickup || pickup.status === "collected" || pickup.status === "cancelled") {
    return { ok: false, reason: "not_found" };
  }
  if (pickup.courierId !== null && pickup.courierId !== courierId) return { ok: false, reason: "not_yours" };

  const now = deps.clock.now();
  const actor = personActor(courierId);
  // The reason (with "other", the courier's typed words) is the event's note: dispatch reads it
  // in the ping, and it stays in the history.
  const known = isDeclineReason(reason) ? reason : "other";
  const why: DeclineWhy = { reason: known, text: known === "other" ? declineText(text ?? "") : undefined };
  const event = { pickupId, at: now, event: "declined" as const, actor, note: declineNote(why) };
  const declined = await deps.store.transaction(async (tx) => {
    // Compare and set on the status and the courier seen: once dispatch has given the pickup to
    // someone else, this courier's decline changes nothing.
    const updated =
      pickup.courierId === null
        ? // A ping to the zone courier of a request nobody holds: the request stays as it is.
          await tx.pickups.transition(pickupId, [pickup.status], {}, event, { courierId: null })
        : // Back to dispatch: requested and unassigned.
          await tx.pickups.transition(
            pickupId,
            [pickup.status],
            { status: "requested", courierId: null },
            event,
            { courierId },
          );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, actor, "pickup.declined", subjectOf.pickup(pickupId), {
        from: pickup.status,
        reason: declineNote(why),
      }),
    );
    return updated;
  });
  if (!declined) return { ok: false, reason: "not_yours" };

  // The pings before the decline show it in place; the new ping (with the reason) notifies.
  await pingDispatch(deps, declined, {
    repeat: true,
    skipPersonId: courierId,
    declined: { courierId, ...why },
  });
  await scheduleAll(deps, [acceptTimer(deps, pickupId, now)]);
  return { ok: true, pickup: declined };
}

export async function collectPickup(
  deps: UseCaseDeps,
  courierId: string,
  pickupId: string,
): ReturnType<Desk["collectPickup"]> {
  const pickup = await deps.store.pickups.get(pickupId);
  if (!pickup || pickup.status === "cancelled") return { ok: false, reason: "not_found" };
  if (pickup.courierId !== courierId) return { ok: false, reason: "not_yours" };
  if (pickup.status === "collected") return { ok: true, pickup };

  const now = deps.clock.now();
  const actor = personActor(courierId);
  const collected = await deps.store.transaction(async (tx) => {
    const updated = await tx.pickups.transition(
      pickupId,
      ["assigned", "accepted"],
      { status: "collected" },
      { pickupId, at: now, event: "collected", actor, note: null },
      { courierId }, // not once dispatch has reassigned it
    );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, actor, "pickup.collected", subjectOf.pickup(pickupId), { from: pickup.status }),
    );
    return updated;
  });
  if (!collected) {
    const current = await deps.store.pickups.get(pickupId);
    if (current?.status === "collected" && current.courierId === courierId)
      return { ok: true, pickup: current };
    return current && current.status !== "cancelled"
      ? { ok: false, reason: "not_yours" }
      : { ok: false, reason: "not_found" };
  }
  await cancelTimers(deps, pickupTimerIds(pickupId));
  await updatePickupCards(deps, collected, { kind: "collected" });
  // The customer hears that the parcel is on its way (no silence after the courier's visit).
  const courier = deps.directory.person(courierId);
  await sendAll(deps, [
    toChat(collected.customer, collected.language, "notice.pickup.collected", {
      courier: courier?.name ?? "",
      ref: pickupRef(collected),
    }),
  ]);
  return { ok: true, pickup: collected };
}

/** The zone whose goods the driver carries: the pickup's, else the courier's own zone. */
function driverFor(deps: UseCaseDeps, pickup: PickupRequest, courierId: string): Person | undefined {
  const zone = zoneOf(deps, pickup) ?? deps.directory.data.zones.find((z) => z.courier === courierId);
  return zone ? deps.directory.driverOf(zone) : undefined;
}

/** SOP-24: when a courier reports goods to collect, the driver is told at once. */
export async function goodsReady(
  deps: UseCaseDeps,
  courierId: string,
  pickupId: string,
): ReturnType<Desk["goodsReady"]> {
  const pickup = await deps.store.pickups.get(pickupId);
  if (!pickup || pickup.status === "cancelled") return { ok: false, reason: "not_found" };
  if (pickup.courierId !== courierId || pickup.status === "requested")
    return { ok: false, reason: "not_yours" };
  const driver = driverFor(deps, pickup, courierId);
  if (!driver) return { ok: false, reason: "no_driver", rule: "SOP-24" };

  const now = deps.clock.now();
  const actor = personActor(courierId);
  const recorded = await deps.store.transaction(async (tx) => {
    // Compare and set: only while the pickup is still this courier's (not reassigned meanwhile).
    const updated = await tx.pickups.transition(
      pickupId,
      ["assigned", "accepted", "collected"],
      {},
      { pickupId, at: now, event: "goods_ready", actor, note: driver.id },
      { courierId },
    );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, actor, "pickup.goods_ready", subjectOf.pickup(pickupId), { driverId: driver.id }),
    );
    return updated;
  });
  if (!recorded) return { ok: false, reason: "not_yours" };

  const courier = deps.directory.person(courierId);
  await sendAll(deps, [
    toPerson(driver, "notice.pickup.goodsReady", () => ({
      courier: courier?.name ?? courierId,
      phone: courier?.phone ?? "—",
      address: pickup.address,
      goods: pickup.goods,
    })),
  ]);
  return { ok: true, pickup: recorded, driver };
}
