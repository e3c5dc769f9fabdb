import type { Queue } from "bullmq";
import type { Policy } from "../domain/config/policy";
import { dailyCronAt } from "../domain/deliveries/daily-time";
import { DELIVERY_JOBS, type DeliveryJobName, deliveryJobTimes } from "../domain/deliveries/jobs";
import type { Notice } from "../domain/ports";
import type { JobsDeps, JobsDomain } from "./domain-port";

/**
 * The deliveries' daily jobs on the digests queue (SOP-44's undelivered list at undelivered.listAt,
 * SOP-74's reminder at receipts.remindAt and escalation at receipts.enterSignedBy): one BullMQ job
 * scheduler each, a daily cron on the branch's clock. What they do is the domain's (deliveries/jobs.ts).
 */
export { isDeliveryJob } from "../domain/deliveries/jobs";

export async function upsertDeliverySchedulers(
  queue: Queue<Record<string, never>>,
  policy: Policy,
): Promise<void> {
  const times = deliveryJobTimes(policy);
  for (const name of DELIVERY_JOBS) {
    await queue.upsertJobScheduler(
      name,
      { pattern: dailyCronAt(times[name]), tz: policy.timezone },
      { name },
    );
  }
}

/** The job's notices, from the domain (a domain without the deliveries sends none). */
export async function runDeliveryJob(
  domain: JobsDomain,
  deps: JobsDeps,
  name: DeliveryJobName,
): Promise<Notice[]> {
  return domain.deliveryJob ? domain.deliveryJob(deps, name) : [];
}
