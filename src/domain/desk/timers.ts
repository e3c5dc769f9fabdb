import type { Person } from "../config/directory";
import { holdTimeline, markForReturn, waybillReturnMarking } from "../holds/timeline";
import { holdPhone } from "../holds/use-cases";
import { t } from "../messages";
import { notifySubscribers } from "../parcels/use-cases";
import {
  acceptTimer,
  MAX_REPINGS,
  pickupOpensAt,
  pingDispatch,
  REPING_NOTE,
  reminderAt,
  repingCount,
  UNACCEPTED,
} from "../pickups/use-cases";
import type { Notice, TimerKind } from "../ports";
import type { PickupRequest, Query, SelfPickupHold } from "../ports/records";
import {
  ageText,
  auditEntry,
  availableAgents,
  dateText,
  excerpt,
  personLabel,
  pickupRef,
  queryRef,
  scheduleAll,
  sendAll,
  staffWithRole,
  subjectOf,
  timerActor,
  toPerson,
  type UseCaseDeps,
  whenText,
} from "./context";
import { originMessagedAction, takeQueryAction } from "./notice-actions";

/**
 * The timers of SOP.md, as the job workers run them. Each handler re-reads the state first, so a
 * late, early or repeated timer does nothing wrong:
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

/** Staff notices wait for the desk to open (SOP-12); customer-facing replies never do. */
function closedUntil(deps: UseCaseDeps, now: Date): TimerOutcome | undefined {
  return deps.calendar.isDeskOpen(now) ? undefined : { deferUntil: deps.calendar.nextOpening(now) };
}

/** Sends and lets a failure propagate (nothing was committed: the job retries). */
async function sendStrict(deps: UseCaseDeps, notices: readonly Notice[]): Promise<void> {
  for (const notice of notices) await deps.notifier.notify(notice);
}

/** Available agents (SOP-14), else every agent. */
async function agentsOnDuty(deps: UseCaseDeps): Promise<Person[]> {
  const available = await availableAgents(deps);
  return available.length > 0 ? available : staffWithRole(deps, "agent");
}

/** The duty leads; with none in the directory, the agents. */
function supervisorsOrAgents(deps: UseCaseDeps): Person[] {
  const leads = staffWithRole(deps, "supervisor");
  return leads.length > 0 ? leads : staffWithRole(deps, "agent");
}

// ---------------------------------------------------------------------------------------------
// Queries (SOP-10, SOP-11)

async function findOpenQuery(deps: UseCaseDeps, id: string): Promise<Query | undefined> {
  const query = await deps.store.queries.get(id);
  return query?.status === "open" ? query : undefined;
}

/** warnBefore the deadline: the holder, or (nobody holds it) the available agents, else all agents. */
async function queryWarn(deps: UseCaseDeps, queryId: string): Promise<TimerOutcome> {
  const query = await findOpenQuery(deps, queryId);
  if (!query) return "skipped";
  const now = deps.clock.now();
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  const holder = query.assignee ? deps.directory.person(query.assignee) : undefined;
  const people = holder ? [holder] : await agentsOnDuty(deps);
  const actions = holder ? undefined : [takeQueryAction(query.id)];
  await sendStrict(
    deps,
    people.map((p) =>
      toPerson(
        p,
        "notice.query.warn",
        (lang) => ({
          ref: queryRef(query),
          due: whenText(deps, query.dueAt, now),
          holder: personLabel(deps, lang, query.assignee),
          excerpt: excerpt(query.text),
        }),
        actions,
      ),
    ),
  );
  return "done";
}

/** At the deadline: escalated to the duty leads, naming who holds it and how long it has waited. */
async function queryDue(deps: UseCaseDeps, queryId: string): Promise<TimerOutcome> {
  const query = await findOpenQuery(deps, queryId);
  if (!query) return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < query.dueAt.getTime()) return { deferUntil: query.dueAt };
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  await sendStrict(
    deps,
    supervisorsOrAgents(deps).map((p) =>
      toPerson(p, "notice.query.overdue", (lang) => ({
        ref: queryRef(query),
        age: ageText(lang, now.getTime() - query.createdAt.getTime()),
        due: whenText(deps, query.dueAt, now),
        holder: personLabel(deps, lang, query.assignee),
        excerpt: excerpt(query.text),
      })),
    ),
  );
  return "done";
}

// ---------------------------------------------------------------------------------------------
// Self-pickup holds (SOP-50, SOP-51, SOP-52)

async function findOpenHold(deps: UseCaseDeps, id: string): Promise<SelfPickupHold | undefined> {
  const hold = await deps.store.holds.get(id);
  return hold && !hold.closedAt ? hold : undefined;
}

/** SOP-50: not collected after messageOriginAfter: the agents message the origin branch. */
async function holdOrigin(deps: UseCaseDeps, holdId: string): Promise<TimerOutcome> {
  const hold = await findOpenHold(deps, holdId);
  const step = hold ? holdTimeline(hold, deps.policy) : null;
  if (!hold || step?.step !== "message_origin") return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < step.at.getTime()) return { deferUntil: step.at };
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  const origin = hold.originBranch ?? "—";
  // The message to paste into the network's message system is always in Chinese.
  const text = t("zh", "notice.hold.originText", {
    trackingNo: hold.trackingNo,
    since: dateText(deps, hold.heldAt),
    place: hold.place,
  });
  await sendStrict(
    deps,
    (await agentsOnDuty(deps)).map((p) =>
      toPerson(
        p,
        "notice.hold.messageOrigin",
        () => ({ trackingNo: hold.trackingNo, place: hold.place, origin, text }),
        [originMessagedAction(hold.id)],
      ),
    ),
  );
  await notifySubscribers(deps, hold.trackingNo, "notice.hold.reminder", () => ({
    trackingNo: hold.trackingNo,
    place: hold.place,
    phone: holdPhone(deps, hold.place),
  }));
  return "done";
}

/** SOP-51: no answer returnAfterNoReply after the message: marked for return, "退回 XX公司" (SOP-52). */
async function holdReturn(deps: UseCaseDeps, holdId: string): Promise<TimerOutcome> {
  const hold = await findOpenHold(deps, holdId);
  const step = hold ? holdTimeline(hold, deps.policy) : null;
  if (!hold || step?.step !== "return") return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < step.at.getTime()) return { deferUntil: step.at };
  const closed = closedUntil(deps, now);
  if (closed) return closed;
  if (!markForReturn(hold, now, deps.policy).ok) return "skipped";

  const marking = waybillReturnMarking(hold.originBranch);
  const marked = await deps.store.transaction(async (tx) => {
    // Compare and set: not if the origin replied (or it was marked) since the hold was read.
    const updated = await tx.holds.updateOpen(
      hold.id,
      { markedForReturnAt: now },
      { originRepliedAt: null, markedForReturnAt: null },
    );
    if (!updated) return undefined;
    await tx.audit.append(
      auditEntry(now, timerActor, "hold.marked_for_return", subjectOf.hold(hold.id), {
        trackingNo: hold.trackingNo,
        rule: "SOP-51",
        marking,
      }),
    );
    return updated;
  });
  if (!marked) return "skipped";

  const messagedAt = hold.originMessagedAt ?? hold.heldAt;
  await sendAll(
    deps,
    (await agentsOnDuty(deps)).map((p) =>
      toPerson(p, "notice.hold.return", (lang) => ({
        trackingNo: hold.trackingNo,
        place: hold.place,
        waited: ageText(lang, now.getTime() - messagedAt.getTime()),
        marking,
      })),
    ),
  );
  await notifySubscribers(deps, hold.trackingNo, "notice.hold.returning", () => ({
    trackingNo: hold.trackingNo,
    hotline: deps.directory.branch.hotline,
  }));
  return "done";
}

// ---------------------------------------------------------------------------------------------
// Pickups (SOP-20, SOP-22)

async function unacceptedPickup(deps: UseCaseDeps, id: string): Promise<PickupRequest | undefined> {
  const pickup = await deps.store.pickups.get(id);
  return pickup && UNACCEPTED.includes(pickup.status) ? pickup : undefined;
}

/** Records the repeat ping (the reconciliation reads it as the last ping) with its audit row. */
async function recordPing(deps: UseCaseDeps, pickup: PickupRequest, now: Date, why: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.pickups.addEvent({
      pickupId: pickup.id,
      at: now,
      event: "repinged",
      actor: timerActor,
      note: why,
    });
    await tx.audit.append(
      auditEntry(now, timerActor, "pickup.repinged", subjectOf.pickup(pickup.id), { why }),
    );
  });
}

/**
 * Nobody accepted within acceptWithin: dispatch (and the courier) pinged again and the timer
 * re-armed, at most MAX_REPINGS times and only during the pickup day. The last re-ping (the
 * MAX_REPINGS-th, or the last one the pickup day leaves room for) escalates once to the duty
 * leads; after it the timer stops. A pickup whose day is over is left to the morning list (SOP-14).
 */
async function pickupAccept(deps: UseCaseDeps, pickupId: string): Promise<TimerOutcome> {
  const pickup = await unacceptedPickup(deps, pickupId);
  if (!pickup) return "skipped";
  const now = deps.clock.now();
  const when = reminderAt(deps, pickup, now);
  if (!when) return "skipped"; // the pickup day is over (or the desk opens again only after it)
  if (when.getTime() > now.getTime()) return { deferUntil: when };
  const pings = await repingCount(deps, pickup.id);
  if (pings >= MAX_REPINGS) return "skipped";

  await recordPing(deps, pickup, now, REPING_NOTE);
  await pingDispatch(deps, pickup, { repeat: true });
  const next = acceptTimer(deps, pickup.id, now).dueAt;
  const last = pings + 1 >= MAX_REPINGS || reminderAt(deps, pickup, next) === undefined;
  if (!last) return { deferUntil: next };

  const courier = pickup.courierId ? personLabel(deps, "zh", pickup.courierId) : undefined;
  await sendAll(
    deps,
    supervisorsOrAgents(deps).map((p) =>
      toPerson(p, "notice.pickup.unaccepted", (lang) => ({
        ref: pickupRef(pickup),
        address: pickup.address,
        age: ageText(lang, now.getTime() - pickup.createdAt.getTime()),
        pings: pings + 1,
        status: courier ? t(lang, "pickupStatus.assignedTo", { courier }) : t(lang, "pickupStatus.requested"),
      })),
    ),
  );
  return "done";
}

/** SOP-22: a pickup for a later day (or before opening) is pinged when its day opens. */
async function pickupOpen(deps: UseCaseDeps, pickupId: string): Promise<TimerOutcome> {
  const pickup = await unacceptedPickup(deps, pickupId);
  if (!pickup) return "skipped";
  const now = deps.clock.now();
  const opensAt = pickupOpensAt(deps, pickup);
  if (now.getTime() < opensAt.getTime()) return { deferUntil: opensAt };
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  await recordPing(deps, pickup, now, "day_opened");
  await pingDispatch(deps, pickup, { repeat: false });
  await scheduleAll(deps, [acceptTimer(deps, pickup.id, now)]);
  return "done";
}

// The jobs reconcile timers beside running them.
export { expectedTimers } from "./reconcile";
