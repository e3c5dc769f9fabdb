import type { Queue } from "bullmq";
import type { Policy } from "../domain/config/policy";
import type { ClockTime } from "../domain/kernel/clock-time";
import type { Notice } from "../domain/ports";
import type { JobsDeps, JobsDomain } from "./domain-port";

/**
 * SOP-90's monthly digest on the digests queue: on the first day of each month, when the desk
 * opens (deskHours.opens, on the branch's clock), last month's workload goes to the duty leads.
 * What it says is the domain's (workload/workload.ts workloadDigest).
 */
export const WORKLOAD_DIGEST_JOB = "workload-digest";

/** A monthly cron pattern: the first day of the month at a clock time (24:00 is 00:00). */
export function monthlyCron(time: ClockTime): string {
  const minutes = time.minutes % (24 * 60);
  return `${minutes % 60} ${Math.floor(minutes / 60)} 1 * *`;
}

export async function upsertWorkloadScheduler(
  queue: Queue<Record<string, never>>,
  policy: Policy,
): Promise<void> {
  await queue.upsertJobScheduler(
    WORKLOAD_DIGEST_JOB,
    { pattern: monthlyCron(policy.deskHours.opens), tz: policy.timezone },
    { name: WORKLOAD_DIGEST_JOB },
  );
}

/** The digest's notices, from the domain (a domain without the workload sends none). */
export async function runWorkloadDigest(domain: JobsDomain, deps: JobsDeps): Promise<Notice[]> {
  return domain.workloadDigest ? domain.workloadDigest(deps) : [];
}
