import type { BranchPoint, DirectoryIndex, Person, Zone } from "../config/directory";
import type { Policy } from "../config/policy";
import { checkFullAddress, isLatinAddress, keywordScore, sharedCharacters } from "../kernel/address";
import type { BusinessCalendar } from "../kernel/calendar";
import { normalizePhone } from "../kernel/phone";
import { PAYMENT_METHODS, type PaymentMethod } from "../ports/records";
import { checkDestination, type DestinationCheck } from "./coverage";
import { checkGoods } from "./goods";
import { type PickupSchedule, type PickupWhen, scheduleFor } from "./when";

/**
 * SOP-21: the desk does not quote prices; the courier agrees the price with the customer.
 * Nothing in this module carries a price, and flows answer a price question by citing this rule.
 */
export const PRICE_POLICY_RULE = "SOP-21";

export { checkDestination, DESTINATION_MAX_LENGTH, type DestinationCheck } from "./coverage";
export { checkGoods, GOODS_MAX_LENGTH, type GoodsCheck, type GoodsRefusal } from "./goods";
export { type PickupSchedule, type PickupWhen, pickupSchedule } from "./when";

// ---------------------------------------------------------------------------------------------
// The whole request (SOP-20 … SOP-28)

export interface PickupDraft {
  address?: string | undefined;
  phone?: string | undefined;
  goods?: string | undefined;
  /** One of PAYMENT_METHODS (SOP-28); typed as string because it comes from a chat. */
  payment?: string | undefined;
  byAir?: boolean | undefined;
  /** SOP-27: the destination city; checked against the coverage when given (the form asks it). */
  destination?: string | undefined;
  /** SOP-23: the customer wants the courier in the morning (the same as when: { kind: "morning" }). */
  morning?: boolean | undefined;
  /** When the courier comes; absent: the first afternoon the rules allow (SOP-20, SOP-22). */
  when?: PickupWhen | undefined;
}

export interface PickupDeps {
  policy: Policy;
  calendar: BusinessCalendar;
  directory: DirectoryIndex;
  now: Date;
}

export type PickupField = "address" | "phone" | "destination" | "goods" | "payment" | "when";

export interface PickupProblem {
  field: PickupField;
  rule: "SOP-20" | "SOP-22" | "SOP-23" | "SOP-26" | "SOP-27" | "SOP-28";
  reason: string;
  /** SOP-26: the table entry the goods matched; SOP-27: the place outside the coverage. */
  matched?: string;
}

/** A request ready to record. No price anywhere: SOP-21 (PRICE_POLICY_RULE). */
export interface ValidPickup extends PickupSchedule {
  address: string;
  phone: string;
  /** null when the directory has no zones (a fresh install); then no courier either. */
  zone: Zone | null;
  courier: Person | null;
  goods: string;
  /** SOP-27: the destination inside the coverage ("西藏拉萨"); absent when none was given. */
  destination?: string;
  payment: PaymentMethod;
  /** SOP-26: by air (no batteries, liquids, knives or powders). */
  byAir: boolean;
  morning: boolean;
  /** SOP-23: for a morning pickup, the zone courier's phone to call directly. */
  courierPhone?: string;
  /** SOP-23: for a morning pickup, the branch points to go to if the courier cannot be reached. */
  branchPoints?: BranchPoint[];
}

export type PickupValidation = { ok: true; value: ValidPickup } | { ok: false; problems: PickupProblem[] };

const isBlank = (s: string | undefined): s is undefined => s === undefined || s.trim() === "";

function isPaymentMethod(s: string): s is PaymentMethod {
  return (PAYMENT_METHODS as readonly string[]).includes(s);
}

// ---------------------------------------------------------------------------------------------
// Coverage (SOP-27)

/**
 * The zone an address is in: the zone whose keyword it contains (the longest wins), else the one
 * naming a longer form of a keyword's road ("文昌中路 88 号" is in the zone of 文昌路). Full-width
 * characters and spaces do not matter.
 */
export function zoneForAddress(directory: DirectoryIndex, address: string): Zone | undefined {
  let best: { zone: Zone; score: number } | undefined;
  for (const zone of directory.data.zones) {
    for (const keyword of zone.keywords) {
      const score = keywordScore(address, keyword);
      if (score > 0 && (!best || score > best.score)) best = { zone, score };
    }
  }
  return best?.zone;
}

/** How many zones an address outside every zone is shown (SOP-27: with the hotline). */
export const NEAREST_ZONES = 3;

/**
 * The zones to suggest for an address that matched none: those sharing the most characters with
 * their keywords first (a road's name half right), then the directory's order.
 */
export function nearestZones(directory: DirectoryIndex, address: string, max = NEAREST_ZONES): Zone[] {
  const scored = directory.data.zones.map((zone, index) => ({
    zone,
    index,
    score: Math.max(0, ...zone.keywords.map((k) => sharedCharacters(address, k))),
  }));
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, max).map((s) => s.zone);
}

/** SOP-20 (full) and SOP-27 (inside a zone) for an address alone. */
export function checkPickupAddress(
  raw: string,
  directory: DirectoryIndex,
): { ok: true; address: string; zone: Zone | undefined } | { ok: false; problem: PickupProblem } {
  const checked = checkFullAddress(raw);
  if (!checked.ok)
    return { ok: false, problem: { field: "address", rule: "SOP-20", reason: checked.reason } };
  const zone = zoneForAddress(directory, checked.address);
  // SOP-27 can only be judged when the directory knows its zones at all, and from an address its
  // (Chinese) keywords can read: a full address in Latin letters ("Room 5, 12 Nanjing Road") is
  // taken without a zone, and the dispatcher places it (the card offers every courier, card.ts).
  if (!zone && directory.data.zones.length > 0 && !isLatinAddress(checked.address)) {
    return { ok: false, problem: { field: "address", rule: "SOP-27", reason: "outside_coverage" } };
  }
  return { ok: true, address: checked.address, zone };
}

/** SOP-26: the draft's goods, by air when it goes by air; or the problem with them. */
function draftGoods(draft: PickupDraft, deps: PickupDeps): { goods?: string; problem?: PickupProblem } {
  if (isBlank(draft.goods)) return { problem: { field: "goods", rule: "SOP-26", reason: "missing" } };
  const checked = checkGoods(draft.goods, { byAir: draft.byAir === true, lists: deps.policy.goods });
  if (checked.ok) return { goods: checked.goods };
  const problem: PickupProblem = { field: "goods", rule: "SOP-26", reason: checked.reason };
  if ("matched" in checked) problem.matched = checked.matched;
  return { problem };
}

/** SOP-27: a destination refused, as a problem of the request. */
export function destinationProblem(checked: Exclude<DestinationCheck, { ok: true }>): PickupProblem {
  const problem: PickupProblem = { field: "destination", rule: "SOP-27", reason: checked.reason };
  if (checked.reason === "outside") problem.matched = checked.place;
  return problem;
}

// ---------------------------------------------------------------------------------------------
// The whole request (SOP-20 … SOP-28)

/**
 * Checks every field at once, so the customer hears everything missing in one reply:
 * SOP-20 full address and a phone, SOP-26 goods, SOP-27 coverage (the address in a zone, the
 * destination in the network's), SOP-28 payment, SOP-20/22/23 time.
 */
export function validatePickupDraft(draft: PickupDraft, deps: PickupDeps): PickupValidation {
  const { directory } = deps;
  const problems: PickupProblem[] = [];

  let address: string | undefined;
  let zone: Zone | undefined;
  if (isBlank(draft.address)) {
    problems.push({ field: "address", rule: "SOP-20", reason: "missing" });
  } else {
    const checked = checkPickupAddress(draft.address, directory);
    if (checked.ok) ({ address, zone } = checked);
    else problems.push(checked.problem);
  }

  let phone: string | undefined;
  if (isBlank(draft.phone)) {
    problems.push({ field: "phone", rule: "SOP-20", reason: "missing" });
  } else {
    phone = normalizePhone(draft.phone);
    if (!phone) problems.push({ field: "phone", rule: "SOP-20", reason: "invalid" });
  }

  const goodsChecked = draftGoods(draft, deps);
  const goods = goodsChecked.goods;
  if (goodsChecked.problem) problems.push(goodsChecked.problem);

  let destination: string | undefined;
  if (!isBlank(draft.destination)) {
    const checked = checkDestination(draft.destination, deps.policy.coverage);
    if (checked.ok) destination = checked.destination;
    else problems.push(destinationProblem(checked));
  }

  let payment: PaymentMethod | undefined;
  if (isBlank(draft.payment)) {
    problems.push({ field: "payment", rule: "SOP-28", reason: "missing" });
  } else {
    const p = draft.payment.trim();
    if (isPaymentMethod(p)) payment = p;
    else problems.push({ field: "payment", rule: "SOP-28", reason: "invalid" });
  }

  const when: PickupWhen = draft.when ?? (draft.morning ? { kind: "morning" } : { kind: "afternoon" });
  const schedule = scheduleFor(when, deps);
  if (!schedule.ok) {
    const rule = schedule.reason === "before_earliest" ? "SOP-20" : "SOP-22";
    problems.push({ field: "when", rule, reason: schedule.reason });
  }

  if (problems.length > 0 || !address || !phone || !goods || !payment || !schedule.ok) {
    return { ok: false, problems };
  }

  const courier = zone ? (directory.courierOf(zone) ?? null) : null;
  const morning = when.kind === "morning";
  const value: ValidPickup = {
    address,
    phone,
    zone: zone ?? null,
    courier,
    goods,
    payment,
    byAir: draft.byAir === true,
    morning,
    ...schedule.schedule,
  };
  if (destination) value.destination = destination;
  if (morning) {
    const courierPhone = courier?.phone ? normalizePhone(courier.phone) : undefined;
    if (courierPhone) value.courierPhone = courierPhone;
    // Whether the courier answers is not known yet, so the fallback goes with every morning request.
    if (directory.data.branchPoints.length > 0) value.branchPoints = [...directory.data.branchPoints];
  }
  return { ok: true, value };
}
