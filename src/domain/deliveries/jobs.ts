import type { Policy } from "../config/policy";
import type { UseCaseDeps } from "../desk/context";
import type { Notice } from "../ports";
import { type DailyTime, receiptsRemindAt, undeliveredListAt } from "./daily-time";
import { receiptEscalation, receiptReminders } from "./receipt-jobs";
import { listUndelivered } from "./undelivered";

/**
 * The deliveries' daily jobs, run by src/jobs on the digests queue at a time of the policy on the
 * branch's clock: SOP-44's list of the day's undelivered parcels, SOP-74's reminder and escalation.
 * Each answers the notices to send (the jobs send them once per run).
 */
export const DELIVERY_JOBS = ["undelivered-list", "receipts-remind", "receipts-escalate"] as const;
export type DeliveryJobName = (typeof DELIVERY_JOBS)[number];

export function isDeliveryJob(name: string): name is DeliveryJobName {
  return (DELIVERY_JOBS as readonly string[]).includes(name);
}

/** When each job runs (policy: undelivered.listAt, receipts.remindAt, receipts.enterSignedBy). */
export function deliveryJobTimes(policy: Policy): Record<DeliveryJobName, DailyTime> {
  return {
    "undelivered-list": undeliveredListAt(policy),
    "receipts-remind": receiptsRemindAt(policy),
    "receipts-escalate": policy.receipts.enterSignedBy,
  };
}

export function deliveryJob(deps: UseCaseDeps, name: DeliveryJobName): Promise<Notice[]> {
  switch (name) {
    case "undelivered-list":
      return listUndelivered(deps);
    case "receipts-remind":
      return receiptReminders(deps);
    case "receipts-escalate":
      return receiptEscalation(deps);
  }
}
