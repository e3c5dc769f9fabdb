import { problemCategory, validateProblemNote } from "../problem-parcel";
import type { ProblemNote } from "../records";
import { auditEntry, newId, personActor, subjectOf, type UseCaseDeps } from "./context";
import type { Desk } from "./desk";
import { notifySubscribers } from "./parcels";

/**
 * Problem parcels (问题件), SOP-30..SOP-45. The validator decides (SOP-40 no reason, SOP-42 not a
 * reason at all, SOP-43 no return before a delivery scan); a refusal is a value and stores nothing.
 */
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
  await deps.store.transaction(async (tx) => {
    await tx.problems.insert(note);
    await tx.audit.append(
      auditEntry(now, personActor(personId), "problem.recorded", subjectOf.parcel(trackingNo), {
        noteId: note.id,
        category: note.category,
        rule: checked.rule,
        countsAsDelayed: note.countsAsDelayed,
        followUps: note.followUps,
      }),
    );
  });

  // Followers hear the category in their language; nothing about delay or blame (SOP-34 is internal).
  const spec = problemCategory(note.category);
  await notifySubscribers(deps, trackingNo, "notice.problem.noted", (lang) => ({
    trackingNo,
    category: spec ? spec.label[lang] : note.category,
    hotline: deps.directory.branch.hotline,
  }));
  return { ok: true, note, notes: checked.notes };
}
