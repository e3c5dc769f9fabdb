import { complaintTimer } from "../complaints/timers";
import type { UseCaseDeps } from "../desk/context";
import type { Timer } from "../ports";
import { claimTimers } from "./timers";

/**
 * The timers open claims and complaints should have (desk/reconcile.ts restores lost ones): a
 * claim's warning while its deadline is ahead and its deadline (SOP-70/71); a complaint's
 * escalation while nobody has acted at its level and there is a level above (SOP-82).
 */
export async function expectedAfterSalesTimers(
  deps: UseCaseDeps,
  now: Date,
  limit: number,
): Promise<Timer[]> {
  const out: Timer[] = [];
  for (const claim of await deps.store.claims.listOpen(limit)) {
    const [warn, due] = claimTimers(deps, claim);
    if (now.getTime() < claim.dueAt.getTime()) out.push(warn);
    out.push(due);
  }
  for (const complaint of await deps.store.complaints.listOpen(limit)) {
    const next = complaintTimer(complaint);
    if (next) out.push(next);
  }
  return out;
}
