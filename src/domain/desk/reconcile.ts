import { expectedAfterSalesTimers } from "../claims/expected";
import { expectedPushTimers } from "../following/push";
import { holdTimer } from "../holds/use-cases";
import {
  acceptTimer,
  MAX_REPINGS,
  pickupOpensAt,
  REPING_NOTE,
  reminderAt,
  UNACCEPTED,
} from "../pickups/pings";
import { type Timer, timer } from "../ports";
import type { PickupRequest } from "../ports/records";
import { originTaskTimer } from "../problems/origin-tasks";
import { branchAskTimer } from "../queries/branch-asks";
import { queryTimers } from "../queries/timers";
import type { UseCaseDeps } from "./context";

/** How many open items of each kind a reconciliation pass looks at. */
export const RECONCILE_LIMIT = 10_000;

/** Pickup events that are a ping (or start a courier's acceptWithin): the last one arms pickup-accept. */
const PING_EVENTS = new Set(["repinged", "assigned", "declined"]);

async function pickupTimer(deps: UseCaseDeps, pickup: PickupRequest, now: Date): Promise<Timer | undefined> {
  const opensAt = pickupOpensAt(deps, pickup);
  const events = await deps.store.pickups.events(pickup.id);
  let lastPing: Date | undefined;
  let repings = 0;
  for (const e of events) {
    if (PING_EVENTS.has(e.event) && (!lastPing || e.at.getTime() > lastPing.getTime())) lastPing = e.at;
    if (e.event === "repinged" && e.note === REPING_NOTE) repings++;
  }
  // requestPickup pings at once when the request came on or after its day's opening.
  if (!lastPing && pickup.createdAt.getTime() >= opensAt.getTime()) lastPing = pickup.createdAt;
  if (!lastPing) return timer("pickup-open", pickup.id, opensAt);
  const next = acceptTimer(deps, pickup.id, lastPing);
  // The reminders are over: all of them sent, or no room left on the pickup day (the morning
  // list carries it). The timer would do nothing.
  const runsAt = next.dueAt.getTime() > now.getTime() ? next.dueAt : now;
  if (repings >= MAX_REPINGS || !reminderAt(deps, pickup, runsAt)) return undefined;
  return next;
}

/**
 * The timers every open item should have now, from the stored state alone, so that the jobs can
 * restore what a crash (or a failed schedule after a commit) lost:
 * - an open query: query-warn (while its deadline is ahead) and query-due;
 * - an open hold: hold-origin or hold-return, whichever its timeline says is next (none once the
 *   origin replied or it is marked for return);
 * - a pickup not yet accepted: pickup-accept acceptWithin after its last ping (none once its
 *   MAX_REPINGS reminders are sent or its day is over), or pickup-open at its day's opening when
 *   it was never pinged.
 * A dueAt may be in the past. The handlers are safe to run again, but a timer that already ran
 * (a warning sent) would run twice: the reconciler should add only ids it has no record of.
 */
export async function expectedTimers(deps: UseCaseDeps): Promise<Timer[]> {
  const now = deps.clock.now();
  const out: Timer[] = [];
  for (const query of await deps.store.queries.listOpen(RECONCILE_LIMIT)) {
    const [warn, due] = queryTimers(deps, query);
    if (now.getTime() < query.dueAt.getTime()) out.push(warn);
    out.push(due);
  }
  for (const hold of await deps.store.holds.listOpen(RECONCILE_LIMIT)) {
    const next = holdTimer(deps, hold);
    if (next) out.push(next);
  }
  for (const pickup of await deps.store.pickups.listByStatus(UNACCEPTED, RECONCILE_LIMIT)) {
    const next = await pickupTimer(deps, pickup, now);
    if (next) out.push(next);
  }
  out.push(...(await expectedAfterSalesTimers(deps, now, RECONCILE_LIMIT))); // SOP-70..72, SOP-82
  // SOP-13: an open query to another branch has its reminder (seat-away lives with presence, not here).
  for (const ask of await deps.store.branchAsks.listOpen(RECONCILE_LIMIT)) out.push(branchAskTimer(ask));
  // SOP-38, SOP-45: an unsent message to the origin has its reminder.
  for (const task of await deps.store.originTasks.listOpen(RECONCILE_LIMIT))
    out.push(originTaskTimer(deps, task, now));
  out.push(...(await expectedPushTimers(deps, RECONCILE_LIMIT))); // issue 17
  return out;
}
