import {
  agentsOnDuty,
  auditEntry,
  closedUntil,
  personLabel,
  sendStrict,
  supervisorsOrAgents,
  timerActor,
  toPerson,
  type UseCaseDeps,
} from "../desk/context";
import { claimViewAction } from "../desk/notice-actions";
import type { TimerOutcome } from "../desk/timers";
import { type Timer, timer, timerId } from "../ports";
import type { Claim } from "../ports/claims-records";
import { claimParams, claimSubject } from "./common";
import { claimDaysLeft, claimWarnAt } from "./deadlines";

/**
 * A claim's two timers (SOP-70, SOP-71): the holder warned the policy's lead before the deadline
 * (5 days for a loss, 3 for a delay or damage), the duty leads at it. Nothing moves them (SOP-72).
 */
export function claimTimers(deps: Pick<UseCaseDeps, "calendar" | "policy">, claim: Claim): [Timer, Timer] {
  return [
    timer("claim-warn", claim.id, deps.calendar.deliverableAt(claimWarnAt(claim, deps.policy))),
    timer("claim-due", claim.id, claim.dueAt),
  ];
}

export const claimTimerIds = (claimId: string): string[] => [
  timerId("claim-warn", claimId),
  timerId("claim-due", claimId),
];

async function openClaim(deps: UseCaseDeps, id: string): Promise<Claim | undefined> {
  const claim = await deps.store.claims.get(id);
  return claim && claim.outcome === null ? claim : undefined;
}

/** Before the deadline: the holder, or (nobody holds it) the agents on duty. */
export async function claimWarn(deps: UseCaseDeps, claimId: string): Promise<TimerOutcome> {
  const claim = await openClaim(deps, claimId);
  if (!claim) return "skipped";
  const now = deps.clock.now();
  const warnAt = claimWarnAt(claim, deps.policy);
  if (now.getTime() < warnAt.getTime()) return { deferUntil: warnAt };
  if (now.getTime() >= claim.dueAt.getTime()) return "skipped"; // the deadline's escalation says it
  const closed = closedUntil(deps, now);
  if (closed) return closed;
  const holder = claim.holder ? deps.directory.person(claim.holder) : undefined;
  const people = holder ? [holder] : await agentsOnDuty(deps);
  await sendStrict(
    deps,
    people.map((p) => ({
      ...toPerson(
        p,
        "notice.claim.warn",
        (lang) => ({
          ...claimParams(deps, lang, claim, now),
          left: claimDaysLeft(claim, now),
          holder: personLabel(deps, lang, claim.holder),
        }),
        [claimViewAction(claim.id)],
      ),
      dedupeKey: `claim-warn-${claim.id}-${p.id}`,
    })),
  );
  return "done";
}

/** At the deadline, still not settled or refused: escalated to the duty leads (recorded once). */
export async function claimDue(deps: UseCaseDeps, claimId: string): Promise<TimerOutcome> {
  const claim = await openClaim(deps, claimId);
  if (!claim) return "skipped";
  const now = deps.clock.now();
  if (now.getTime() < claim.dueAt.getTime()) return { deferUntil: claim.dueAt };
  const closed = closedUntil(deps, now);
  if (closed) return closed;
  const subject = claimSubject(claim.id);
  await deps.store.transaction(async (tx) => {
    const before = await tx.audit.list({ subject, limit: 200 });
    if (before.some((e) => e.action === "claim.overdue")) return;
    await tx.audit.append(
      auditEntry(now, timerActor, "claim.overdue", subject, { dueAt: claim.dueAt.toISOString() }),
    );
  });
  await sendStrict(
    deps,
    supervisorsOrAgents(deps).map((p) => ({
      ...toPerson(
        p,
        "notice.claim.overdue",
        (lang) => ({
          ...claimParams(deps, lang, claim, now),
          holder: personLabel(deps, lang, claim.holder),
        }),
        [claimViewAction(claim.id)],
      ),
      dedupeKey: `claim-due-${claim.id}-${p.id}`,
    })),
  );
  return "done";
}
