import type { DeliveryJobName } from "../domain/deliveries/jobs";
import type { DeskDeps } from "../domain/desk/desk";
import type { TimerOutcome } from "../domain/desk/timers";
import type { Notice, Notifier, StaffPresence, Timer, TimerKind } from "../domain/ports";

/**
 * What the jobs call in the domain (src/domain/use-cases/timers.ts and digests.ts). The jobs
 * decide nothing themselves: a timer job asks handleTimer, which re-reads the state and says
 * whether it acted, had nothing to do, or must wait (outside desk hours); the digests and the
 * due times are the domain's too. Injected, so that tests can put doubles in its place.
 */
export type { TimerOutcome } from "../domain/desk/timers";

/** The desk's dependencies as the jobs give them to the domain (the use cases' UseCaseDeps). */
export type JobsDeps = DeskDeps & {
  presence: StaffPresence;
  /** Where the domain reports side effects that failed after a commit. */
  log?: { warn(obj: object, msg?: string): void };
};

export interface JobsDomain {
  handleTimer(deps: JobsDeps, timer: { kind: TimerKind; subjectId: string }): Promise<TimerOutcome>;
  shiftHandover(deps: JobsDeps): Promise<Notice[]>;
  morningList(deps: JobsDeps): Promise<Notice[]>;
  /** Every timer that should be pending now, by the state in the store. */
  expectedTimers(deps: JobsDeps): Promise<Timer[]>;
  /** SOP-44, SOP-74: a daily job of the deliveries (deliveries/jobs.ts); absent, they send nothing. */
  deliveryJob?(deps: JobsDeps, name: DeliveryJobName): Promise<Notice[]>;
  /** SOP-90: last month's workload for the duty leads (workload/workload.ts); absent, it sends nothing. */
  workloadDigest?(deps: JobsDeps): Promise<Notice[]>;
}

/**
 * Gives every notice of one job run that has no dedupeKey of its own a stable one: the run's
 * scope, the message key, the audience and how many such notices came before in this run. A job
 * that runs again (its worker died after sending) produces the same keys, so the send jobs'
 * ids repeat and each notice is sent once.
 */
export function withDedupeScope(notifier: Notifier, scope: string): Notifier {
  const counts = new Map<string, number>();
  return {
    notify(notice) {
      if (notice.dedupeKey !== undefined) return notifier.notify(notice);
      const base = `${scope}|${notice.key}|${JSON.stringify(notice.to)}`;
      const n = (counts.get(base) ?? 0) + 1;
      counts.set(base, n);
      return notifier.notify({ ...notice, dedupeKey: `${base}|${n}` });
    },
    ...(notifier.retireCards
      ? { retireCards: (cardKey: string) => notifier.retireCards?.(cardKey) ?? Promise.resolve() }
      : {}),
    ...(notifier.updateCards
      ? {
          updateCards: (cardKey: string, view: Parameters<NonNullable<Notifier["updateCards"]>>[1]) =>
            notifier.updateCards?.(cardKey, view) ?? Promise.resolve(),
        }
      : {}),
  };
}
