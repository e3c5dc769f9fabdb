import {
  ageText,
  auditEntry,
  closedUntil,
  personLabel,
  pickupRef,
  scheduleAll,
  sendAll,
  subjectOf,
  supervisorsOrAgents,
  timerActor,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { TimerOutcome } from "../desk/timers";
import { t } from "../messages";
import type { PickupRequest } from "../ports/records";
import { pingDispatch } from "./card";
import {
  acceptTimer,
  MAX_REPINGS,
  pickupOpensAt,
  REPING_NOTE,
  reminderAt,
  repingCount,
  UNACCEPTED,
} from "./pings";

/** A pickup's two timers (SOP-20, SOP-22): the repeat ping while nobody accepts, the ping when its day opens. */

async function unacceptedPickup(deps: UseCaseDeps, id: string): Promise<PickupRequest | undefined> {
  const pickup = await deps.store.pickups.get(id);
  return pickup && UNACCEPTED.includes(pickup.status) ? pickup : undefined;
}

/** Records the repeat ping (the reconciliation reads it as the last ping) with its audit row. */
async function recordPing(deps: UseCaseDeps, pickup: PickupRequest, now: Date, why: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.pickups.addEvent({
      pickupId: pickup.id,
      at: now,
      event: "repinged",
      actor: timerActor,
      note: why,
    });
    await tx.audit.append(
      auditEntry(now, timerActor, "pickup.repinged", subjectOf.pickup(pickup.id), { why }),
    );
  });
}

/**
 * Nobody accepted within acceptWithin: dispatch (and the courier) pinged again and the timer
 * re-armed, at most MAX_REPINGS times and only during the pickup day. The last re-ping (the
 * MAX_REPINGS-th, or the last one the pickup day leaves room for) escalates once to the duty
 * leads; after it the timer stops. A pickup whose day is over is left to the morning list (SOP-14).
 */
export async function pickupAccept(deps: UseCaseDeps, pickupId: string): Promise<TimerOutcome> {
  const pickup = await unacceptedPickup(deps, pickupId);
  if (!pickup) return "skipped";
  const now = deps.clock.now();
  const when = reminderAt(deps, pickup, now);
  if (!when) return "skipped"; // the pickup day is over (or the desk opens again only after it)
  if (when.getTime() > now.getTime()) return { deferUntil: when };
  const pings = await repingCount(deps, pickup.id);
  if (pings >= MAX_REPINGS) return "skipped";

  await recordPing(deps, pickup, now, REPING_NOTE);
  await pingDispatch(deps, pickup, { repeat: true });
  const next = acceptTimer(deps, pickup.id, now).dueAt;
  const last = pings + 1 >= MAX_REPINGS || reminderAt(deps, pickup, next) === undefined;
  if (!last) return { deferUntil: next };

  const courier = pickup.courierId ? personLabel(deps, "zh", pickup.courierId) : undefined;
  await sendAll(
    deps,
    supervisorsOrAgents(deps).map((p) =>
      toPerson(p, "notice.pickup.unaccepted", (lang) => ({
        ref: pickupRef(pickup),
        address: pickup.address,
        age: ageText(lang, now.getTime() - pickup.createdAt.getTime()),
        pings: pings + 1,
        status: courier ? t(lang, "pickupStatus.assignedTo", { courier }) : t(lang, "pickupStatus.requested"),
      })),
    ),
  );
  return "done";
}

/** SOP-22: a pickup for a later day (or before opening) is pinged when its day opens. */
export async function pickupOpen(deps: UseCaseDeps, pickupId: string): Promise<TimerOutcome> {
  const pickup = await unacceptedPickup(deps, pickupId);
  if (!pickup) return "skipped";
  const now = deps.clock.now();
  const opensAt = pickupOpensAt(deps, pickup);
  if (now.getTime() < opensAt.getTime()) return { deferUntil: opensAt };
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  await recordPing(deps, pickup, now, "day_opened");
  await pingDispatch(deps, pickup, { repeat: false });
  await scheduleAll(deps, [acceptTimer(deps, pickup.id, now)]);
  return "done";
}
