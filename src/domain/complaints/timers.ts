import {
  auditEntry,
  bestEffort,
  closedUntil,
  sendAll,
  supervisorsOrAgents,
  timerActor,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import { complaintViewAction } from "../desk/notice-actions";
import type { TimerOutcome } from "../desk/timers";
import { addDuration } from "../kernel/duration";
import { t } from "../messages";
import { type Timer, timer } from "../ports";
import type { Complaint } from "../ports/claims-records";
import { complaintParams, complaintSubject, levelText, nextLevel } from "./rules";
import { toComplainer } from "./use-cases";

/**
 * SOP-82: a complaint nobody acted on within complaints.actWithin (24 h) at its level goes up one
 * (branch → region → head office). The level and the escalation are recorded in one transaction;
 * the duty leads are told (the region and head office are outside the bot: they take it from
 * there), and the customer hears it was passed on. Reaching head office with no action by the
 * branch is what SOP-82 penalises: the leads' notice says so.
 */

/** The timer an open complaint should have: its escalation, while there is a level above. */
export function complaintTimer(complaint: Complaint): Timer | undefined {
  if (complaint.closedAt || !complaint.escalateAt) return undefined;
  return timer("complaint-escalate", complaint.id, complaint.escalateAt);
}

export async function complaintEscalate(deps: UseCaseDeps, complaintId: string): Promise<TimerOutcome> {
  const c = await deps.store.complaints.get(complaintId);
  if (!c || c.closedAt || !c.escalateAt || c.actedAt) return "skipped";
  const to = nextLevel(c.level);
  if (!to) return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < c.escalateAt.getTime()) return { deferUntil: c.escalateAt };
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  const escalateAt = nextLevel(to)
    ? addDuration(now, deps.policy.complaints.actWithin, deps.policy.timezone)
    : null;
  const penalised = to === "head_office" && c.branchActedAt === null;
  const updated = await deps.store.transaction(async (tx) => {
    const next = await tx.complaints.updateOpen(
      c.id,
      { level: to, levelSince: now, actedAt: null, escalateAt },
      { level: c.level },
    );
    if (!next) return undefined;
    await tx.audit.append(
      auditEntry(now, timerActor, "complaint.escalated", complaintSubject(c.id), {
        rule: "SOP-82",
        from: c.level,
        to,
        penalised,
      }),
    );
    return next;
  });
  if (!updated) return "skipped"; // acted on, closed or escalated meanwhile
  await bestEffort(deps, "complaint escalation notices", () => notify(deps, updated, penalised, now));
  // The same timer runs again for the next level, if there is one.
  return updated.escalateAt ? { deferUntil: updated.escalateAt } : "done";
}

async function notify(deps: UseCaseDeps, complaint: Complaint, penalised: boolean, now: Date): Promise<void> {
  const leads = supervisorsOrAgents(deps).map((p) =>
    toPerson(
      p,
      "notice.complaint.escalated",
      (lang) => ({
        ...complaintParams(lang, complaint, now),
        penalty: penalised ? t(lang, "notice.complaint.penalty") : "",
      }),
      [complaintViewAction(complaint.id)],
    ),
  );
  const customer = toComplainer(complaint, "complaint.customer.escalated", {
    level: levelText(complaint.language, complaint.level),
  });
  await sendAll(deps, [...leads, ...customer]);
}
