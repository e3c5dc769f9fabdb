import { holdOrigin, holdReturn } from "../holds/timers";
import { pickupAccept, pickupOpen } from "../pickups/timers";
import type { TimerKind } from "../ports";
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
  }
}
