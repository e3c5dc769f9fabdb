import type { DirectoryIndex } from "../config/directory";
import type { Policy } from "../config/policy";
import {
  auditEntry,
  cancelTimers,
  type DeskLog,
  newId,
  personActor,
  scheduleAll,
  subjectOf,
  type UseCaseDeps,
} from "../desk/context";
import type { Desk } from "../desk/desk";
import { type BusinessCalendar, createBusinessCalendar } from "../kernel/calendar";
import type { Actor } from "../kernel/chat";
import { notifySubscribers } from "../parcels/use-cases";
import {
  type HoldExpectation,
  type Notifier,
  type Repositories,
  type Scheduler,
  type Store,
  type Timer,
  timer,
  timerId,
} from "../ports";
import type { SelfPickupHold } from "../ports/records";
import type { ParcelReturn } from "../ports/returns-records";
import {
  collectBy,
  collectedTransition,
  type HoldRefusal,
  holdTimeline,
  originMessagedTransition,
  originReplyTransition,
} from "./timeline";

/**
 * Self-pickup holds (自提 / 自取), SOP-37 and SOP-50..SOP-52: the parcel waits for its customer; the
 * origin is messaged after messageOriginAfter (hold-origin), the parcel returned returnAfterNoReply
 * after an unanswered message (hold-return). The timeline itself is timeline.ts's holdTimeline, the
 * two timers' handlers timers.ts, SOP-51's return itself held-return.ts (the stored rule values,
 * return-rule.ts).
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
export function holdPhone(deps: Pick<UseCaseDeps, "directory">, place: string): string {
  return (
    deps.directory.data.branchPoints.find((b) => b.name === place)?.phone ?? deps.directory.branch.hotline
  );
}

// ---------------------------------------------------------------------------------------------
// Opening a hold: the one way every hold starts (staff's markHeld, a SOP-37/SOP-35 problem note,
// a held_for_pickup scan of the ingest)

/** What opening a hold needs after the commit: the desk's deps, or the scan ingest's. */
export interface HoldOpeningDeps {
  store: Store;
  scheduler: Scheduler;
  policy: Policy;
  /** With a notifier and the directory (for the place's phone), followers are told; else nobody. */
  notifier?: Notifier | undefined;
  directory?: DirectoryIndex | undefined;
  calendar?: BusinessCalendar | undefined;
  log?: DeskLog | undefined;
}

export interface NewHold {
  id: string;
  trackingNo: string;
  place: string;
  originBranch: string | null;
  heldAt: Date;
}

/** The origin branch (SOP-50 messages it, SOP-52 marks the return for it), as the scans name it. */
export async function originBranchOf(repos: Pick<Repositories, "parcels">, trackingNo: string) {
  const parcel = await repos.parcels.get(trackingNo);
  return parcel?.scans.find((s) => s.originBranch)?.originBranch ?? null;
}

/**
 * Inserts the hold and its "hold.opened" audit row inside the caller's transaction. The store keeps
 * one open hold per parcel: a second one throws (and rolls the transaction back). After the
 * commit, the caller runs holdOpened.
 */
export async function createHold(
  tx: Pick<Repositories, "holds" | "audit">,
  input: NewHold,
  audit: { at: Date; actor: Actor; data?: Record<string, unknown> },
): Promise<SelfPickupHold> {
  const hold: SelfPickupHold = {
    ...input,
    originMessagedAt: null,
    originRepliedAt: null,
    markedForReturnAt: null,
    closedAt: null,
    closeReason: null,
  };
  await tx.holds.insert(hold);
  await tx.audit.append(
    auditEntry(audit.at, audit.actor, "hold.opened", subjectOf.hold(hold.id), {
      trackingNo: hold.trackingNo,
      place: hold.place,
      originBranch: hold.originBranch,
      heldAt: hold.heldAt.toISOString(),
      ...audit.data,
    }),
  );
  return hold;
}

/**
 * After the commit of createHold: SOP-50's timer (message the origin after messageOriginAfter), and
 * the parcel's followers told where to collect it and by when (notice.hold.ready). Neither fails
 * the caller: a timer that cannot be scheduled is logged and returned (the jobs' reconciliation
 * restores it), a notice is best effort.
 */
export async function holdOpened(
  deps: HoldOpeningDeps,
  hold: SelfPickupHold,
): Promise<{ timerFailure?: { timerId: string; error: unknown } }> {
  const out: { timerFailure?: { timerId: string; error: unknown } } = {};
  const next = holdTimer(deps, hold);
  if (next) {
    try {
      await deps.scheduler.schedule(next);
    } catch (error) {
      deps.log?.warn({ err: error, what: `schedule ${next.id}` }, "desk side effect failed after commit");
      out.timerFailure = { timerId: next.id, error };
    }
  }
  const { notifier, directory } = deps;
  if (notifier && directory) {
    const calendar = deps.calendar ?? createBusinessCalendar(deps.policy);
    const by = calendar.localDate(collectBy(hold, deps.policy));
    await notifySubscribers(
      { store: deps.store, notifier, log: deps.log, directory, policy: deps.policy, calendar },
      hold.trackingNo,
      "notice.hold.ready",
      () => ({
        trackingNo: hold.trackingNo,
        place: hold.place,
        phone: holdPhone({ directory }, hold.place),
        collectBy: by,
      }),
      hold.heldAt,
    );
  }
  return out;
}

/** SOP-53: asked before a parcel goes on hold: was the customer called (reached, or not)? */
export const CUSTOMER_CALLS = ["reached", "not_reached"] as const;
export type CustomerCall = (typeof CUSTOMER_CALLS)[number];

export async function markHeld(
  deps: UseCaseDeps,
  personId: string,
  trackingNo: string,
  place: string,
  customerCall?: CustomerCall,
): ReturnType<Desk["markHeld"]> {
  const where = place.trim();
  if (where === "") throw new Error("markHeld: a hold needs a place (a branch point or head office)");
  if (await deps.store.holds.openForParcel(trackingNo))
    return { ok: false, reason: "already_held", rule: "SOP-50" };
  // SOP-52 (and SOP-51): a parcel marked for return goes back the same day, not to a customer.
  const marked = await deps.store.returns.forParcel(trackingNo);
  if (marked) return markedForReturn(marked);

  const now = deps.clock.now();
  let hold: SelfPickupHold | ParcelReturn;
  try {
    hold = await deps.store.transaction(async (tx) => {
      // Read again in the transaction: a return recorded meanwhile wins, nothing is written.
      const meanwhile = await tx.returns.forParcel(trackingNo);
      if (meanwhile) return meanwhile;
      return createHold(
        tx,
        {
          id: newId(deps),
          trackingNo,
          place: where,
          originBranch: await originBranchOf(tx, trackingNo),
          heldAt: now,
        },
        {
          at: now,
          actor: personActor(personId),
          // SOP-53: the answer to "was the customer called?" is kept with the hold's opening.
          ...(customerCall ? { data: { customerCalled: customerCall, callRule: "SOP-53" } } : {}),
        },
      );
    });
  } catch (error) {
    // Two staff holding the same parcel at once: the store keeps one open hold per parcel.
    if (await deps.store.holds.openForParcel(trackingNo))
      return { ok: false, reason: "already_held", rule: "SOP-50" };
    throw error;
  }
  if (!("heldAt" in hold)) return markedForReturn(hold);
  await holdOpened(deps, hold);
  return { ok: true, hold };
}

/** The refusal for a parcel with a return recorded (SOP-51, SOP-52), with its waybill marking. */
function markedForReturn(r: ParcelReturn) {
  return { ok: false, reason: "marked_for_return", rule: r.rule, marking: r.marking } as const;
}

export async function markCollected(
  deps: UseCaseDeps,
  personId: string,
  trackingNo: string,
): ReturnType<Desk["markCollected"]> {
  const hold = await deps.store.holds.openForParcel(trackingNo);
  if (!hold) return { ok: false, reason: "not_held" };
  // SOP-52: a return recorded for the parcel (even if its hold was not marked) keeps it from the customer.
  if (await deps.store.returns.forParcel(trackingNo))
    return { ok: false, reason: "not_held", rule: "SOP-52" };
  const now = deps.clock.now();
  const rule = collectedTransition(hold, now);
  // Marked for return (SOP-51/52): it leaves the same day and is no longer the customer's to collect.
  if (!rule.ok)
    return { ok: false, reason: "not_held", rule: rule.reason === "marked_for_return" ? "SOP-52" : "SOP-50" };

  const closed = await deps.store.transaction(async (tx) => {
    // A return recorded meanwhile (SOP-52): nothing is written.
    if (await tx.returns.forParcel(trackingNo)) return "returned";
    // Compare and set: not once SOP-51's timer has marked it for return meanwhile.
    const updated = await tx.holds.updateOpen(
      hold.id,
      { closedAt: now, closeReason: "collected" },
      { markedForReturnAt: null },
    );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "hold.collected", subjectOf.hold(hold.id), { trackingNo }),
    );
    return updated;
  });
  if (closed === "returned") return { ok: false, reason: "not_held", rule: "SOP-52" };
  if (!closed) {
    const current = await deps.store.holds.get(hold.id);
    return current && !current.closedAt && current.markedForReturnAt
      ? { ok: false, reason: "not_held", rule: "SOP-52" }
      : { ok: false, reason: "not_held" };
  }
  await cancelTimers(deps, holdTimerIds(hold.id));
  return { ok: true, hold: closed };
}

function stepRefusal(reason: HoldRefusal): "closed" | "out_of_order" {
  return reason === "closed" ? "closed" : "out_of_order";
}

/** After a compare and set lost a race: closed meanwhile, or the step was recorded meanwhile. */
async function lostRace(deps: UseCaseDeps, holdId: string): Promise<"closed" | "out_of_order"> {
  const current = await deps.store.holds.get(holdId);
  return !current || current.closedAt ? "closed" : "out_of_order";
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
  const rule = originMessagedTransition(hold, now);
  if (!rule.ok) return { ok: false, reason: stepRefusal(rule.reason), rule: "SOP-50" };

  // Compare and set: of a double tap (or two agents) only one message is recorded.
  const expected: HoldExpectation = { originMessagedAt: null, markedForReturnAt: null };
  const updated = await deps.store.transaction(async (tx) => {
    const changed = await tx.holds.updateOpen(holdId, { originMessagedAt: now }, expected);
    if (!changed) return undefined;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "hold.origin_messaged", subjectOf.hold(holdId), {
        trackingNo: hold.trackingNo,
        originBranch: hold.originBranch,
      }),
    );
    return changed;
  });
  if (!updated) return { ok: false, reason: await lostRace(deps, holdId), rule: "SOP-50" };

  await cancelTimers(deps, [timerId("hold-origin", holdId)]);
  const next = holdTimer(deps, updated);
  if (next) await scheduleAll(deps, [next]);
  // SOP-51: the one who recorded it is answered by the flow (its reply has the "replied" button);
  // no notice repeats it to the same person.
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
  const rule = originReplyTransition(hold, now);
  if (!rule.ok) return { ok: false, reason: stepRefusal(rule.reason), rule: "SOP-51" };

  // Compare and set: not once SOP-51's timer has marked it for return, nor twice.
  const expected: HoldExpectation = { originRepliedAt: null, markedForReturnAt: null };
  const updated = await deps.store.transaction(async (tx) => {
    const changed = await tx.holds.updateOpen(holdId, { originRepliedAt: now }, expected);
    if (!changed) return undefined;
    await tx.audit.append(
      auditEntry(now, personActor(personId), "hold.origin_replied", subjectOf.hold(holdId), {
        trackingNo: hold.trackingNo,
      }),
    );
    return changed;
  });
  if (!updated) return { ok: false, reason: await lostRace(deps, holdId), rule: "SOP-51" };
  await cancelTimers(deps, [timerId("hold-return", holdId)]);
  return { ok: true, hold: updated };
}

export async function openHolds(deps: UseCaseDeps): Promise<SelfPickupHold[]> {
  return deps.store.holds.listOpen();
}

export async function holdFor(deps: UseCaseDeps, trackingNo: string): Promise<SelfPickupHold | undefined> {
  return deps.store.holds.openForParcel(trackingNo);
}
