import { addDuration } from "../duration";
import { type Timer, timer, timerId } from "../ports";
import type { SelfPickupHold } from "../records";
import {
  markCollected as collectedRule,
  type HoldRefusal,
  holdTimeline,
  markOriginMessaged,
  recordOriginReply as originReplyRule,
} from "../self-pickup";
import {
  auditEntry,
  cancelTimers,
  dateText,
  newId,
  personActor,
  scheduleAll,
  subjectOf,
  type UseCaseDeps,
} from "./context";
import type { Desk } from "./desk";
import { notifySubscribers } from "./parcels";

/**
 * Self-pickup holds (自提 / 自取), SOP-37 and SOP-50..SOP-52: the parcel waits for its customer; the
 * origin is messaged after messageOriginAfter (hold-origin), the parcel returned returnAfterNoReply
 * after an unanswered message (hold-return). The timeline itself is self-pickup.ts's holdTimeline.
 */

export const holdTimerIds = (holdId: string): string[] => [
  timerId("hold-origin", holdId),
  timerId("hold-return", holdId),
];

/** The one timer the hold should have now, if any (SOP-50 message the origin, SOP-51 return). */
export function holdTimer(deps: Pick<UseCaseDeps, "policy">, hold: SelfPickupHold): Timer | undefined {
  const next = holdTimeline(hold, deps.policy);
  if (!next) return undefined;
  return timer(next.step === "message_origin" ? "hold-origin" : "hold-return", hold.id, next.at);
}

/** The phone customers call about a held parcel: the branch point's, else the branch hotline. */
export function holdPhone(deps: UseCaseDeps, place: string): string {
  return (
    deps.directory.data.branchPoints.find((b) => b.name === place)?.phone ?? deps.directory.branch.hotline
  );
}

export async function markHeld(
  deps: UseCaseDeps,
  personId: string,
  trackingNo: string,
  place: string,
): ReturnType<Desk["markHeld"]> {
  const where = place.trim();
  if (where === "") throw new Error("markHeld: a hold needs a place (a branch point or head office)");
  if (await deps.store.holds.openForParcel(trackingNo))
    return { ok: false, reason: "already_held", rule: "SOP-50" };

  const now = deps.clock.now();
  // The origin branch (SOP-50 messages it, SOP-52 marks the return for it) comes from the scans.
  const parcel = await deps.store.parcels.get(trackingNo);
  const hold: SelfPickupHold = {
    id: newId(deps),
    trackingNo,
    place: where,
    originBranch: parcel?.scans.find((s) => s.originBranch)?.originBranch ?? null,
    heldAt: now,
    originMessagedAt: null,
    originRepliedAt: null,
    markedForReturnAt: null,
    closedAt: null,
    closeReason: null,
  };
  try {
    await deps.store.transaction(async (tx) => {
      await tx.holds.insert(hold);
      await tx.audit.append(
        auditEntry(now, personActor(personId), "hold.opened", subjectOf.hold(hold.id), {
          trackingNo,
          place: where,
          originBranch: hold.originBranch,
        }),
      );
    });
  } catch (error) {
    // Two staff holding the same parcel at once: the store keeps one open hold per parcel.
    if (await deps.store.holds.openForParcel(trackingNo))
      return { ok: false, reason: "already_held", rule: "SOP-50" };
    throw error;
  }

  const next = holdTimer(deps, hold);
  if (next) await scheduleAll(deps, [next]);
  const collectBy = addDuration(hold.heldAt, deps.policy.selfPickup.messageOriginAfter, deps.policy.timezone);
  await notifySubscribers(deps, trackingNo, "notice.hold.ready", () => ({
    trackingNo,
    place: where,
    phone: holdPhone(deps, where),
    collectBy: dateText(deps, collectBy),
  }));
  return { ok: true, hold };
}

export async function markCollected(
  deps: UseCaseDeps,
  personId: string,
  trackingNo: string,
): ReturnType<Desk["markCollected"]> {
  const hold = await deps.store.holds.openForParcel(trackingNo);
  if (!hold) return { ok: false, reason: "not_held" };
  const now = deps.clock.now();
  const rule = collectedRule(hold, now);
  // Marked for return (SOP-51/52): it leaves the same day and is no longer the customer's to collect.
  if (!rule.ok)
    return { ok: false, reason: "not_held", rule: rule.reason === "marked_for_return" ? "SOP-52" : "SOP-50" };

  const closed = await deps.store.transaction(async (tx) => {
    const updated = await tx.holds.updateOpen(hold.id, { closedAt: now, closeReason: "collected" });
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "hold.collected", subjectOf.hold(hold.id), { trackingNo }),
    );
    return updated;
  });
  if (!closed) return { ok: false, reason: "not_held" };
  await cancelTimers(deps, holdTimerIds(hold.id));
  return { ok: true, hold: closed };
}

function stepRefusal(reason: HoldRefusal): "closed" | "out_of_order" {
  return reason === "closed" ? "closed" : "out_of_order";
}

/** SOP-50 done: the origin was messaged (留言对方公司); SOP-51's return clock starts. */
export async function recordOriginMessaged(
  deps: UseCaseDeps,
  personId: string,
  holdId: string,
): ReturnType<Desk["recordOriginMessaged"]> {
  const hold = await deps.store.holds.get(holdId);
  if (!hold) return { ok: false, reason: "not_found" };
  const now = deps.clock.now();
  const rule = markOriginMessaged(hold, now);
  if (!rule.ok) return { ok: false, reason: stepRefusal(rule.reason), rule: "SOP-50" };

  const updated = await deps.store.transaction(async (tx) => {
    const changed = await tx.holds.updateOpen(holdId, { originMessagedAt: now });
    if (!changed) return undefined;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "hold.origin_messaged", subjectOf.hold(holdId), {
        trackingNo: hold.trackingNo,
        originBranch: hold.originBranch,
      }),
    );
    return changed;
  });
  if (!updated) return { ok: false, reason: "closed" };

  await cancelTimers(deps, [timerId("hold-origin", holdId)]);
  const next = holdTimer(deps, updated);
  if (next) await scheduleAll(deps, [next]);
  return { ok: true, hold: updated };
}

/** The origin answered: SOP-51's return is off; what happens next follows its answer. */
export async function recordOriginReply(
  deps: UseCaseDeps,
  personId: string,
  holdId: string,
): ReturnType<Desk["recordOriginReply"]> {
  const hold = await deps.store.holds.get(holdId);
  if (!hold) return { ok: false, reason: "not_found" };
  const now = deps.clock.now();
  const rule = originReplyRule(hold, now);
  if (!rule.ok) return { ok: false, reason: stepRefusal(rule.reason), rule: "SOP-51" };

  const updated = await deps.store.transaction(async (tx) => {
    const changed = await tx.holds.updateOpen(holdId, { originRepliedAt: now });
    if (!changed) return undefined;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "hold.origin_replied", subjectOf.hold(holdId), {
        trackingNo: hold.trackingNo,
      }),
    );
    return changed;
  });
  if (!updated) return { ok: false, reason: "closed" };
  await cancelTimers(deps, [timerId("hold-return", holdId)]);
  return { ok: true, hold: updated };
}

export async function openHolds(deps: UseCaseDeps): Promise<SelfPickupHold[]> {
  return deps.store.holds.listOpen();
}
