import type { Zone } from "../config/directory";
import { bestEffort, clockText, pickupRef, type UseCaseDeps } from "../desk/context";
import type { Language } from "../kernel/chat";
import { addDuration } from "../kernel/duration";
import { formatLocalDate } from "../kernel/format";
import { type Params, t } from "../messages";
import { type Timer, timer, timerId } from "../ports";
import type { PickupRequest, PickupStatus } from "../ports/records";

/**
 * Pinging dispatch about a pickup (SOP-20, SOP-22): from its day's opening, again acceptWithin
 * after each ping while nobody has accepted it, at most MAX_REPINGS times and within its day.
 */

/** Not yet accepted: what dispatch still has to place. */
export const UNACCEPTED: readonly PickupStatus[] = ["requested", "assigned"];

export const pickupTimerIds = (pickupId: string): string[] => [
  timerId("pickup-accept", pickupId),
  timerId("pickup-open", pickupId),
];

/** Dispatch has acceptWithin after a ping before it is pinged again. */
export function acceptTimer(deps: Pick<UseCaseDeps, "policy">, pickupId: string, pingedAt: Date): Timer {
  return timer(
    "pickup-accept",
    pickupId,
    addDuration(pingedAt, deps.policy.pickup.acceptWithin, deps.policy.timezone),
  );
}

/** How many times the pickup-accept timer reminds dispatch of a pickup nobody accepted. */
export const MAX_REPINGS = 4;
/** The note of a "repinged" event the pickup-accept timer records (pickup-open's is "day_opened"). */
export const REPING_NOTE = "not_accepted";

/** How many times the pickup-accept timer has reminded dispatch of this pickup. */
export async function repingCount(deps: Pick<UseCaseDeps, "store">, pickupId: string): Promise<number> {
  const events = await deps.store.pickups.events(pickupId);
  return events.filter((e) => e.event === "repinged" && e.note === REPING_NOTE).length;
}

/**
 * When dispatch can be reminded of a pickup at or after `at`: `at` itself while the desk is open,
 * else the desk's next opening (SOP-12: nobody is woken); undefined when that falls after the
 * pickup's day on the branch's clock (the reminders are over; the morning list carries it).
 */
export function reminderAt(
  deps: Pick<UseCaseDeps, "calendar">,
  pickup: Pick<PickupRequest, "pickupDay">,
  at: Date,
): Date | undefined {
  const when = deps.calendar.nextOpening(at);
  return deps.calendar.localDate(when) > pickup.pickupDay ? undefined : when;
}

/**
 * SOP-22: a pickup is pinged on its pickup day, from the desk's opening. A request before the
 * cut-off on a desk day is for today: pinged at once once the day has opened (the pickup line runs
 * to the cut-off, past the query desk's closing); a request before opening, or one agreed for a
 * later day, waits for that day's opening.
 */
export function pickupOpensAt(
  deps: Pick<UseCaseDeps, "calendar">,
  pickup: Pick<PickupRequest, "pickupDay">,
): Date {
  return deps.calendar.opensAt(pickup.pickupDay);
}

export function zoneOf(deps: Pick<UseCaseDeps, "directory">, pickup: PickupRequest): Zone | undefined {
  return pickup.zoneId ? deps.directory.zone(pickup.zoneId) : undefined;
}

/** "今天(11-27)", "明天(11-28)", else the date: the pickup's day as every card and notice shows it. */
export function pickupDayText(
  deps: Pick<UseCaseDeps, "calendar">,
  day: string,
  language: Language,
  now: Date,
): string {
  const today = deps.calendar.localDate(now);
  const date = formatLocalDate(day, language);
  if (day === today) return t(language, "pickup.day.today", { date });
  if (day === deps.calendar.addDays(today, 1)) return t(language, "pickup.day.tomorrow", { date });
  return date;
}

/**
 * When the courier comes, in one text for the ping, the courier's notice, the dispatcher's card and
 * the shift digests alike: "今天(11月27日) 15:00 以后", or for a morning pickup (SOP-23) the
 * morning's hours and no afternoon time. Customers read the morning without staff words; a list
 * button ("list") names the morning without its hours, to stay short.
 */
export function pickupWhenText(
  deps: Pick<UseCaseDeps, "calendar" | "policy">,
  pickup: Pick<PickupRequest, "pickupDay" | "earliestAt" | "morning">,
  language: Language,
  now: Date,
  reader: "staff" | "customer" | "list" = "staff",
): string {
  const day = pickupDayText(deps, pickup.pickupDay, language, now);
  if (pickup.morning) {
    if (reader === "customer") return t(language, "pickup.when.morningCustomer", { day });
    if (reader === "list") return t(language, "pickup.when.morningShort", { day });
    return t(language, "pickup.when.morning", {
      day,
      from: clockText(deps, pickup.earliestAt),
      until: deps.policy.pickup.morningEnds.text,
    });
  }
  return t(language, "pickup.when.afternoon", { day, time: clockText(deps, pickup.earliestAt) });
}

/** "航空" / "陆运" (SOP-26): the pickup's transport, in the same words wherever it is shown. */
export function transportText(language: Language, pickup: Pick<PickupRequest, "byAir">): string {
  return t(language, pickup.byAir ? "pickup.transport.air" : "pickup.transport.road");
}

/** "周先生 13900000000", or the phone alone when no contact name was given: one wording everywhere. */
export function contactText(pickup: Pick<PickupRequest, "contactName" | "phone">): string {
  const name = pickup.contactName?.trim();
  return name ? `${name} ${pickup.phone}` : pickup.phone;
}

/** The details of a pickup as staff read them, in their language. No price (SOP-21). */
/** What showing a pickup to staff needs (no store): its zone, its day on the branch's clock. */
export type PickupShowDeps = Pick<UseCaseDeps, "directory" | "calendar" | "policy" | "clock">;

export function pickupParams(deps: PickupShowDeps, pickup: PickupRequest, language: Language): Params {
  return {
    ref: pickupRef(pickup),
    zone: zoneOf(deps, pickup)?.name ?? "—",
    address: pickup.address,
    contact: contactText(pickup),
    phone: pickup.phone,
    goods: pickup.goods,
    destination: pickup.destination ?? "—", // SOP-27
    transport: transportText(language, pickup),
    payment: t(language, `payment.${pickup.payment}`),
    when: pickupWhenText(deps, pickup, language, deps.clock.now()),
  };
}

/** The card a pickup's accept and decline buttons belong to, wherever they were sent. */
export function pickupCardKey(pickupId: string): string {
  return `pickup-${pickupId}`;
}

/**
 * The pickup has left the state its ping's buttons act on (accepted, declined, cancelled,
 * collected): the buttons of the pings and assignments sent so far go (best effort, after the
 * commit). A ping sent after this keeps its own.
 */
export async function retirePickupCards(
  deps: Pick<UseCaseDeps, "notifier" | "log">,
  pickupId: string,
): Promise<void> {
  const retire = deps.notifier.retireCards?.bind(deps.notifier);
  if (!retire) return;
  await bestEffort(deps, `retire cards of pickup ${pickupId}`, () => retire(pickupCardKey(pickupId)));
}
