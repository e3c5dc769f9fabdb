import type { BranchPoint, DirectoryIndex, Person, Zone } from "../config/directory";
import type { Policy } from "../config/policy";
import { checkFullAddress } from "../kernel/address";
import type { BusinessCalendar } from "../kernel/calendar";
import { normalizePhone } from "../kernel/phone";
import { PAYMENT_METHODS, type PaymentMethod } from "../ports/records";

/**
 * SOP-21: the desk does not quote prices; the courier agrees the price with the customer.
 * Nothing in this module carries a price, and flows answer a price question by citing this rule.
 */
export const PRICE_POLICY_RULE = "SOP-21";

// ---------------------------------------------------------------------------------------------
// When the courier comes (SOP-20, SOP-22)

export interface PickupSchedule {
  /** YYYY-MM-DD on the branch's clock. */
  pickupDay: string;
  earliestAt: Date;
  /** The pickup was pushed to a later desk day (after the cut-off, or asked on a closed day). */
  nextDay: boolean;
}

/**
 * SOP-20: a normal pickup is after pickup.earliest (15:00), so not before that today.
 * SOP-22: a request at or after pickup.cutoff (19:00) is agreed for the next day; a request on a
 * day the desk is closed goes to the next desk day too (pickups follow the desk calendar).
 */
export function pickupSchedule(policy: Policy, calendar: BusinessCalendar, now: Date): PickupSchedule {
  const { earliest, cutoff } = policy.pickup;
  const today = calendar.localDate(now);
  if (calendar.isDeskDay(today) && now.getTime() < calendar.atLocalTime(today, cutoff).getTime()) {
    const from = calendar.atLocalTime(today, earliest);
    return { pickupDay: today, earliestAt: from.getTime() > now.getTime() ? from : now, nextDay: false };
  }
  const pickupDay = calendar.nextDeskDay(today);
  return { pickupDay, earliestAt: calendar.atLocalTime(pickupDay, earliest), nextDay: true };
}

// ---------------------------------------------------------------------------------------------
// What may be sent (SOP-26)

export const GOODS_MAX_LENGTH = 200;

/** 违禁品: refused whatever the transport. */
export const PROHIBITED_GOODS: readonly string[] = [
  "管制刀具",
  "枪",
  "弹药",
  "子弹",
  "炸药",
  "爆炸",
  "雷管",
  "烟花",
  "爆竹",
  "鞭炮",
  "毒品",
  "大麻",
  "冰毒",
  "海洛因",
  "易燃",
  "易爆",
  "汽油",
  "柴油",
  "酒精",
  "打火机",
  "火柴",
  "剧毒",
  "毒药",
  "腐蚀",
  "放射",
  "活体",
  "活物",
  "活禽",
  "gun",
  "firearm",
  "ammunition",
  "ammo",
  "bullet",
  "explosive",
  "firework",
  "firecracker",
  "narcotic",
  "cannabis",
  "marijuana",
  "cocaine",
  "heroin",
  "flammable",
  "gasoline",
  "petrol",
  "poison",
  "corrosive",
  "radioactive",
  "live animal",
];

/** 易碎品: the branch refuses fragile goods. */
export const FRAGILE_GOODS: readonly string[] = [
  "易碎",
  "玻璃",
  "陶瓷",
  "瓷器",
  "瓷",
  "镜子",
  "水晶",
  "fragile",
  "glass",
  "ceramic",
  "porcelain",
  "mirror",
  "crystal",
];

/** By air: no batteries, liquids, knives or powders (电池、液体、刀具、粉剂). */
export const AIR_PROHIBITED_GOODS: readonly string[] = [
  "电池",
  "充电宝",
  "移动电源",
  "锂电",
  "液体",
  "酒",
  "香水",
  "饮料",
  "食用油",
  "精油",
  "刀",
  "剑",
  "粉",
  "battery",
  "batteries",
  "power bank",
  "lithium",
  "liquid",
  "perfume",
  "alcohol",
  "wine",
  "knife",
  "knives",
  "blade",
  "powder",
];

/** Words that contain a table entry but name no such goods: 粉色 is pink, not a powder. */
const NOT_GOODS_WORDS = ["粉色", "粉红"];

export type GoodsRefusal = "prohibited" | "fragile" | "air_prohibited";

export type GoodsCheck =
  | { ok: true; goods: string }
  | { ok: false; rule: "SOP-26"; reason: GoodsRefusal; matched: string }
  | { ok: false; rule: "SOP-26"; reason: "empty" | "too_long" };

const normalizeText = (raw: string): string => raw.normalize("NFKC").replace(/\s+/g, " ").trim();

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Chinese terms match anywhere; Latin terms match whole words (plural -s/-es allowed), so "gun"
 * finds "guns" but not "begun".
 */
function compileTable(terms: readonly string[]): { term: string; re: RegExp }[] {
  return terms.map((term) => {
    const t = term.normalize("NFKC").toLowerCase();
    const latin = /^[a-z ]+$/.test(t);
    const re = latin
      ? new RegExp(`(?<![a-z])${escapeRegExp(t)}(?:s|es)?(?![a-z])`)
      : new RegExp(escapeRegExp(t));
    return { term: t, re };
  });
}

const PROHIBITED = compileTable(PROHIBITED_GOODS);
const FRAGILE = compileTable(FRAGILE_GOODS);
const AIR_PROHIBITED = compileTable(AIR_PROHIBITED_GOODS);

/** SOP-26: may these goods be sent at all (and by air, when asked)? */
export function checkGoods(raw: string, options: { byAir?: boolean } = {}): GoodsCheck {
  const goods = normalizeText(raw);
  if (goods === "") return { ok: false, rule: "SOP-26", reason: "empty" };
  if ([...goods].length > GOODS_MAX_LENGTH) return { ok: false, rule: "SOP-26", reason: "too_long" };
  let text = goods.toLowerCase();
  for (const word of NOT_GOODS_WORDS) text = text.replaceAll(word, " ");

  const tables: [GoodsRefusal, ReturnType<typeof compileTable>][] = [
    ["prohibited", PROHIBITED],
    ["fragile", FRAGILE],
  ];
  if (options.byAir) tables.push(["air_prohibited", AIR_PROHIBITED]);
  for (const [reason, table] of tables) {
    const hit = table.find(({ re }) => re.test(text));
    if (hit) return { ok: false, rule: "SOP-26", reason, matched: hit.term };
  }
  return { ok: true, goods };
}

// ---------------------------------------------------------------------------------------------
// The whole request (SOP-20 … SOP-28)

export interface PickupDraft {
  address?: string | undefined;
  phone?: string | undefined;
  goods?: string | undefined;
  /** One of PAYMENT_METHODS (SOP-28); typed as string because it comes from a chat. */
  payment?: string | undefined;
  byAir?: boolean | undefined;
  /** SOP-23: the customer wants the courier in the morning. */
  morning?: boolean | undefined;
}

export interface PickupDeps {
  policy: Policy;
  calendar: BusinessCalendar;
  directory: DirectoryIndex;
  now: Date;
}

export type PickupField = "address" | "phone" | "goods" | "payment";

export interface PickupProblem {
  field: PickupField;
  rule: "SOP-20" | "SOP-26" | "SOP-27" | "SOP-28";
  reason: string;
  /** SOP-26: the table entry the goods matched. */
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
  payment: PaymentMethod;
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

/**
 * Checks every field at once, so the customer hears everything missing in one reply:
 * SOP-20 full address and a phone, SOP-26 goods, SOP-27 coverage, SOP-28 payment.
 */
export function validatePickupDraft(draft: PickupDraft, deps: PickupDeps): PickupValidation {
  const { directory } = deps;
  const problems: PickupProblem[] = [];

  let address: string | undefined;
  let zone: Zone | undefined;
  if (isBlank(draft.address)) {
    problems.push({ field: "address", rule: "SOP-20", reason: "missing" });
  } else {
    const checked = checkFullAddress(draft.address);
    if (!checked.ok) {
      problems.push({ field: "address", rule: "SOP-20", reason: checked.reason });
    } else {
      address = checked.address;
      zone = directory.zoneForAddress(address);
      // SOP-27 can only be judged when the directory knows its zones at all.
      if (!zone && directory.data.zones.length > 0) {
        problems.push({ field: "address", rule: "SOP-27", reason: "outside_coverage" });
      }
    }
  }

  let phone: string | undefined;
  if (isBlank(draft.phone)) {
    problems.push({ field: "phone", rule: "SOP-20", reason: "missing" });
  } else {
    phone = normalizePhone(draft.phone);
    if (!phone) problems.push({ field: "phone", rule: "SOP-20", reason: "invalid" });
  }

  let goods: string | undefined;
  if (isBlank(draft.goods)) {
    problems.push({ field: "goods", rule: "SOP-26", reason: "missing" });
  } else {
    const checked = checkGoods(draft.goods, { byAir: draft.byAir === true });
    if (checked.ok) goods = checked.goods;
    else if ("matched" in checked) {
      problems.push({ field: "goods", rule: "SOP-26", reason: checked.reason, matched: checked.matched });
    } else problems.push({ field: "goods", rule: "SOP-26", reason: checked.reason });
  }

  let payment: PaymentMethod | undefined;
  if (isBlank(draft.payment)) {
    problems.push({ field: "payment", rule: "SOP-28", reason: "missing" });
  } else {
    const p = draft.payment.trim();
    if (isPaymentMethod(p)) payment = p;
    else problems.push({ field: "payment", rule: "SOP-28", reason: "invalid" });
  }

  if (problems.length > 0 || !address || !phone || !goods || !payment) return { ok: false, problems };

  const courier = zone ? (directory.courierOf(zone) ?? null) : null;
  const morning = draft.morning === true;
  const value: ValidPickup = {
    address,
    phone,
    zone: zone ?? null,
    courier,
    goods,
    payment,
    morning,
    // SOP-23 changes who the customer talks to, not the desk's schedule: the record keeps SOP-20/22.
    ...pickupSchedule(deps.policy, deps.calendar, deps.now),
  };
  if (morning) {
    const courierPhone = courier?.phone ? normalizePhone(courier.phone) : undefined;
    if (courierPhone) value.courierPhone = courierPhone;
    // Whether the courier answers is not known yet, so the fallback goes with every morning request.
    if (directory.data.branchPoints.length > 0) value.branchPoints = [...directory.data.branchPoints];
  }
  return { ok: true, value };
}
