import { hasRole, type Person } from "../config/directory";
import {
  ageText,
  auditEntry,
  cancelTimers,
  personActor,
  requirePerson,
  scheduleAll,
  sendAll,
  sendStrict,
  staffWithRole,
  subjectOf,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Done, Refused } from "../desk/desk";
import { approveBusyAction } from "../desk/notice-actions";
import type { TimerOutcome } from "../desk/timers";
import type { Language } from "../kernel/chat";
import { addDuration, durationMs } from "../kernel/duration";
import { formatLocalTime } from "../kernel/format";
import { type Timer, timer, timerId } from "../ports";
import type { AuditEntry } from "../ports/records";

/**
 * The query seats (SOP-14): available or busy (示忙), and the one seat kept open late.
 * - Going busy is told to the duty leads (supervisors) only when the agent stays busy longer than
 *   deskHours.awayNoticeAfter (5 minutes): a `seat-away` timer re-checks the seat then, and does
 *   nothing if the agent came back (or went busy again later: the timer moved with them).
 * - After deskHours.oneSeatAfter (17:30), while the desk is open, the last available agent cannot
 *   go busy on their own: the request is refused and goes to the duty leads with an "approve"
 *   button (approveBusy); a supervisor's say-so sets the seat busy.
 */

/** The audit actions of the seats (the seat-away timer and the approve button read them back). */
export const SEAT_AUDIT = {
  available: "staff.available",
  busy: "staff.busy",
  busyAsked: "staff.busy_asked",
} as const;

/** `last_seat_asked`: the duty leads were asked already today and have not answered (no second card). */
export type SeatChange =
  | Done<{ lastSeat: boolean }>
  | Refused<"last_seat" | "last_seat_asked" | "last_seat_no_lead">;

export type ApproveBusyResult = Done<{ agent: Person }> | Refused<"not_found" | "already_busy" | "not_asked">;

/** The ids of the available seats, or undefined when presence cannot be read. */
async function availableIdsIfReadable(deps: UseCaseDeps): Promise<Set<string> | undefined> {
  try {
    return await deps.presence.availableIds();
  } catch (err) {
    deps.log?.warn({ err }, "staff presence unreadable");
    return undefined;
  }
}

/** After oneSeatAfter (17:30) while the desk is open: SOP-14's one seat must stay open. */
function oneSeatTime(deps: UseCaseDeps, now: Date): boolean {
  return (
    deps.calendar.isDeskOpen(now) &&
    deps.calendar.localMinutes(now) >= deps.policy.deskHours.oneSeatAfter.minutes
  );
}

/** Whether this agent's seat is the last available one (false when presence cannot be read). */
async function holdsLastSeat(deps: UseCaseDeps, personId: string): Promise<boolean> {
  const before = await availableIdsIfReadable(deps);
  if (!before?.has(personId)) return false;
  return !staffWithRole(deps, "agent").some((a) => a.id !== personId && before.has(a.id));
}

export const seatAwayTimerId = (personId: string): string => timerId("seat-away", personId);

function awayTimer(deps: UseCaseDeps, personId: string, busySince: Date): Timer {
  const at = addDuration(busySince, deps.policy.deskHours.awayNoticeAfter, deps.policy.timezone);
  return timer("seat-away", personId, at);
}

/** The seat set (presence) and its audit row, one transaction for the row. */
async function writeSeat(
  deps: UseCaseDeps,
  personId: string,
  available: boolean,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<void> {
  await deps.presence.setAvailable(personId, available, now);
  await deps.store.transaction((tx) =>
    tx.audit.append(
      auditEntry(
        now,
        personActor(personId),
        available ? SEAT_AUDIT.available : SEAT_AUDIT.busy,
        subjectOf.staff(personId),
        data,
      ),
    ),
  );
}

function leadParams(deps: UseCaseDeps, person: Person | undefined, personId: string) {
  return (_lang: Language) => ({
    name: person?.name ?? personId,
    workNo: person?.workNo ?? "—",
    time: deps.policy.deskHours.oneSeatAfter.text,
    after: deps.policy.deskHours.oneSeatAfter.text,
  });
}

/**
 * SOP-14: the seat is set available or busy (示忙). Presence is in flight (Redis), the audit row in
 * the store. Going busy arms the away timer (the duty leads hear of it only after
 * awayNoticeAfter); coming back cancels it. After oneSeatAfter the last open seat is refused
 * (`last_seat`) unless the person is a supervisor themselves; the duty leads are asked instead.
 */
export async function setAvailability(
  deps: UseCaseDeps,
  personId: string,
  available: boolean,
): Promise<SeatChange> {
  const now = deps.clock.now();
  const person = deps.directory.person(personId);
  if (available) {
    await writeSeat(deps, personId, true, now);
    await cancelTimers(deps, [seatAwayTimerId(personId)]);
    return { ok: true, lastSeat: false };
  }

  const isAgent = person !== undefined && hasRole(person, "agent");
  const lastSeat = isAgent && oneSeatTime(deps, now) && (await holdsLastSeat(deps, personId));
  const ownSaySo = person !== undefined && hasRole(person, "supervisor");
  const leads = staffWithRole(deps, "supervisor").filter((p) => p.id !== personId);
  if (lastSeat && !ownSaySo) return askLeads(deps, personId, person, leads, now);

  await writeSeat(deps, personId, false, now, lastSeat ? { lastSeat: true } : {});
  if (isAgent) await scheduleAll(deps, [awayTimer(deps, personId, now)]);
  if (lastSeat) {
    // A supervisor who is also an agent closed the last seat on their own say-so: the other leads hear.
    await sendAll(
      deps,
      leads.map((lead) => toPerson(lead, "notice.staff.lastSeat", leadParams(deps, person, personId))),
    );
  }
  return { ok: true, lastSeat };
}

/** The last open seat asks to go busy: refused, recorded, and put to the duty leads (SOP-14). */
async function askLeads(
  deps: UseCaseDeps,
  personId: string,
  person: Person | undefined,
  leads: Person[],
  now: Date,
): Promise<SeatChange> {
  if (leads.length === 0) return { ok: false, reason: "last_seat_no_lead", rule: "SOP-14" };
  // SOP-14: a second /busy while today's request still waits sends the leads no second card.
  const today = deps.calendar.localDate(now);
  const asked = await deps.store.transaction(async (tx) => {
    const rows = await tx.audit.list({ subject: subjectOf.staff(personId), limit: 20 });
    const last = rows.find((row) => (Object.values(SEAT_AUDIT) as string[]).includes(row.action));
    if (last?.action === SEAT_AUDIT.busyAsked && deps.calendar.localDate(last.at) === today) return true;
    await tx.audit.append(
      auditEntry(now, personActor(personId), SEAT_AUDIT.busyAsked, subjectOf.staff(personId)),
    );
    return false;
  });
  if (asked) return { ok: false, reason: "last_seat_asked", rule: "SOP-14" };
  await sendAll(
    deps,
    leads.map((lead) =>
      toPerson(lead, "seat.notice.askBusy", leadParams(deps, person, personId), [
        approveBusyAction(personId),
      ]),
    ),
  );
  return { ok: false, reason: "last_seat", rule: "SOP-14" };
}

/**
 * SOP-14: a duty lead's say-so: the agent's seat is set busy (the audit row names the lead), and
 * the agent is told. An agent busy already (pressed twice, or they stayed busy) changes nothing.
 */
export async function approveBusy(
  deps: UseCaseDeps,
  leadId: string,
  agentId: string,
): Promise<ApproveBusyResult> {
  const lead = requirePerson(deps, leadId, "supervisor");
  const agent = deps.directory.person(agentId);
  if (!agent || !hasRole(agent, "agent")) return { ok: false, reason: "not_found" };
  if (!(await isAvailable(deps, agentId))) return { ok: false, reason: "already_busy" };
  // The button answers one request: the agent's last seat change since must still be that request,
  // made today (yesterday's button pressed this morning would close a seat nobody asked to close).
  const now = deps.clock.now();
  const asked = await lastSeatRow(deps, agentId);
  const today = deps.calendar.localDate(now);
  if (asked?.action !== SEAT_AUDIT.busyAsked || deps.calendar.localDate(asked.at) !== today)
    return { ok: false, reason: "not_asked" };

  await deps.presence.setAvailable(agentId, false, now);
  await deps.store.transaction((tx) =>
    tx.audit.append(
      auditEntry(now, personActor(leadId), SEAT_AUDIT.busy, subjectOf.staff(agentId), { approvedBy: leadId }),
    ),
  );
  await sendAll(deps, [toPerson(agent, "seat.approved.toAgent", () => ({ lead: lead.name }))]);
  return { ok: true, agent };
}

/** The person's latest seat audit row of these actions (default: every seat action), if any. */
async function lastSeatRow(
  deps: UseCaseDeps,
  personId: string,
  actions: readonly string[] = Object.values(SEAT_AUDIT),
): Promise<AuditEntry | undefined> {
  const rows = await deps.store.audit.list({ subject: subjectOf.staff(personId), limit: 20 });
  return rows.find((row) => actions.includes(row.action));
}

export async function isAvailable(deps: UseCaseDeps, personId: string): Promise<boolean> {
  return (await deps.presence.availableIds()).has(personId);
}

/**
 * The `seat-away` timer (SOP-14): the agent is still busy awayNoticeAfter after going busy, so the
 * duty leads are told. Re-checked from the state: back (available), busy since later (the timer
 * fired early: deferred), approved by a lead, or the desk closed: nothing is sent.
 */
export async function seatAway(deps: UseCaseDeps, personId: string): Promise<TimerOutcome> {
  const person = deps.directory.person(personId);
  if (!person || !hasRole(person, "agent")) return "skipped";
  if (await isAvailable(deps, personId)) return "skipped";
  const last = await lastSeatRow(deps, personId, [SEAT_AUDIT.available, SEAT_AUDIT.busy]);
  // Back meanwhile, or set busy by a lead's say-so (the lead knows already).
  if (last?.action !== SEAT_AUDIT.busy || last.data.approvedBy !== undefined) return "skipped";
  const now = deps.clock.now();
  const due = awayTimer(deps, personId, last.at).dueAt;
  if (now.getTime() < due.getTime()) return { deferUntil: due };
  // The desk closed: leaving the seat at closing is no absence to report.
  if (!deps.calendar.isDeskOpen(now)) return "skipped";

  const leads = staffWithRole(deps, "supervisor").filter((p) => p.id !== personId);
  const awayMs = durationMs(last.at, deps.policy.deskHours.awayNoticeAfter, deps.policy.timezone);
  await sendStrict(
    deps,
    leads.map((lead) =>
      toPerson(lead, "seat.notice.away", (lang) => ({
        name: person.name,
        workNo: person.workNo ?? "—",
        after: ageText(lang, awayMs),
        since: formatLocalTime(last.at, { calendar: deps.calendar, now }),
      })),
    ),
  );
  return "done";
}

/** SOP-14's use case beside setAvailability on the Desk (desk.ts extends this). */
export interface SeatsDesk {
  /** A duty lead lets an agent's seat go busy (the last open seat after oneSeatAfter). */
  approveBusy(leadId: string, agentId: string): Promise<ApproveBusyResult>;
}

export function seatsDesk(deps: UseCaseDeps): SeatsDesk {
  return { approveBusy: (leadId, agentId) => approveBusy(deps, leadId, agentId) };
}
