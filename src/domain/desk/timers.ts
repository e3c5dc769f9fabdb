import { claimDue, claimWarn } from "../claims/timers";
import { complaintEscalate } from "../complaints/timers";
import { directoryAnnounceDue } from "../config/directory-changes";
import { followPushTimer } from "../following/push";
import { holdOrigin, holdReturn } from "../holds/timers";
import { pickupAccept, pickupOpen } from "../pickups/timers";
import type { TimerKind } from "../ports";
import { originTaskReminder } from "../problems/origin-tasks";
import { branchAskDue } from "../queries/branch-asks";
import { seatAway } from "../queries/seats";
import { queryDue, queryWarn } from "../queries/timers";
import type { UseCaseDeps } from "./context";

/**
 * The timers of SOP.md, as the job workers run them; each area handles its own (queries/timers.ts,
 * holds/timers.ts, pickups/timers.ts). Each handler re-reads the state first, so a late, early or
 * repeated timer does nothing wrong:
 * - "skipped": the subject is resolved or gone (answered, collected, accepted…); nothing was done.
 * - "done": the timer did its work.
 * - `{deferUntil}`: run this same timer again at that instant (the worker re-delays the job). Used
 *   when a notice for staff would go out while the desk is closed (SOP-12 hours: nobody is woken),
 *   when a timer fires before its subject's due time, and by pickup-accept to re-arm itself
 *   acceptWithin after each repeat ping (a timer that schedules its own id while it runs would
 *   race its own completion in a job queue).
 *
 * Notices: a handler that has changed nothing yet lets a Notifier failure propagate, so the job is
 * retried; after a commit (hold-return, pickup-*), notices are best effort like the desk's own.
 */
export type TimerOutcome = "done" | "skipped" | { deferUntil: Date };

export interface TimerInput {
  kind: TimerKind;
  subjectId: string;
}

export async function handleTimer(deps: UseCaseDeps, input: TimerInput): Promise<TimerOutcome> {
  switch (input.kind) {
    case "query-warn":
      return queryWarn(deps, input.subjectId);
    case "query-due":
      return queryDue(deps, input.subjectId);
    case "hold-origin":
      return holdOrigin(deps, input.subjectId);
    case "hold-return":
      return holdReturn(deps, input.subjectId);
    case "pickup-accept":
      return pickupAccept(deps, input.subjectId);
    case "pickup-open":
      return pickupOpen(deps, input.subjectId);
    case "follow-push": // issue 17: pushes to parcels' followers
      return followPushTimer(deps, input.subjectId);
    case "origin-task": // SOP-38, SOP-45
      return originTaskReminder(deps, input.subjectId);
    case "claim-warn": // SOP-70, SOP-71
      return claimWarn(deps, input.subjectId);
    case "claim-due": // SOP-70..SOP-72
      return claimDue(deps, input.subjectId);
    case "complaint-escalate": // SOP-82
      return complaintEscalate(deps, input.subjectId);
    case "seat-away": // SOP-14
      return seatAway(deps, input.subjectId);
    case "branch-ask-due": // SOP-13, SOP-11
      return branchAskDue(deps, input.subjectId);
    case "directory-announce": // SOP-25
      return directoryAnnounceDue(deps, input.subjectId);
  }
}
