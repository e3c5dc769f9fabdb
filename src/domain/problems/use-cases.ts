import { auditEntry, newId, personActor, subjectOf, type UseCaseDeps } from "../desk/context";
import type { Desk } from "../desk/desk";
import { pushProblemNote } from "../following/push";
import { HEAD_OFFICE_VALUE, holdPlace } from "../holds/timeline";
import { createHold, holdOpened, originBranchOf } from "../holds/use-cases";
import type { ProblemNote, SelfPickupHold } from "../ports/records";
import type { ParcelReturn } from "../ports/returns-records";
import { insertOriginTask, originTaskFor, originTaskOpened } from "./origin-tasks";
import { problemCategory } from "./taxonomy";
import { notAProblemReason, validateProblemNote } from "./validation";

/**
 * Problem parcels (问题件), SOP-30..SOP-45. The validator decides (SOP-40 no reason, SOP-42 not a
 * reason at all, SOP-43 no return before a delivery scan); a refusal is a value and stores nothing.
 */

/**
 * What is refused before any question is asked: a parcel nothing is known of, a category that is
 * none (SOP-40) or is no reason (SOP-42), a return before the zone's delivery scan (SOP-43).
 */
export async function problemPrecheck(
  deps: UseCaseDeps,
  trackingNo: string,
  category: string,
): ReturnType<Desk["problemPrecheck"]> {
  const spec = problemCategory(category);
  if (!spec) {
    return notAProblemReason(category)
      ? { ok: false, reason: "not_a_problem_reason", rule: "SOP-42" }
      : { ok: false, reason: "unknown_category", rule: "SOP-40" };
  }
  if (!(await deps.store.parcels.get(trackingNo, 1))) return { ok: false, reason: "unknown_parcel" };
  if (spec.code === "return" && !(await deps.store.parcels.hasDeliveryScan(trackingNo)))
    return { ok: false, reason: "no_delivery_scan", rule: "SOP-43" };
  return { ok: true };
}

/** Where the customer collects a parcel whose note starts a hold: the note's place, else head office. */
function notePlace(details: Record<string, string>): string {
  const place = details.place?.trim();
  return holdPlace(place ? place : HEAD_OFFICE_VALUE);
}

export async function recordProblem(
  deps: UseCaseDeps,
  personId: string,
  trackingNo: string,
  input: { category: string; details: Record<string, unknown> },
): ReturnType<Desk["recordProblem"]> {
  const now = deps.clock.now();
  const checked = validateProblemNote(input, {
    now,
    timeZone: deps.policy.timezone,
    hasDeliveryScan: await deps.store.parcels.hasDeliveryScan(trackingNo),
    branchPoints: deps.directory.data.branchPoints.map((b) => b.name),
  });
  if (!checked.ok) {
    return {
      ok: false,
      rule: checked.rule,
      reason: checked.reason,
      issues: checked.invalid,
      missing: checked.missing,
    };
  }

  const note: ProblemNote = {
    id: newId(deps),
    trackingNo,
    category: checked.category,
    details: checked.details,
    // SOP-34: "no invoice" is recorded but the parcel counts as delayed all the same (internal only).
    countsAsDelayed: checked.countsAsDelayed,
    followUps: checked.followUps,
    recordedBy: personId,
    recordedAt: now,
  };
  // SOP-37 (self-pickup), SOP-35 (the customer will collect): the customer is to collect, so the
  // hold's clock starts with the note, in the same transaction: never a note without its hold.
  const startsHold = note.followUps.includes("start_hold");
  const actor = personActor(personId);
  const store = () =>
    deps.store.transaction(async (tx) => {
      let hold: SelfPickupHold | undefined;
      let alreadyHeld: SelfPickupHold | undefined;
      let markedForReturn: ParcelReturn | undefined;
      if (startsHold) {
        alreadyHeld = await tx.holds.openForParcel(trackingNo);
        // A parcel marked for return (holds/, returns/) goes back; it is never put out for the customer.
        markedForReturn = alreadyHeld ? undefined : await tx.returns.forParcel(trackingNo);
        if (!alreadyHeld && !markedForReturn) {
          hold = await createHold(
            tx,
            {
              id: newId(deps),
              trackingNo,
              place: notePlace(checked.details),
              originBranch: await originBranchOf(tx, trackingNo),
              heldAt: now,
            },
            { at: now, actor, data: { noteId: note.id, rule: checked.rule } },
          );
        }
      }
      await tx.problems.insert(note);
      // SOP-38, SOP-45: the message to the origin becomes a tracked task, with the note or not at all.
      const originTask = originTaskFor(deps, note, await originBranchOf(tx, trackingNo));
      if (originTask) await insertOriginTask(tx, originTask, personId);
      await tx.audit.append(
        auditEntry(now, actor, "problem.recorded", subjectOf.parcel(trackingNo), {
          noteId: note.id,
          category: note.category,
          rule: checked.rule,
          countsAsDelayed: note.countsAsDelayed,
          followUps: note.followUps,
          ...(hold ? { holdId: hold.id } : {}),
        }),
      );
      return { hold, alreadyHeld, markedForReturn, originTask };
    });

  let stored: Awaited<ReturnType<typeof store>>;
  try {
    stored = await store();
  } catch (error) {
    // Someone held the parcel at the same moment (one open hold per parcel): the note joins it.
    if (!startsHold || !(await deps.store.holds.openForParcel(trackingNo))) throw error;
    stored = await store();
  }

  // Followers hear of it in their words, with a person to talk to (issue 17); nothing about delay or
  // blame (SOP-34 is internal). A note that holds the parcel tells them where to collect it instead.
  if (!stored.hold) await pushProblemNote(deps, trackingNo, note.category, actor);
  if (stored.hold) await holdOpened(deps, stored.hold);
  if (stored.originTask) await originTaskOpened(deps, stored.originTask);

  const result: Awaited<ReturnType<Desk["recordProblem"]>> = { ok: true, note, notes: checked.notes };
  if (stored.hold) result.hold = stored.hold;
  if (stored.alreadyHeld) result.alreadyHeld = stored.alreadyHeld;
  if (stored.markedForReturn) result.markedForReturn = stored.markedForReturn;
  return result;
}
