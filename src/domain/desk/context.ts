import { hasRole, type Person, type Role } from "../config/directory";
import type { Actor, ChatRef, Language } from "../kernel/chat";
import { formatClock, formatLocalTime } from "../kernel/format";
import type { MessageKey, Params } from "../messages";
import type { Notice, NoticeAction, StaffPresence, Timer } from "../ports";
import type { AuditEntry } from "../ports/records";
import type { DeskDeps } from "./desk";

/**
 * What the use cases share: their dependencies, audit rows, the best-effort delivery of notices
 * and timers after a commit, who the staff audiences are, and the formatting of times for people.
 */

/** The part of a logger the desk uses (pino's Logger fits). */
export interface DeskLog {
  warn(obj: object, msg?: string): void;
}

export type UseCaseDeps = DeskDeps & {
  presence: StaffPresence;
  /** Where failed notices and timers after a commit are reported (they never fail the use case). */
  log?: DeskLog | undefined;
};

export function newId(deps: Pick<DeskDeps, "newId">): string {
  return deps.newId ? deps.newId() : crypto.randomUUID();
}

// ---------------------------------------------------------------------------------------------
// Audit

export const subjectOf = {
  query: (id: string) => `query/${id}`,
  pickup: (id: string) => `pickup/${id}`,
  hold: (id: string) => `hold/${id}`,
  return: (id: string) => `return/${id}`,
  parcel: (trackingNo: string) => `parcel/${trackingNo}`,
  staff: (personId: string) => `staff/${personId}`,
};

export const personActor = (personId: string): Actor => ({ kind: "person", personId });
export const customerActor = (chat: ChatRef): Actor => ({ kind: "customer", chat });
export const timerActor: Actor = { kind: "system", name: "timer" };

export function auditEntry(
  at: Date,
  actor: Actor,
  action: string,
  subject: string,
  data: Record<string, unknown> = {},
): AuditEntry {
  return { at, actor, action, subject, data };
}

// ---------------------------------------------------------------------------------------------
// After the commit: notices and timers, best effort

/**
 * Runs one side effect that follows a committed change. The change stands whatever happens here,
 * so a failure is logged and swallowed: the use case still reports success. A lost timer is
 * restored by the jobs' reconciliation (expectedTimers); a lost notice is covered by the timers
 * that follow (warn, due, reminders) and by the shift digests.
 */
export async function bestEffort(
  deps: Pick<UseCaseDeps, "log">,
  what: string,
  work: () => Promise<void>,
): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    deps.log?.warn({ err, what }, "desk side effect failed after commit");
    return false;
  }
}

export async function sendAll(
  deps: Pick<UseCaseDeps, "notifier" | "log">,
  notices: readonly Notice[],
): Promise<void> {
  for (const notice of notices) {
    await bestEffort(deps, `notify ${notice.key}`, () => deps.notifier.notify(notice));
  }
}

export async function scheduleAll(deps: UseCaseDeps, timers: readonly Timer[]): Promise<void> {
  for (const timer of timers) {
    await bestEffort(deps, `schedule ${timer.id}`, () => deps.scheduler.schedule(timer));
  }
}

export async function cancelTimers(deps: UseCaseDeps, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await bestEffort(deps, `cancel ${ids.join(",")}`, () => deps.scheduler.cancel(ids));
}

// ---------------------------------------------------------------------------------------------
// Timers (SOP.md's deadlines, run by the jobs): before anything is committed

/** Sends and lets a failure propagate: for a timer that has committed nothing yet (the job retries). */
export async function sendStrict(
  deps: Pick<UseCaseDeps, "notifier">,
  notices: readonly Notice[],
): Promise<void> {
  for (const notice of notices) await deps.notifier.notify(notice);
}

/**
 * When a timer's notice for staff must wait: the desk's next opening while it is closed (SOP-12
 * hours: nobody is woken), else undefined. Customer-facing replies never wait.
 */
export function closedUntil(deps: Pick<DeskDeps, "calendar">, now: Date): { deferUntil: Date } | undefined {
  return deps.calendar.isDeskOpen(now) ? undefined : { deferUntil: deps.calendar.nextOpening(now) };
}

// ---------------------------------------------------------------------------------------------
// Audiences

export function staffWithRole(deps: Pick<DeskDeps, "directory">, role: Role): Person[] {
  return deps.directory.withRole(role);
}

/**
 * SOP-14: the agents whose seat is available (not 示忙) right now. Presence lives in Redis; when it
 * cannot be read, nobody counts as available, so callers fall back to telling everyone.
 */
export async function availableAgents(deps: UseCaseDeps): Promise<Person[]> {
  let ids: Set<string>;
  try {
    ids = await deps.presence.availableIds();
  } catch (err) {
    deps.log?.warn({ err }, "staff presence unreadable: treating every seat as busy");
    ids = new Set();
  }
  return staffWithRole(deps, "agent").filter((p) => ids.has(p.id));
}

/** Available agents (SOP-14), else every agent. */
export async function agentsOnDuty(deps: UseCaseDeps): Promise<Person[]> {
  const available = await availableAgents(deps);
  return available.length > 0 ? available : staffWithRole(deps, "agent");
}

/** The duty leads; with none in the directory, the agents. */
export function supervisorsOrAgents(deps: Pick<DeskDeps, "directory">): Person[] {
  const leads = staffWithRole(deps, "supervisor");
  return leads.length > 0 ? leads : staffWithRole(deps, "agent");
}

/** People by id, each once, in the order first seen. */
export function uniquePeople(people: readonly Person[]): Person[] {
  const byId = new Map<string, Person>();
  for (const p of people) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()];
}

/** A notice to one person, its params rendered in that person's language. */
export function toPerson(
  person: Person,
  key: MessageKey,
  params: (language: Language) => Params,
  actions?: NoticeAction[],
): Notice {
  const notice: Notice = {
    to: { kind: "person", personId: person.id },
    key,
    params: params(person.language),
  };
  if (actions) notice.actions = actions;
  return notice;
}

export function toChat(chat: ChatRef, language: Language, key: MessageKey, params: Params): Notice {
  return { to: { kind: "chat", chat, language }, key, params };
}

// ---------------------------------------------------------------------------------------------
// Formatting for people: ../format is the one formatter; these are the use cases' names for it.

export { EXCERPT_MAX, excerpt, formatAge as ageText } from "../kernel/format";

/** "HH:MM" on the branch's clock. */
export function clockText(deps: Pick<DeskDeps, "calendar">, at: Date): string {
  return formatClock(at, deps.calendar);
}

export function dateText(deps: Pick<DeskDeps, "calendar">, at: Date): string {
  return deps.calendar.localDate(at);
}

/** "HH:MM" on the branch's clock; "MM-DD HH:MM" when it is not today's date. */
export function whenText(deps: Pick<DeskDeps, "calendar">, at: Date, now: Date): string {
  return formatLocalTime(at, { calendar: deps.calendar, now });
}

export { personLabel, pickupRef, queryRef } from "../kernel/format";

/** Thrown when a staff-only use case is called for someone without the role (the flows gate it). */
export class DeskPermissionError extends Error {
  override name = "DeskPermissionError";
}

/** The person, when they hold one of these roles; else a DeskPermissionError (a programming error). */
export function requirePerson(
  deps: Pick<UseCaseDeps, "directory">,
  personId: string,
  ...roles: Role[]
): Person {
  const person = deps.directory.person(personId);
  if (!person || !hasRole(person, ...roles)) {
    throw new DeskPermissionError(`${personId} is not one of ${roles.join(", ")}`);
  }
  return person;
}
