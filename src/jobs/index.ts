import { deliveryJob } from "../domain/deliveries/jobs";
import { expectedTimers, handleTimer, morningList, shiftHandover } from "../domain/desk";
import { workloadDigest } from "../domain/workload/workload";
import type { JobsDomain } from "./domain-port";
import { type Jobs, type StartJobsOptions, startJobsWith } from "./start";

export type {
  ChannelSender,
  ChannelSenders,
  OutboundButton,
  OutboundMessage,
} from "../domain/ports/channel-sender";
export { SendRateLimitedError, SendRejectedError } from "../domain/ports/channel-sender";
export type { JobsDeps, JobsDomain, TimerOutcome } from "./domain-port";
export { createQueuedNotifier } from "./notifier";
export { DEFAULT_TUNING, type JobsTuningInput } from "./queues";
export { createBullScheduler } from "./scheduler";
export type { Jobs, StartJobsOptions, WorkerName } from "./start";

/** The domain's timer and digest use cases, as the jobs call them. */
export const deskJobsDomain: JobsDomain = {
  handleTimer,
  expectedTimers,
  shiftHandover,
  morningList,
  deliveryJob, // SOP-44, SOP-74
  workloadDigest, // SOP-90
};

/**
 * Starts the jobs on the desk's own use cases: the queues, the Scheduler and Notifier every
 * process needs, and (unless `workers: false`) the workers. See startJobsWith.
 */
export function startJobs(options: StartJobsOptions & { domain?: JobsDomain }): Promise<Jobs> {
  return startJobsWith({ ...options, domain: options.domain ?? deskJobsDomain });
}
