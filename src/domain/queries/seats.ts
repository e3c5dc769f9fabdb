import { hasRole } from "../config/directory";
import {
  auditEntry,
  personActor,
  sendAll,
  staffWithRole,
  subjectOf,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import type { Desk } from "../desk/desk";

/** The query seats (SOP-14): available or busy (示忙), and the one seat kept open late. */

/** The ids of the available seats, or undefined when presence cannot be read. */
async function availableIdsIfReadable(deps: UseCaseDeps): Promise<Set<string> | undefined> {
  try {
    return await deps.presence.availableIds();
  } catch (err) {
    deps.log?.warn({ err }, "staff presence unreadable");
    return undefined;
  }
}

/**
 * SOP-14: the seat is set available or busy (示忙). Presence is in flight (Redis), the audit row in
 * the store; going busy is told to the duty leads (supervisors). After oneSeatAfter (17:30) one
 * query seat stays open: an agent whose going busy leaves no agent available while the desk is
 * open closes the last seat (`lastSeat`), and the duty leads are told that instead.
 */
export async function setAvailability(
  deps: UseCaseDeps,
  personId: string,
  available: boolean,
): ReturnType<Desk["setAvailability"]> {
  const now = deps.clock.now();
  const person = deps.directory.person(personId);
  const oneSeatTime =
    !available &&
    person !== undefined &&
    hasRole(person, "agent") &&
    deps.calendar.isDeskOpen(now) &&
    deps.calendar.localMinutes(now) >= deps.policy.deskHours.oneSeatAfter.minutes;
  // Who held a seat before this change (read only when it can matter).
  const before = oneSeatTime ? await availableIdsIfReadable(deps) : undefined;

  await deps.presence.setAvailable(personId, available, now);
  await deps.store.audit.append(
    auditEntry(
      now,
      personActor(personId),
      available ? "staff.available" : "staff.busy",
      subjectOf.staff(personId),
    ),
  );
  if (available) return { lastSeat: false };

  const agents = staffWithRole(deps, "agent");
  // The last seat: this agent's was open, and no other agent's is.
  const lastSeat = before?.has(personId) ? !agents.some((a) => a.id !== personId && before.has(a.id)) : false;
  const leads = staffWithRole(deps, "supervisor").filter((p) => p.id !== personId);
  await sendAll(
    deps,
    leads.map((lead) =>
      toPerson(lead, lastSeat ? "notice.staff.lastSeat" : "notice.staff.busy", () => ({
        name: person?.name ?? personId,
        workNo: person?.workNo ?? "—",
        after: deps.policy.deskHours.oneSeatAfter.text,
      })),
    ),
  );
  return { lastSeat };
}

export async function isAvailable(deps: UseCaseDeps, personId: string): Promise<boolean> {
  return (await deps.presence.availableIds()).has(personId);
}
