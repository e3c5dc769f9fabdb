import {
  agentsOnDuty,
  ageText,
  auditEntry,
  cancelTimers,
  newId,
  personActor,
  requirePerson,
  sendAll,
  subjectOf,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import { returnNowAction } from "../desk/notice-actions";
import type { Actor } from "../kernel/chat";
import { notifySubscribers } from "../parcels/use-cases";
import { type Notice, timerId } from "../ports";
import type { SelfPickupHold } from "../ports/records";
import type { ParcelReturn } from "../ports/returns-records";
import { UNANSWERED_HOLD_RETURN } from "./return-rule";
import { holdTimeline, markedForReturnTransition, waybillReturnMarking } from "./timeline";

/**
 * SOP-51's return of a held parcel the origin never answered about, after SOP-43's delivery scan:
 * the hold is marked for return and the return recorded in one transaction with their audit rows.
 * The hold-return timer (timers.ts holdReturn) does it when it falls due; when the parcel has no
 * delivery scan yet, the agents are told to have it scanned, with a button (returnHeldNow) that does
 * it as soon as it is; otherwise the timer checks again the next desk morning. The time it falls
 * due is timeline.ts's returnDue; the returns the origin asks for (SOP-52) are returns/.
 */

type HeldReturnOutcome =
  | { ok: true; parcelReturn: ParcelReturn; hold: SelfPickupHold }
  | { ok: false; reason: "not_due" | "no_delivery_scan" };

/** Whether the hold is due its SOP-51 return at `now` (unanswered, not marked, the time come). */
function heldReturnDue(deps: Pick<UseCaseDeps, "policy">, hold: SelfPickupHold, now: Date): boolean {
  const step = holdTimeline(hold, deps.policy);
  if (step?.step !== "return" || now.getTime() < step.at.getTime()) return false;
  return markedForReturnTransition(hold, now, deps.policy).ok;
}

/** The SOP-43 reminder to the agents: have it delivery-scanned, then press to return it. */
export async function needsDeliveryScanNotices(deps: UseCaseDeps, hold: SelfPickupHold): Promise<Notice[]> {
  return (await agentsOnDuty(deps)).map((p) =>
    toPerson(
      p,
      "notice.return.needsDeliveryScan",
      () => ({ trackingNo: hold.trackingNo, place: hold.place }),
      [returnNowAction(hold.id)],
    ),
  );
}

/** Marks the hold and records the return (SOP-51), then tells the agents and the followers. */
export async function returnHeldParcel(
  deps: UseCaseDeps,
  hold: SelfPickupHold,
  actor: Actor,
): Promise<HeldReturnOutcome> {
  const now = deps.clock.now();
  if (!heldReturnDue(deps, hold, now)) return { ok: false, reason: "not_due" };
  // SOP-43: a parcel with no delivery scan gets the zone's delivery scan first; only then a return.
  if (!(await deps.store.parcels.hasDeliveryScan(hold.trackingNo)))
    return { ok: false, reason: "no_delivery_scan" };

  const marking = waybillReturnMarking(hold.originBranch);
  const committed = await deps.store.transaction(async (tx) => {
    // Compare and set: not if the origin replied (or it was marked) since the hold was read.
    const updated = await tx.holds.updateOpen(
      hold.id,
      { markedForReturnAt: now },
      { originRepliedAt: null, markedForReturnAt: null },
    );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, actor, "hold.marked_for_return", subjectOf.hold(hold.id), {
        trackingNo: hold.trackingNo,
        rule: UNANSWERED_HOLD_RETURN,
        marking,
      }),
    );
    const existing = await tx.returns.forParcel(hold.trackingNo);
    const parcelReturn: ParcelReturn = existing ?? {
      id: newId(deps),
      trackingNo: hold.trackingNo,
      holdId: hold.id,
      originBranch: hold.originBranch,
      marking,
      rule: UNANSWERED_HOLD_RETURN,
      markedAt: now,
      markedBy: actor.kind === "person" ? actor.personId : null,
      destination: null,
      weightKg: null,
      feeYuan: null,
      heldBy: null,
    };
    if (!existing) {
      await tx.returns.insert(parcelReturn);
      await tx.audit.append(
        auditEntry(now, actor, "return.marked", subjectOf.return(parcelReturn.id), {
          trackingNo: hold.trackingNo,
          holdId: hold.id,
          rule: UNANSWERED_HOLD_RETURN,
          marking,
        }),
      );
    }
    return { hold: updated, parcelReturn };
  });
  if (!committed) return { ok: false, reason: "not_due" };

  const messagedAt = hold.originMessagedAt ?? hold.heldAt;
  await sendAll(
    deps,
    (await agentsOnDuty(deps)).map((p) =>
      toPerson(p, "notice.hold.return", (lang) => ({
        trackingNo: hold.trackingNo,
        place: hold.place,
        waited: ageText(lang, now.getTime() - messagedAt.getTime()),
        marking,
      })),
    ),
  );
  await notifySubscribers(
    deps,
    hold.trackingNo,
    "notice.hold.returning",
    () => ({ trackingNo: hold.trackingNo, hotline: deps.directory.branch.hotline }),
    now,
  );
  return { ok: true, ...committed };
}

export type HeldNowOutcome =
  | { ok: true; parcelReturn: ParcelReturn; hold: SelfPickupHold }
  | { ok: false; reason: "not_found" | "not_due" | "no_delivery_scan"; trackingNo?: string };

/** The "delivery-scanned: return now" button (SOP-43 then SOP-51), pressed by an agent. */
export async function returnHeldNow(
  deps: UseCaseDeps,
  personId: string,
  holdId: string,
): Promise<HeldNowOutcome> {
  requirePerson(deps, personId, "agent", "supervisor");
  const hold = await deps.store.holds.get(holdId);
  if (!hold || hold.closedAt) return { ok: false, reason: "not_found" };
  const done = await returnHeldParcel(deps, hold, personActor(personId));
  if (!done.ok) return { ...done, trackingNo: hold.trackingNo };
  await cancelTimers(deps, [timerId("hold-return", hold.id)]);
  return done;
}

/** The desk's part of SOP-51: the agents' button once the parcel has its SOP-43 delivery scan. */
export interface HeldReturnDesk {
  returnHeldNow(personId: string, holdId: string): Promise<HeldNowOutcome>;
}

export function heldReturnDesk(deps: UseCaseDeps): HeldReturnDesk {
  return { returnHeldNow: (personId, holdId) => returnHeldNow(deps, personId, holdId) };
}
