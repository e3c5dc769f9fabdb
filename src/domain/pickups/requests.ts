import {
  auditEntry,
  cancelTimers,
  customerActor,
  newId,
  personLabel,
  pickupRef,
  scheduleAll,
  sendAll,
  subjectOf,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Desk } from "../desk/desk";
import type { ChatRef } from "../kernel/chat";
import { t } from "../messages";
import { type Notice, timer } from "../ports";
import { PICKUP_STATUSES, type PickupRequest, type PickupStatus } from "../ports/records";
import { pingDispatch, updatePickupCards } from "./card";
import { acceptTimer, pickupOpensAt, pickupTimerIds, UNACCEPTED } from "./pings";
import { validatePickupDraft } from "./rules";

/**
 * Pickup requests (取件), SOP-20..SOP-28: a customer's request recorded in full and dispatch (and
 * the zone courier) pinged, or cancelled while it is not collected; the lists staff read. No price
 * is ever quoted or stored (SOP-21). What dispatch and the courier do next is steps.ts.
 */

/** What a customer may still cancel. */
export const CANCELLABLE: readonly PickupStatus[] = ["requested", "assigned", "accepted"];

export async function requestPickup(
  deps: UseCaseDeps,
  input: Parameters<Desk["requestPickup"]>[0],
): ReturnType<Desk["requestPickup"]> {
  const now = deps.clock.now();
  const checked = validatePickupDraft(input.draft, {
    policy: deps.policy,
    calendar: deps.calendar,
    directory: deps.directory,
    now,
  });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const v = checked.value;
  const pickup: PickupRequest = {
    id: newId(deps),
    customer: input.customer,
    language: input.language,
    contactName: input.contactName?.trim() || null,
    phone: v.phone,
    address: v.address,
    zoneId: v.zone?.id ?? null,
    goods: v.goods,
    payment: v.payment,
    pickupDay: v.pickupDay,
    earliestAt: v.earliestAt,
    morning: v.morning,
    byAir: v.byAir,
    ...(v.destination ? { destination: v.destination } : {}),
    status: "requested",
    courierId: null,
    createdAt: now,
    updatedAt: now,
  };
  const actor = customerActor(input.customer);
  await deps.store.transaction(async (tx) => {
    await tx.pickups.insert(pickup, { pickupId: pickup.id, at: now, event: "requested", actor, note: null });
    await tx.audit.append(
      auditEntry(now, actor, "pickup.requested", subjectOf.pickup(pickup.id), {
        zoneId: pickup.zoneId,
        pickupDay: pickup.pickupDay,
        nextDay: v.nextDay, // SOP-22
        morning: pickup.morning, // SOP-23
        destination: pickup.destination ?? null, // SOP-27
      }),
    );
  });

  const opensAt = pickupOpensAt(deps, pickup);
  if (now.getTime() >= opensAt.getTime()) {
    await pingDispatch(deps, pickup, { repeat: false });
    await scheduleAll(deps, [acceptTimer(deps, pickup.id, now)]);
  } else {
    await scheduleAll(deps, [timer("pickup-open", pickup.id, opensAt)]);
  }

  const result: Awaited<ReturnType<Desk["requestPickup"]>> = { ok: true, pickup };
  // SOP-23: a morning pickup: the courier's phone, and the branch points if the courier is not reached.
  if (v.courierPhone) result.courierPhone = v.courierPhone;
  if (v.branchPoints) result.branchPoints = v.branchPoints;
  return result;
}

export async function myPickups(deps: UseCaseDeps, customer: ChatRef): Promise<PickupRequest[]> {
  return deps.store.pickups.listByCustomer(customer, CANCELLABLE);
}

/** The customer's newest pickup request, whatever became of it: its phone is offered back (SOP-20). */
export async function lastPickup(deps: UseCaseDeps, customer: ChatRef): Promise<PickupRequest | undefined> {
  const [newest] = await deps.store.pickups.listByCustomer(customer, PICKUP_STATUSES);
  return newest;
}

function sameCustomer(owner: ChatRef, caller: ChatRef): boolean {
  if (owner.channel !== caller.channel || owner.chatId !== caller.chatId) return false;
  // In a group chat, the request is one user's.
  return caller.userId === undefined || owner.userId === caller.userId;
}

export async function cancelPickup(
  deps: UseCaseDeps,
  customer: ChatRef,
  pickupId: string,
): ReturnType<Desk["cancelPickup"]> {
  const pickup = await deps.store.pickups.get(pickupId);
  if (!pickup || !sameCustomer(pickup.customer, customer)) return { ok: false, reason: "not_found" };
  if (!CANCELLABLE.includes(pickup.status)) return { ok: false, reason: "too_late" };
  const now = deps.clock.now();
  const actor = customerActor(customer);
  const cancelled = await deps.store.transaction(async (tx) => {
    const updated = await tx.pickups.transition(
      pickupId,
      CANCELLABLE,
      { status: "cancelled" },
      { pickupId, at: now, event: "cancelled", actor, note: null },
    );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, actor, "pickup.cancelled", subjectOf.pickup(pickupId), { from: pickup.status }),
    );
    return updated;
  });
  if (!cancelled) return { ok: false, reason: "too_late" };

  await cancelTimers(deps, pickupTimerIds(pickupId));
  await updatePickupCards(deps, cancelled, { kind: "cancelled" });
  const courier = cancelled.courierId ? deps.directory.person(cancelled.courierId) : undefined;
  const ref = pickupRef(cancelled);
  // The group that was pinged hears it too, so nobody sets out for a cancelled pickup.
  const notices: Notice[] = [
    {
      to: { kind: "dispatch" },
      key: "notice.pickup.cancelledForDispatch",
      params: {
        ref,
        address: cancelled.address,
        courier: courier
          ? t("zh", "notice.pickup.cancelledCourier", { courier: personLabel(deps, "zh", courier.id) })
          : "",
      },
    },
  ];
  if (courier) {
    notices.push(toPerson(courier, "notice.pickup.cancelled", () => ({ ref, address: cancelled.address })));
  }
  await sendAll(deps, notices);
  return { ok: true, pickup: cancelled };
}

/** How many pickups pendingPickups lists (oldest first): far more than dispatch has open in a day. */
export const PENDING_PICKUPS_LIMIT = 500;

export async function pendingPickups(deps: UseCaseDeps): Promise<PickupRequest[]> {
  return deps.store.pickups.listByStatus(UNACCEPTED, PENDING_PICKUPS_LIMIT);
}

/** How many of a courier's pickups are listed: far more than a courier has in a day. */
export const COURIER_PICKUPS_LIMIT = 200;

export async function courierPickups(deps: UseCaseDeps, courierId: string): Promise<PickupRequest[]> {
  return deps.store.pickups.listByCourier(courierId, ["assigned", "accepted"], COURIER_PICKUPS_LIMIT);
}
