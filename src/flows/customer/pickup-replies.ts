import { z } from "zod";
import type { BranchPoint } from "../../domain/config/directory";
import { normaliseTyped } from "../../domain/intents/text";
import { ADDRESS_MAX_LENGTH } from "../../domain/kernel/address";
import { formatClock } from "../../domain/kernel/format";
import { lastPhonePhrases } from "../../domain/messages/pickup-updates";
import {
  DESTINATION_MAX_LENGTH,
  GOODS_MAX_LENGTH,
  nearestZones,
  type PickupDeps,
  type PickupDraft,
  type PickupWhen,
  pickupSchedule,
  validatePickupDraft,
} from "../../domain/pickups/rules";
import { MAX_DAYS_AHEAD, morningOpen } from "../../domain/pickups/when";
import { PAYMENT_METHODS } from "../../domain/ports/records";
import { ask, choice, say } from "../common";
import type { Choice, FlowContext, Reply } from "../types";
import { formatDay } from "./format";

/**
 * The pickup request as its form holds it, and what the pickup flow says besides its questions:
 * the words for a problem with an answer, the choices of a day and time (buttons, or a typed time
 * judged by the pickup rules), the air refusal, and the courier's contacts for a morning pickup.
 */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The time chosen, in one value (the form hands its summary the fields' values only):
 * "afternoon" or "morning" (the first the rules allow), "afternoon@2026-11-28" or
 * "morning@2026-11-28" (that day), "at@2026-11-28T07:00:00.000Z" (a time the customer named).
 */
const whenValue = z
  .string()
  .max(40)
  .regex(/^(?:(?:afternoon|morning)(?:@\d{4}-\d{2}-\d{2})?|at@\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/);

/** The request so far: a field without a value is still to be asked. */
export const draftSchema = z.object({
  address: z
    .string()
    .max(ADDRESS_MAX_LENGTH * 2)
    .optional(),
  phone: z.string().max(40).optional(),
  /** SOP-27: the destination city, inside the coverage, as the rules label it ("西藏拉萨"). */
  destination: z
    .string()
    .max(DESTINATION_MAX_LENGTH * 2)
    .optional(),
  goods: z
    .string()
    .max(GOODS_MAX_LENGTH * 2)
    .optional(),
  byAir: z.boolean().optional(),
  payment: z.enum(PAYMENT_METHODS).optional(),
  when: whenValue.optional(),
  /** The phone of the customer's last pickup, offered back with one tap (SOP-20). */
  lastPhone: z.string().max(40).optional(),
  /** Other goods were asked for after an air refusal: the new goods keep "by air" (checked for it). */
  keepAir: z.boolean().optional(),
  /** A time the starting words named that the rules refused: the time step says why (pickup-start.ts). */
  whenWords: z.string().max(400).optional(),
});
export type Draft = z.infer<typeof draftSchema>;

/**
 * Something to put right in one answer: a problem the pickup rules (or the desk) found. The form
 * keeps the one a question was asked with, so the air refusal (by road, or other goods?) and a
 * refused time (with the day offered instead) are asked again as they were.
 */
export const issueSchema = z.object({
  field: z.enum(["address", "phone", "destination", "goods", "byAir", "payment", "when"]),
  reason: z.string().max(64),
  matched: z.string().max(200).optional(),
  /** A refused time: the day offered instead. */
  day: isoDay.optional(),
});
export type Issue = z.infer<typeof issueSchema>;

/** The customer's choice of time as the pickup rules read it. */
export function whenOf(draft: Pick<Draft, "when">): PickupWhen | undefined {
  const [kind, rest] = (draft.when ?? "").split("@");
  if (kind === "afternoon" || kind === "morning") return { kind, day: rest };
  if (kind !== "at" || !rest) return undefined;
  const at = new Date(rest);
  return Number.isNaN(at.getTime()) ? undefined : { kind: "at", at };
}

/** A choice of time as the draft keeps it (whenOf reads it back). */
export function whenDraft(when: PickupWhen): string {
  if (when.kind === "at") return `at@${when.at.toISOString()}`;
  return when.day ? `${when.kind}@${when.day}` : when.kind;
}

export function toPickupDraft(draft: Draft): PickupDraft {
  const { address, phone, destination, goods, payment, byAir } = draft;
  const when = whenOf(draft);
  return { address, phone, destination, goods, payment, byAir, morning: when?.kind === "morning", when };
}

export function pickupDeps(ctx: FlowContext): PickupDeps {
  const { policy, calendar, directory } = ctx.deps;
  return { policy, calendar, directory, now: ctx.now };
}

/** SOP-27: the zones an address outside every zone is shown, with their roads (and the hotline). */
function zonesText(ctx: FlowContext, address: string): string {
  return nearestZones(ctx.deps.directory, address)
    .map((z) => ctx.t("pickup.address.zone", { zone: z.name, keywords: z.keywords.join("、") }))
    .join("\n");
}

function addressText(ctx: FlowContext, issue: Issue): string {
  const hotline = ctx.deps.directory.branch.hotline;
  const zones = zonesText(ctx, issue.matched ?? "");
  // SOP-27: outside every zone, the nearest zones and the hotline (SOP-13: never a flat refusal).
  if (issue.reason === "outside_coverage") return ctx.t("pickup.address.outside", { zones, hotline });
  if (issue.reason === "too_long")
    return ctx.t("customer.pickup.addressTooLong", { max: ADDRESS_MAX_LENGTH });
  return ctx.t("customer.pickup.halfAddress"); // SOP-20: do not take half an address
}

/** SOP-27: a destination outside the network's coverage, or one no place could be read from. */
function destinationText(ctx: FlowContext, issue: Issue): string {
  const place = issue.matched ?? "";
  switch (issue.reason) {
    case "outside":
      return ctx.t("customer.pickup.destinationOutside", { place });
    case "unknown":
      return ctx.t("customer.pickup.destinationUnknown", { place });
    case "too_long":
      return ctx.t("customer.pickup.destinationTooLong", { max: DESTINATION_MAX_LENGTH });
    default:
      return ctx.t("customer.pickup.askDestination");
  }
}

/** A refused time: why, in the customer's words (no rule ids), and which day is offered. */
function whenText(ctx: FlowContext, issue: Issue): string {
  const { policy } = ctx.deps;
  const day = issue.day ? formatDay(ctx, issue.day) : "";
  switch (issue.reason) {
    case "after_cutoff":
      return ctx.t("pickup.when.afterCutoff", {
        asked: issue.matched ?? ctx.t("pickup.when.evening"),
        cutoff: policy.pickup.cutoff.text,
        day,
      });
    case "before_earliest":
      return ctx.t("pickup.when.beforeEarliest", { earliest: policy.pickup.earliest.text, day });
    case "passed":
      return ctx.t("pickup.when.passed");
    case "closed_day":
      return ctx.t("pickup.when.closedDay", { day });
    case "too_far":
      return ctx.t("pickup.when.tooFar", { max: MAX_DAYS_AHEAD });
    case "not_understood":
      return ctx.t("pickup.when.notUnderstood");
    default:
      return ctx.t("customer.chooseBelow");
  }
}

/** What to say about an issue; the words of the catalogue, the rules of the pickup area. */
export function issueText(ctx: FlowContext, issue: Issue): string {
  const matched = issue.matched ?? "";
  switch (issue.field) {
    case "address":
      return addressText(ctx, issue);
    case "phone":
      return ctx.t("customer.pickup.badPhone");
    case "destination":
      return destinationText(ctx, issue);
    case "goods":
      if (issue.reason === "prohibited") return ctx.t("customer.pickup.goodsProhibited", { matched });
      if (issue.reason === "fragile") return ctx.t("customer.pickup.goodsFragile", { matched });
      if (issue.reason === "air_prohibited") return ctx.t("customer.pickup.goodsAir", { matched });
      if (issue.reason === "too_long")
        return ctx.t("customer.pickup.goodsTooLong", { max: GOODS_MAX_LENGTH });
      return ctx.t("customer.pickup.askGoods");
    case "payment":
      return ctx.t("customer.pickup.paymentAgain");
    case "when":
      return whenText(ctx, issue);
    case "byAir":
      return ctx.t("customer.chooseBelow");
  }
}

/** SOP-26: goods that may not fly; the customer sends them by road or chooses other goods. */
export function airRefusedPrompt(ctx: FlowContext, issue: Issue): Reply {
  return ask(issueText(ctx, issue), [
    choice(ctx, "customer.pickup.button.road", "road"),
    choice(ctx, "customer.pickup.button.otherGoods", "other"),
  ]);
}

/**
 * SOP-22: said first, before any question: after the cut-off (or on a closed day) it is another day.
 * Only for a customer who asked for today or named no day: one who asked for tomorrow ("明天下午来取")
 * got what they asked, and the cut-off would read as a refusal.
 */
export function cutoffNotice(ctx: FlowContext, askedDay?: string): Reply[] {
  const { policy, calendar } = ctx.deps;
  const schedule = pickupSchedule(policy, calendar, ctx.now);
  const today = calendar.localDate(ctx.now);
  if (!schedule.nextDay || (askedDay !== undefined && askedDay !== today)) return [];
  const day = formatDay(ctx, schedule.pickupDay);
  return [
    say(
      calendar.isDeskDay(today)
        ? ctx.t("customer.pickup.afterCutoff", { cutoff: policy.pickup.cutoff.text, day })
        : ctx.t("customer.pickup.closedToday", { day }),
    ),
  ];
}

/** The afternoon of `day` (default: the first the rules allow) as its button reads: "今天(11月27日) 15:00 以后". */
function afternoonChoice(ctx: FlowContext, day?: string): Choice {
  const { policy, calendar } = ctx.deps;
  const first = pickupSchedule(policy, calendar, ctx.now);
  const pickupDay = day ?? first.pickupDay;
  const from =
    pickupDay === first.pickupDay
      ? first.earliestAt
      : calendar.atLocalTime(pickupDay, policy.pickup.earliest);
  return {
    label: ctx.t("customer.pickup.when.afternoon", {
      day: formatDay(ctx, pickupDay),
      time: formatClock(from, calendar),
    }),
    value: day ? `when:afternoon:${day}` : "when:afternoon",
  };
}

/**
 * SOP-20/SOP-22/SOP-23: the afternoon the rules allow, or a morning pickup; after a refused time,
 * the day offered instead. A time may also be typed ("明天下午3点").
 */
export function whenPrompt(ctx: FlowContext, issue?: Issue): Reply[] {
  const deps = { policy: ctx.deps.policy, calendar: ctx.deps.calendar, now: ctx.now };
  const offered = issue?.day;
  const choices: Choice[] = [afternoonChoice(ctx, offered)];
  if (!offered) choices.push(choice(ctx, "customer.pickup.when.morning", "when:morning"));
  else if (morningOpen(deps, offered)) {
    choices.push({
      label: ctx.t("pickup.when.morningButton", { day: formatDay(ctx, offered) }),
      value: `when:morning:${offered}`,
    });
  }
  const text = issue
    ? issueText(ctx, issue)
    : `${ctx.t("customer.pickup.askWhen")}\n${ctx.t("pickup.when.hint")}`;
  return [ask(text, choices)];
}

/** A pressed time button as the rules read it; undefined when the value is not one. */
export function whenButton(value: string | undefined): PickupWhen | undefined {
  const m = /^when:(afternoon|morning)(?::(\d{4}-\d{2}-\d{2}))?$/.exec(value ?? "");
  if (!m) return undefined;
  return { kind: m[1] === "morning" ? "morning" : "afternoon", day: m[2] };
}

export interface MorningContacts {
  courierName?: string | undefined;
  courierPhone?: string | undefined;
  branchPoints?: readonly BranchPoint[] | undefined;
}

/** SOP-23: a morning pickup is agreed with the zone's courier directly; branch points are the fallback. */
export function morningReplies(ctx: FlowContext, contacts: MorningContacts): Reply[] {
  const { courierName, courierPhone } = contacts;
  const replies: Reply[] = [
    say(
      courierName && courierPhone
        ? ctx.t("customer.pickup.morning", { name: courierName, phone: courierPhone })
        : ctx.t("customer.pickup.morningHotline", { hotline: ctx.deps.directory.branch.hotline }),
    ),
  ];
  const points = contacts.branchPoints ?? [];
  if (points.length > 0) {
    replies.push({
      kind: "list",
      title: ctx.t("customer.pickup.branchPointsTitle"),
      items: points.map((p) =>
        ctx.t("customer.pickup.branchPoint", { name: p.name, address: p.address, phone: p.phone }),
      ),
    });
  }
  return replies;
}

/** The morning contacts the pickup rules give for this draft (SOP-23). */
export function morningContacts(ctx: FlowContext, draft: Draft): MorningContacts {
  const chosen = whenOf(draft);
  const morning: PickupWhen = { kind: "morning", day: chosen?.kind === "morning" ? chosen.day : undefined };
  const checked = validatePickupDraft({ ...toPickupDraft(draft), when: morning }, pickupDeps(ctx));
  if (!checked.ok) return { branchPoints: ctx.deps.directory.data.branchPoints };
  const v = checked.value;
  return { courierName: v.courier?.name, courierPhone: v.courierPhone, branchPoints: v.branchPoints };
}

/** The button that takes the last pickup's phone again. */
export const LAST_PHONE = "phone:last";

/**
 * SOP-20: the phone question. A second pickup offers the last one's phone back (one tap, or
 * typed words that mean it), also when a typed number was not one; a first pickup offers to share
 * the phone's own number.
 */
export function phonePrompt(ctx: FlowContext, lastPhone: string | undefined, issue?: Issue): Reply[] {
  if (lastPhone) {
    const text = issue
      ? ctx.t("pickup.phone.orLast", { problem: issueText(ctx, issue) })
      : ctx.t("pickup.phone.askAgain");
    return [ask(text, [{ label: ctx.t("pickup.phone.useLast", { phone: lastPhone }), value: LAST_PHONE }])];
  }
  const text = issue ? issueText(ctx, issue) : ctx.t("customer.pickup.askPhone");
  return [{ kind: "ask_contact", text, buttonLabel: ctx.t("customer.pickup.sharePhone") }];
}

/** "就用上次的", "用上次的号码吧", "same as last time": the last pickup's phone, typed (not "不用上次的"). */
export function saysLastPhone(text: string): boolean {
  const typed = ` ${normaliseTyped(text)} `;
  const han = typed.replace(/ /g, "");
  const has = (zh: readonly string[], en: readonly string[]) =>
    zh.some((p) => han.includes(p)) || en.some((p) => typed.includes(` ${p} `));
  return (
    has(lastPhonePhrases.zh, lastPhonePhrases.en) && !has(lastPhonePhrases.not.zh, lastPhonePhrases.not.en)
  );
}
