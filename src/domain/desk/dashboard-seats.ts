import type { DirectoryIndex } from "../config/directory";
import type { DashboardReads } from "../ports";
import { subjectOf } from "./context";

/**
 * SOP-14 seats on the duty lead's dashboard. Presence (Redis) holds only the available seats, so a
 * missing seat is busy (示忙) for someone who ever set theirs, and "not signed in" (未上线) for
 * someone who never did: no staff.available / staff.busy audit row (what setAvailability writes).
 */

export type SeatState = "available" | "busy" | "not_signed_in" | "unknown";

/** The audit actions of setting a seat (domain/queries/seats.ts setAvailability). */
export const SEAT_ACTIONS = ["staff.available", "staff.busy"] as const;

export interface SeatAgent {
  id: string;
  name: string;
  workNo: string | null;
  /** Available now; null when presence cannot be read. */
  available: boolean | null;
  seat: SeatState;
}

export interface SeatRows {
  /** Ids of the available seats; undefined when presence cannot be read. */
  available: Set<string> | undefined;
  /** Ids of the people who ever set their seat; undefined when not known (then a missing seat is busy). */
  everSet?: Set<string> | undefined;
}

export function seatState(personId: string, rows: SeatRows): SeatState {
  if (!rows.available) return "unknown";
  if (rows.available.has(personId)) return "available";
  return rows.everSet && !rows.everSet.has(personId) ? "not_signed_in" : "busy";
}

export function seatsOf(
  rows: SeatRows,
  directory: Pick<DirectoryIndex, "withRole">,
): { presenceKnown: boolean; agents: SeatAgent[] } {
  const agents = directory.withRole("agent").map((person) => ({
    id: person.id,
    name: person.name,
    workNo: person.workNo ?? null,
    available: rows.available ? rows.available.has(person.id) : null,
    seat: seatState(person.id, rows),
  }));
  return { presenceKnown: rows.available !== undefined, agents };
}

/** Which agents ever set their seat, where the store can tell (undefined otherwise, or on a failed read). */
export async function agentsEverSeated(
  reads: Pick<DashboardReads, "auditedSubjects">,
  directory: Pick<DirectoryIndex, "withRole">,
): Promise<Set<string> | undefined> {
  if (!reads.auditedSubjects) return undefined;
  const ids = directory.withRole("agent").map((p) => p.id);
  const subjects = await reads.auditedSubjects(ids.map(subjectOf.staff), SEAT_ACTIONS).catch(() => undefined);
  return subjects && new Set(ids.filter((id) => subjects.has(subjectOf.staff(id))));
}
