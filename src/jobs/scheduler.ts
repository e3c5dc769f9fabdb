import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { type Clock, systemClock } from "../domain/kernel/clock";
import type { Scheduler, Timer } from "../domain/ports";
import { type TimerPayload, timerPayloadSchema } from "./queues";

/**
 * The Scheduler port on BullMQ: every SOP timer is one delayed job on the `timers` queue, its
 * job id the timer's id (deterministic, DESIGN.md "Jobs"), its name the timer's kind.
 *
 * Due times are the domain's, on the domain's clock: the delay is `dueAt - clock.now()`, so a
 * test's ManualClock at 10:00 Shanghai and a timer due at 10:00:03 give a real 3 s delay.
 *
 * Moving a timer whose job is running right now cannot remove that job (BullMQ keeps active jobs
 * locked): the new due time is parked under a key of its own and the timer worker sets it when
 * the running job ends (see takeReschedule).
 */
export interface BullScheduler extends Scheduler {
  /** Whether a job for this timer id waits to run or runs (delayed, waiting, active). */
  isPending(timerId: string): Promise<boolean>;
  /**
   * Whether BullMQ has any record of this timer id: pending, or finished within the last days
   * (completed and failed timer jobs are kept a week, so a timer that already ran is known).
   */
  isKnown(timerId: string): Promise<boolean>;
  /** Adds a parked reschedule of `timerId`, if any (after its running job has finished). */
  applyReschedule(timerId: string): Promise<void>;
  /** Takes (and deletes) the parked reschedule of `timerId`, if any. */
  takeReschedule(timerId: string): Promise<Timer | undefined>;
  /** The real-time delay until an instant of the domain's clock. */
  delayUntil(at: Date): number;
}

const PENDING_STATES = new Set(["delayed", "waiting", "active", "prioritized", "waiting-children"]);
const RESCHEDULE_TTL_MS = 24 * 3600 * 1000;

export function createBullScheduler(
  queue: Queue<TimerPayload>,
  options: { redis: Redis; clock?: Clock },
): BullScheduler {
  const { redis } = options;
  const clock = options.clock ?? systemClock;
  // The queue's own key space, so an obliterate-per-prefix test leaves nothing behind.
  const rescheduleKey = (id: string) => `${queue.opts.prefix ?? "bull"}:${queue.name}:reschedule:${id}`;

  const delayUntil = (at: Date) => Math.max(0, at.getTime() - clock.now().getTime());

  const payload = (timer: Timer): TimerPayload => ({
    kind: timer.kind,
    subjectId: timer.subjectId,
    dueAt: timer.dueAt.toISOString(),
  });

  const park = async (timer: Timer) => {
    await redis.set(rescheduleKey(timer.id), JSON.stringify(payload(timer)), "PX", RESCHEDULE_TTL_MS);
  };

  /** Replaces whatever job has the timer's id; false when that job is running (locked). */
  const replace = async (timer: Timer): Promise<boolean> => {
    // remove() answers 1 when nothing with this id is left (removed, or there was none), 0 when
    // the job is running and locked.
    if ((await queue.remove(timer.id)) !== 1) return false;
    await queue.add(timer.kind, payload(timer), { jobId: timer.id, delay: delayUntil(timer.dueAt) });
    return true;
  };

  const takeReschedule = async (id: string): Promise<Timer | undefined> => {
    const raw = await redis.getdel(rescheduleKey(id));
    if (raw === null) return undefined;
    const data = timerPayloadSchema.parse(JSON.parse(raw));
    return { id, kind: data.kind, subjectId: data.subjectId, dueAt: new Date(data.dueAt) };
  };

  const applyReschedule = async (id: string) => {
    const timer = await takeReschedule(id);
    // Running again already (another worker took it over): park it for that run's end.
    if (timer && !(await replace(timer))) await park(timer);
  };

  return {
    delayUntil,
    takeReschedule,
    applyReschedule,

    async schedule(timer) {
      if (timer.id.includes(":"))
        throw new Error(`timer id "${timer.id}" contains ':' (BullMQ job ids may not)`);
      if (await replace(timer)) return;
      await park(timer);
      // The job may have finished between remove() and set(): then nobody else will apply it.
      // Whoever takes the key first (we, or the worker when the job ends) adds the job.
      if ((await queue.getJobState(timer.id)) !== "active") await applyReschedule(timer.id);
    },

    async cancel(timerIds) {
      for (const id of timerIds) {
        await redis.del(rescheduleKey(id));
        // A running job is not stopped: it re-reads the state and finds the subject resolved.
        await queue.remove(id);
      }
    },

    async isPending(id) {
      return PENDING_STATES.has(await queue.getJobState(id));
    },

    async isKnown(id) {
      return (await queue.getJobState(id)) !== "unknown";
    },
  };
}
