import { z } from "zod";
import type { BranchPoint } from "../../domain/config/directory";
import { ADDRESS_MAX_LENGTH } from "../../domain/kernel/address";
import { formatClock } from "../../domain/kernel/format";
import {
  GOODS_MAX_LENGTH,
  type PickupDeps,
  type PickupDraft,
  pickupSchedule,
  validatePickupDraft,
} from "../../domain/pickups/rules";
import { PAYMENT_METHODS } from "../../domain/ports/records";
import { ask, choice, say } from "../common";
import type { FlowContext, Reply } from "../types";
import { formatDay } from "./format";

/**
 * The pickup request as its form holds it, and what the pickup flow says besides its questions:
 * the words for a problem with an answer, the choices of a day and time, the air refusal, and the
 * courier's contacts for a morning pickup.
 */
export const WHEN = ["afternoon", "morning"] as const;

/** The request so far: a field without a value is still to be asked. */
export const draftSchema = z.object({
  address: z
    .string()
    .max(ADDRESS_MAX_LENGTH * 2)
    .optional(),
  phone: z.string().max(40).optional(),
  goods: z
    .string()
    .max(GOODS_MAX_LENGTH * 2)
    .optional(),
  byAir: z.boolean().optional(),
  payment: z.enum(PAYMENT_METHODS).optional(),
  when: z.enum(WHEN).optional(),
});
export type Draft = z.infer<typeof draftSchema>;

/**
 * Something to put right in one answer: a problem the pickup rules (or the desk) found. The form
 * keeps the one a question was asked with, so the air refusal (by road, or other goods?) is asked
 * again as it was when the customer types instead of choosing.
 */
export const issueSchema = z.object({
  field: z.enum(["address", "phone", "goods", "byAir", "payment", "when"]),
  reason: z.string().max(64),
  matched: z.string().max(200).optional(),
});
export type Issue = z.infer<typeof issueSchema>;

export function toPickupDraft(draft: Draft): PickupDraft {
  const { address, phone, goods, payment, byAir } = draft;
  return { address, phone, goods, payment, byAir, morning: draft.when === "morning" };
}

export function pickupDeps(ctx: FlowContext): PickupDeps {
  const { policy, calendar, directory } = ctx.deps;
  return { policy, calendar, directory, now: ctx.now };
}

/** What to say about an issue; the words of the catalogue, the rules of the pickup area. */
export function issueText(ctx: FlowContext, issue: Issue): string {
  const matched = issue.matched ?? "";
  switch (issue.field) {
    case "address":
      if (issue.reason === "outside_coverage") {
        // SOP-27: outside every zone; the hotline helps (SOP-13: the customer is not left alone).
        return ctx.t("customer.pickup.outsideCoverage", { hotline: ctx.deps.directory.branch.hotline });
      }
      if (issue.reason === "too_long")
        return ctx.t("customer.pickup.addressTooLong", { max: ADDRESS_MAX_LENGTH });
      return ctx.t("customer.pickup.halfAddress"); // SOP-20: do not take half an address
    case "phone":
      return ctx.t("customer.pickup.badPhone");
    case "goods":
      if (issue.reason === "prohibited") return ctx.t("customer.pickup.goodsProhibited", { matched });
      if (issue.reason === "fragile") return ctx.t("customer.pickup.goodsFragile", { matched });
      if (issue.reason === "air_prohibited") return ctx.t("customer.pickup.goodsAir", { matched });
      if (issue.reason === "too_long")
        return ctx.t("customer.pickup.goodsTooLong", { max: GOODS_MAX_LENGTH });
      return ctx.t("customer.pickup.askGoods");
    case "payment":
      return ctx.t("customer.pickup.paymentAgain");
    case "byAir":
    case "when":
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

/** SOP-20/SOP-22: the afternoon on the day the schedule allows; after the cut-off that is the next day. */
export function whenPrompt(ctx: FlowContext): Reply[] {
  const { policy, calendar } = ctx.deps;
  const schedule = pickupSchedule(policy, calendar, ctx.now);
  const day = formatDay(ctx, schedule.pickupDay);
  const replies: Reply[] = [];
  if (schedule.nextDay) {
    const today = calendar.localDate(ctx.now);
    replies.push(
      say(
        calendar.isDeskDay(today)
          ? ctx.t("customer.pickup.afterCutoff", { cutoff: policy.pickup.cutoff.text, day })
          : ctx.t("customer.pickup.closedToday", { day }),
      ),
    );
  }
  const time = formatClock(schedule.earliestAt, calendar);
  replies.push(
    ask(ctx.t("customer.pickup.askWhen"), [
      { label: ctx.t("customer.pickup.when.afternoon", { day, time }), value: "when:afternoon" },
      choice(ctx, "customer.pickup.when.morning", "when:morning"),
    ]),
  );
  return replies;
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
  const checked = validatePickupDraft({ ...toPickupDraft(draft), morning: true }, pickupDeps(ctx));
  if (!checked.ok) return { branchPoints: ctx.deps.directory.data.branchPoints };
  const v = checked.value;
  return { courierName: v.courier?.name, courierPhone: v.courierPhone, branchPoints: v.branchPoints };
}
