import type { Policy } from "../config/policy";
import type { BusinessCalendar } from "../kernel/calendar";
import type { ScanKind } from "../kernel/scan";
import type { ParcelPush } from "../ports/following-records";

/**
 * Which scans reach a parcel's followers (issue 17 §2), when (§3, quiet hours) and how several
 * become one message. The rules only; following/push.ts records and sends.
 */

/** The statuses every follower hears of, once each: what the customer can act on. */
const PUSHED_KINDS = [
  "out_for_delivery",
  "delivered",
  "problem",
  "held_for_pickup",
  "returned",
] as const satisfies readonly ScanKind[];

/** The scans in between: only a follower who asked for every scan hears of them. */
const EVERY_SCAN_KINDS = ["collected", "departed", "arrived"] as const satisfies readonly ScanKind[];

/**
 * Statuses another notice tells already: a hold opened by a scan tells its followers where to
 * collect the parcel (holds/use-cases.ts holdOpened, notice.hold.ready). Recorded all the same, so
 * that it is never pushed twice, but not sent again.
 */
export const TOLD_ELSEWHERE: readonly string[] = ["held_for_pickup"];

/** A problem note staff recorded (problems/use-cases.ts): the same status as a problem scan. */
export const PROBLEM_NOTE = "problem";

const PLACE_IN_STATUS_MAX = 120;

/**
 * The push's status: the scan's kind for the statuses that matter (each pushed once per parcel),
 * `<kind>@<place>` for the scans in between (a parcel departs many places, each once); undefined
 * for a scan nobody is told of.
 */
export function pushStatus(kind: ScanKind, location: string): string | undefined {
  if ((PUSHED_KINDS as readonly string[]).includes(kind)) return kind;
  if ((EVERY_SCAN_KINDS as readonly string[]).includes(kind))
    return `${kind}@${location.slice(0, PLACE_IN_STATUS_MAX)}`;
  return undefined;
}

/** Whether only a follower who asked for every scan hears of this status. */
export function isEveryScanOnly(push: Pick<ParcelPush, "kind">): boolean {
  return (EVERY_SCAN_KINDS as readonly string[]).includes(push.kind);
}

/** Whether the policy has customers' quiet hours at all: a window whose start equals its end is none. */
export function hasQuietHours(policy: Pick<Policy, "following">): boolean {
  const { starts, ends } = policy.following.quietHours;
  return starts.minutes !== ends.minutes;
}

/**
 * Issue 17 §3: inside the customers' quiet hours (policy following.quietHours, default 21:00–08:00
 * on the branch's clock) a push waits until they end; outside them (or with none), undefined (sent
 * at once).
 */
export function quietUntil(
  policy: Pick<Policy, "following">,
  calendar: Pick<BusinessCalendar, "localMinutes" | "localDate" | "atLocalTime" | "addDays">,
  now: Date,
): Date | undefined {
  if (!hasQuietHours(policy)) return undefined;
  const { starts, ends } = policy.following.quietHours;
  const minute = calendar.localMinutes(now);
  const today = calendar.localDate(now);
  if (starts.minutes < ends.minutes) {
    // A window inside one day (e.g. 12:00–14:00).
    return minute >= starts.minutes && minute < ends.minutes ? calendar.atLocalTime(today, ends) : undefined;
  }
  // Across midnight (21:00–08:00): the evening part ends tomorrow morning, the early part this morning.
  if (minute >= starts.minutes) return calendar.atLocalTime(calendar.addDays(today, 1), ends);
  if (minute < ends.minutes) return calendar.atLocalTime(today, ends);
  return undefined;
}

/** The order of statuses of one instant: the later in the parcel's life wins a tie. */
const LIFE_ORDER = [
  "collected",
  "departed",
  "arrived",
  "out_for_delivery",
  "problem",
  "held_for_pickup",
  "delivered",
  "returned",
];

/**
 * Issue 17 §3: several pushes of one parcel that go out together (held through the night, or one
 * batch's) are one message with the latest status: the newest event, the later status on a tie.
 */
export function latestPush<P extends Pick<ParcelPush, "at" | "kind">>(pushes: readonly P[]): P | undefined {
  let latest: P | undefined;
  for (const push of pushes) {
    if (!latest) {
      latest = push;
      continue;
    }
    const dt = push.at.getTime() - latest.at.getTime();
    if (dt > 0 || (dt === 0 && LIFE_ORDER.indexOf(push.kind) > LIFE_ORDER.indexOf(latest.kind)))
      latest = push;
  }
  return latest;
}
