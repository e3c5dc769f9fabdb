import {
  agentsOnDuty,
  ageText,
  auditEntry,
  closedUntil,
  dateText,
  sendAll,
  sendStrict,
  subjectOf,
  timerActor,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import { originMessagedAction } from "../desk/notice-actions";
import type { TimerOutcome } from "../desk/timers";
import { t } from "../messages";
import { notifySubscribers } from "../parcels/use-cases";
import type { SelfPickupHold } from "../ports/records";
import { holdTimeline, markedForReturnTransition, waybillReturnMarking } from "./timeline";
import { holdPhone } from "./use-cases";

/** A hold's two timers (SOP-50, SOP-51), each re-reading the hold and its timeline first. */

async function findOpenHold(deps: UseCaseDeps, id: string): Promise<SelfPickupHold | undefined> {
  const hold = await deps.store.holds.get(id);
  return hold && !hold.closedAt ? hold : undefined;
}

/** SOP-50: not collected after messageOriginAfter: the agents message the origin branch. */
export async function holdOrigin(deps: UseCaseDeps, holdId: string): Promise<TimerOutcome> {
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
export async function holdReturn(deps: UseCaseDeps, holdId: string): Promise<TimerOutcome> {
  const hold = await findOpenHold(deps, holdId);
  const step = hold ? holdTimeline(hold, deps.policy) : null;
  if (!hold || step?.step !== "return") return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < step.at.getTime()) return { deferUntil: step.at };
  const closed = closedUntil(deps, now);
  if (closed) return closed;
  if (!markedForReturnTransition(hold, now, deps.policy).ok) return "skipped";

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
