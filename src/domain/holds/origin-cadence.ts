import type { DeskDeps } from "../desk/desk";
import type { BusinessCalendar } from "../kernel/calendar";
import { addDuration } from "../kernel/duration";

/**
 * SOP-50 (and the tracked messages of SOP-38 and SOP-45): a message to the origin branch that
 * nobody records as sent does not sit forever. The agents get it again at each desk morning; once
 * originMessage.escalateAfter (one day) has passed since it fell due, the supervisors get it too.
 */

type CadenceDeps = Pick<DeskDeps, "calendar" | "policy">;

/** The opening of the first desk day after `at`'s date: "the next desk morning". */
export function nextDeskMorning(calendar: BusinessCalendar, at: Date): Date {
  return calendar.opensAt(calendar.nextDeskDay(calendar.localDate(at)));
}

/** When the message goes to the supervisors too: escalateAfter after it fell due. */
function escalatesAt(deps: CadenceDeps, dueAt: Date): Date {
  return addDuration(dueAt, deps.policy.originMessage.escalateAfter, deps.policy.timezone);
}

/** Whether a run at `now` is the escalation (the supervisors are told as well as the agents). */
export function isEscalated(deps: CadenceDeps, dueAt: Date, now: Date): boolean {
  return now.getTime() >= escalatesAt(deps, dueAt).getTime();
}

/**
 * The first run's time: the due time itself when the desk is open then, else its next opening
 * (a notice for staff waits for the desk, SOP-12).
 */
function firstRunAt(deps: CadenceDeps, dueAt: Date): Date {
  return deps.calendar.nextOpening(dueAt);
}

/** Whether a run at `now` repeats the message (a desk morning after the first run). */
export function isRepeat(deps: CadenceDeps, dueAt: Date, now: Date): boolean {
  return now.getTime() >= nextDeskMorning(deps.calendar, firstRunAt(deps, dueAt)).getTime();
}

/** When to run again after a run at `now`: the next desk morning, or the escalation if it comes first. */
export function nextReminder(deps: CadenceDeps, dueAt: Date, now: Date): Date {
  const morning = nextDeskMorning(deps.calendar, now);
  const escalation = escalatesAt(deps, dueAt);
  return escalation.getTime() > now.getTime() && escalation.getTime() < morning.getTime()
    ? escalation
    : morning;
}
