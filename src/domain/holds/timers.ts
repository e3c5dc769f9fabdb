import {
  agentsOnDuty,
  closedUntil,
  dateText,
  sendStrict,
  supervisorsOrAgents,
  timerActor,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import { originMessagedAction } from "../desk/notice-actions";
import type { TimerOutcome } from "../desk/timers";
import { t } from "../messages";
import { notifySubscribers } from "../parcels/use-cases";
import type { Notice } from "../ports";
import type { SelfPickupHold } from "../ports/records";
import { needsDeliveryScanNotices, returnHeldParcel } from "./held-return";
import { isEscalated, isRepeat, nextDeskMorning, nextReminder } from "./origin-cadence";
import { holdTimeline } from "./timeline";
import { holdPhone } from "./use-cases";

/** A hold's two timers (SOP-50, SOP-51), each re-reading the hold and its timeline first. */

async function findOpenHold(deps: UseCaseDeps, id: string): Promise<SelfPickupHold | undefined> {
  const hold = await deps.store.holds.get(id);
  return hold && !hold.closedAt ? hold : undefined;
}

/**
 * SOP-50: not collected after messageOriginAfter: the agents message the origin branch, with the
 * text ready to paste and a button to record it sent. Until someone records it (which cancels this
 * timer), the same timer comes back each desk morning with the task again, and once
 * originMessage.escalateAfter has passed it goes to the supervisors too. The customer is reminded
 * once, on the first run.
 */
export async function holdOrigin(deps: UseCaseDeps, holdId: string): Promise<TimerOutcome> {
  const hold = await findOpenHold(deps, holdId);
  const step = hold ? holdTimeline(hold, deps.policy) : null;
  if (!hold || step?.step !== "message_origin") return "skipped";
  // SOP-52: a parcel with a return recorded goes back; the origin is not messaged about its pickup.
  if (await deps.store.returns.forParcel(hold.trackingNo)) return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < step.at.getTime()) return { deferUntil: step.at };
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  const repeat = isRepeat(deps, step.at, now);
  await sendStrict(deps, [
    ...(await originTaskNotices(deps, hold, repeat)),
    ...(isEscalated(deps, step.at, now) ? originEscalation(deps, hold, step.at) : []),
  ]);
  if (!repeat) {
    await notifySubscribers(
      deps,
      hold.trackingNo,
      "notice.hold.reminder",
      () => ({ trackingNo: hold.trackingNo, place: hold.place, phone: holdPhone(deps, hold.place) }),
      now,
    );
  }
  return { deferUntil: nextReminder(deps, step.at, now) };
}

async function originTaskNotices(
  deps: UseCaseDeps,
  hold: SelfPickupHold,
  repeat: boolean,
): Promise<Notice[]> {
  const origin = hold.originBranch ?? "—";
  // The message to paste into the network's message system is always in Chinese.
  const text = t("zh", "notice.hold.originText", {
    trackingNo: hold.trackingNo,
    since: dateText(deps, hold.heldAt),
    place: hold.place,
  });
  return (await agentsOnDuty(deps)).map((p) =>
    toPerson(
      p,
      repeat ? "notice.hold.originRepeat" : "notice.hold.messageOrigin",
      () => ({ trackingNo: hold.trackingNo, place: hold.place, origin, text }),
      [originMessagedAction(hold.id)],
    ),
  );
}

/** SOP-50 left undone a day after it fell due: the supervisors are told. */
function originEscalation(deps: UseCaseDeps, hold: SelfPickupHold, dueAt: Date): Notice[] {
  return supervisorsOrAgents(deps).map((p) =>
    toPerson(p, "notice.hold.originEscalated", () => ({
      trackingNo: hold.trackingNo,
      place: hold.place,
      origin: hold.originBranch ?? "—",
      since: dateText(deps, dueAt),
    })),
  );
}

/**
 * SOP-51: no answer returnAfterNoReply after the message: marked for return, "退回 XX公司" (SOP-52),
 * but only after SOP-43's delivery scan. Without one, the agents are told to have it scanned (with
 * a button that returns it once it is) and this timer checks again the next desk morning.
 */
export async function holdReturn(deps: UseCaseDeps, holdId: string): Promise<TimerOutcome> {
  const hold = await findOpenHold(deps, holdId);
  const step = hold ? holdTimeline(hold, deps.policy) : null;
  if (!hold || step?.step !== "return") return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < step.at.getTime()) return { deferUntil: step.at };
  const closed = closedUntil(deps, now);
  if (closed) return closed;

  const done = await returnHeldParcel(deps, hold, timerActor);
  if (done.ok) return "done";
  if (done.reason === "not_due") return "skipped";
  await sendStrict(deps, await needsDeliveryScanNotices(deps, hold));
  return { deferUntil: nextDeskMorning(deps.calendar, now) };
}
