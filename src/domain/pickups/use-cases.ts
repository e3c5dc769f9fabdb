import { hasRole, type Person, type Role, type Zone } from "../config/directory";
import {
  auditEntry,
  cancelTimers,
  clockText,
  customerActor,
  newId,
  personActor,
  pickupRef,
  scheduleAll,
  sendAll,
  subjectOf,
  toChat,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Desk } from "../desk/desk";
import { pickupActions } from "../desk/notice-actions";
import type { ChatRef, Language } from "../kernel/chat";
import { addDuration } from "../kernel/duration";
import { type Params, t } from "../messages";
import { type Notice, type Timer, timer, timerId } from "../ports";
import type { PickupRequest, PickupStatus } from "../ports/records";
import { validatePickupDraft } from "./rules";

/**
 * Pickup requests (取件), SOP-20..SOP-28: recorded in full, dispatch and the zone courier pinged,
 * accepted, declined, collected; the driver told when goods are ready (SOP-24). No price is ever
 * quoted or stored (SOP-21).
 */

/** Thrown when a staff-only use case is called for someone without the role (the flows gate it). */
export class DeskPermissionError extends Error {
  override name = "DeskPermissionError";
}

/** Not yet accepted: what dispatch still has to place. */
export const UNACCEPTED: readonly PickupStatus[] = ["requested", "assigned"];
/** What a customer may still cancel. */
export const CANCELLABLE: readonly PickupStatus[] = ["requested", "assigned", "accepted"];

export const pickupTimerIds = (pickupId: string): string[] => [
  timerId("pickup-accept", pickupId),
  timerId("pickup-open", pickupId),
];

/** Dispatch has acceptWithin after a ping before it is pinged again. */
export function acceptTimer(deps: Pick<UseCaseDeps, "policy">, pickupId: string, pingedAt: Date): Timer {
  return timer(
    "pickup-accept",
    pickupId,
    addDuration(pingedAt, deps.policy.pickup.acceptWithin, deps.policy.timezone),
  );
}

/** How many times the pickup-accept timer reminds dispatch of a pickup nobody accepted. */
export const MAX_REPINGS = 4;
/** The note of a "repinged" event the pickup-accept timer records (pickup-open's is "day_opened"). */
export const REPING_NOTE = "not_accepted";

/** How many times the pickup-accept timer has reminded dispatch of this pickup. */
export async function repingCount(deps: Pick<UseCaseDeps, "store">, pickupId: string): Promise<number> {
  const events = await deps.store.pickups.events(pickupId);
  return events.filter((e) => e.event === "repinged" && e.note === REPING_NOTE).length;
}

/**
 * When dispatch can be reminded of a pickup at or after `at`: `at` itself while the desk is open,
 * else the desk's next opening (SOP-12: nobody is woken); undefined when that falls after the
 * pickup's day on the branch's clock (the reminders are over; the morning list carries it).
 */
export function reminderAt(
  deps: Pick<UseCaseDeps, "calendar">,
  pickup: Pick<PickupRequest, "pickupDay">,
  at: Date,
): Date | undefined {
  const when = deps.calendar.nextOpening(at);
  return deps.calendar.localDate(when) > pickup.pickupDay ? undefined : when;
}

/**
 * SOP-22: a pickup is pinged on its pickup day, from the desk's opening. A request before the
 * cut-off on a desk day is for today: pinged at once once the day has opened (the pickup line runs
 * to the cut-off, past the query desk's closing); a request before opening, or one agreed for a
 * later day, waits for that day's opening.
 */
export function pickupOpensAt(
  deps: Pick<UseCaseDeps, "calendar">,
  pickup: Pick<PickupRequest, "pickupDay">,
): Date {
  return deps.calendar.opensAt(pickup.pickupDay);
}

function zoneOf(deps: UseCaseDeps, pickup: PickupRequest): Zone | undefined {
  return pickup.zoneId ? deps.directory.zone(pickup.zoneId) : undefined;
}

/** The details of a pickup as staff read them, in their language. No price (SOP-21). */
export function pickupParams(deps: UseCaseDeps, pickup: PickupRequest, language: Language): Params {
  return {
    ref: pickupRef(pickup),
    zone: zoneOf(deps, pickup)?.name ?? "—",
    address: pickup.address,
    contact: pickup.contactName ?? "",
    phone: pickup.phone,
    goods: pickup.goods,
    payment: t(language, `payment.${pickup.payment}`),
    day: pickup.pickupDay,
    earliest: clockText(deps, pickup.earliestAt),
    morning: pickup.morning ? t(language, "notice.pickup.morning") : "",
  };
}

/** Who is pinged besides dispatch: the courier it is assigned to, else the zone's courier (SOP-20). */
function courierToPing(deps: UseCaseDeps, pickup: PickupRequest): Person | undefined {
  if (pickup.courierId) return deps.directory.person(pickup.courierId);
  const zone = zoneOf(deps, pickup);
  return zone ? deps.directory.courierOf(zone) : undefined;
}

/**
 * Pings dispatch (the dispatch chat, in Chinese) and the courier as a person, with accept and
 * decline buttons. The first ping and every repeat (timer, decline) go through here.
 */
export async function pingDispatch(
  deps: UseCaseDeps,
  pickup: PickupRequest,
  options: { repeat: boolean; skipPersonId?: string | undefined },
): Promise<Notice[]> {
  const key = options.repeat ? "notice.pickup.reminder" : "notice.pickup.new";
  const actions = pickupActions(pickup.id);
  const notices: Notice[] = [
    { to: { kind: "dispatch" }, key, params: pickupParams(deps, pickup, "zh"), actions },
  ];
  const courier = courierToPing(deps, pickup);
  if (courier && courier.id !== options.skipPersonId) {
    notices.push(toPerson(courier, key, (lang) => pickupParams(deps, pickup, lang), actions));
  }
  await sendAll(deps, notices);
  return notices;
}

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
  const courier = cancelled.courierId ? deps.directory.person(cancelled.courierId) : undefined;
  if (courier) {
    await sendAll(deps, [
      toPerson(courier, "notice.pickup.cancelled", () => ({
        ref: pickupRef(cancelled),
        address: cancelled.address,
      })),
    ]);
  }
  return { ok: true, pickup: cancelled };
}

function requirePerson(deps: UseCaseDeps, personId: string, ...roles: Role[]): Person {
  const person = deps.directory.person(personId);
  if (!person || !hasRole(person, ...roles)) {
    throw new DeskPermissionError(`${personId} is not one of ${roles.join(", ")}`);
  }
  return person;
}

export async function assignPickup(
  deps: UseCaseDeps,
  dispatcherId: string,
  pickupId: string,
  courierId: string,
): ReturnType<Desk["assignPickup"]> {
  requirePerson(deps, dispatcherId, "dispatcher", "supervisor", "admin");
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

  const notices: Notice[] = [
    toPerson(
      courier,
      "notice.pickup.assigned",
      (lang) => pickupParams(deps, assigned, lang),
      pickupActions(pickupId),
    ),
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
  // SOP-23: the customer gets the courier's phone (the hotline when the directory has none);
  // SOP-21: the price is agreed with the courier.
  await sendAll(deps, [
    toChat(accepted.customer, accepted.language, "notice.pickup.accepted", {
      courier: courier.name,
      phone: courier.phone ?? deps.directory.branch.hotline,
      day: accepted.pickupDay,
      earliest: clockText(deps, accepted.earliestAt),
    }),
  ]);
  return { ok: true, pickup: accepted };
}

export async function declinePickup(
  deps: UseCaseDeps,
  courierId: string,
  pickupId: string,
): ReturnType<Desk["declinePickup"]> {
  const pickup = await deps.store.pickups.get(pickupId);
  if (!pickup || pickup.status === "collected" || pickup.status === "cancelled") {
    return { ok: false, reason: "not_found" };
  }
  if (pickup.courierId !== null && pickup.courierId !== courierId) return { ok: false, reason: "not_yours" };

  const now = deps.clock.now();
  const actor = personActor(courierId);
  const event = { pickupId, at: now, event: "declined" as const, actor, note: null };
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
      auditEntry(now, actor, "pickup.declined", subjectOf.pickup(pickupId), { from: pickup.status }),
    );
    return updated;
  });
  if (!declined) return { ok: false, reason: "not_yours" };

  await pingDispatch(deps, declined, { repeat: true, skipPersonId: courierId });
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
