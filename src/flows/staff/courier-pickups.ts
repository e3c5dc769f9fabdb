import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { personLabel } from "../../domain/kernel/format";
import {
  DECLINE_REASONS,
  type DeclineReason,
  declineReasonText,
  declineText,
  isDeclineReason,
} from "../../domain/pickups/decline";
import { RETURN_REASONS } from "../../domain/pickups/return-reasons";
import type { PickupRequest } from "../../domain/ports/records";
import { ask, say } from "../common";
import type { Choice, Flow, FlowContext, FlowInput, Reply, Step } from "../types";
import {
  askReturnReason,
  onReturnReason,
  RECENT,
  RETURN,
  recentButton,
  recentList,
  returnButton,
} from "./courier-returns";
import { describePickup, pickupButtonLabel } from "./pickup-view";
import { askReason, askReasonWords, type ReasonPicker, SKIP_WORDS, tappedReason } from "./reason-picker";
import { common, done, flowButton, ID, me, menuButton } from "./shared";

/**
 * `/jobs` for couriers (业务员): the pickups assigned to or accepted by them. On one: accept or
 * decline it, mark it collected, and report the goods ready (SOP-24: the zone's driver is told at
 * once). Started with a pickup id as args (after the `pa` notice button) it opens that pickup;
 * with "decline <id>" (the `pd` notice button) it asks why, one tap, and declines with the reason.
 * A reason may be typed instead ("车坏了,下午去不了"): "other", with the courier's words. Goods
 * collected that may not be sent are returned to the customer (SOP-26, courier-returns.ts).
 */
const courierState = z.object({
  // decline: why? (buttons, or typed words); reason: "other" tapped, a few words asked (or skip).
  // return: why can't the goods be sent (SOP-26)? returnText: "other" tapped, a line asked (or skip).
  // returnConfirm: words typed for the return, read back before the customer is told (SOP-26).
  // waybill: the waybill number of a collected pickup asked (issue 17: its customer follows it).
  step: z.enum(["list", "pickup", "decline", "reason", "return", "returnText", "returnConfirm", "waybill"]),
  pickupId: z.string().regex(ID).optional(),
  reason: z.enum(RETURN_REASONS).optional(),
  text: z.string().max(200).optional(),
});
type CourierState = z.infer<typeof courierState>;

export function courierPickupsFlow(desk: Desk): Flow<CourierState> {
  return {
    name: "courier-pickups",
    command: "jobs",
    menu: { label: "staff.menu.jobs", position: 50 },
    roles: ["courier"],
    state: courierState,
    async start(ctx, args) {
      const declining = /^decline\s+(\S+)$/.exec(args.trim())?.[1];
      if (declining !== undefined) return askDeclineReason(ctx, declining);
      const id = args.trim();
      const pickup = ID.test(id) ? await ctx.deps.lookups.pickup(id) : undefined;
      if (pickup && pickup.courierId === me(ctx).id) return showPickup(ctx, pickup);
      return list(desk, ctx, []);
    },
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      const value = input.kind === "choice" ? input.value : "";
      const person = me(ctx);

      if (state.step === "list" || !state.pickupId) {
        if (value === RECENT) return recentList(desk, ctx);
        const id = /^p\.(.+)$/.exec(value)?.[1];
        const pickup = id && ID.test(id) ? await ctx.deps.lookups.pickup(id) : undefined;
        if (!pickup || pickup.courierId !== person.id)
          return list(desk, ctx, [say(ctx.t("staff.pickFromList"))]);
        return showPickup(ctx, pickup);
      }

      const id = state.pickupId;
      if (state.step === "decline" || state.step === "reason") {
        return onDeclineReason(desk, ctx, state.step, id, input);
      }
      if (state.step === "waybill") return onWaybill(desk, ctx, id, input);
      if (state.step === "return" || state.step === "returnText" || state.step === "returnConfirm") {
        return onReturnReason(desk, ctx, { ...state, step: state.step }, id, input);
      }
      switch (value) {
        case "acc": {
          const r = await desk.acceptPickup(person.id, id);
          if (r.ok) return showPickup(ctx, r.pickup, [say(ctx.t("staff.courier.accepted"))]);
          return list(desk, ctx, [say(refusal(ctx, r.reason))]);
        }
        case "dec":
          return askDeclineReason(ctx, id);
        case RETURN:
          return askReturnReason(ctx, id); // SOP-26
        case WAYBILL:
          return askWaybill(ctx, id);
        case "col": {
          const r = await desk.collectPickup(person.id, id);
          if (r.ok) return showPickup(ctx, r.pickup, [say(ctx.t("staff.courier.collected"))]);
          return list(desk, ctx, [say(refusal(ctx, r.reason))]);
        }
        case "gr": {
          // SOP-24: goods to collect → the driver is told at once; the desk says whom it told.
          const r = await desk.goodsReady(person.id, id);
          if (r.ok) {
            const name = personLabel(ctx.deps, ctx.language, r.driver.id);
            return done(ask(ctx.t("staff.courier.driverTold", { name }), backButtons(ctx)));
          }
          return list(desk, ctx, [say(refusal(ctx, r.reason))]);
        }
        default: {
          const pickup = await ctx.deps.lookups.pickup(id);
          if (!pickup) return list(desk, ctx, []);
          // A number typed on a collected pickup is its waybill (issue 17).
          if (pickup.status === "collected" && input.kind === "text") return onWaybill(desk, ctx, id, input);
          return showPickup(ctx, pickup, [say(ctx.t("staff.useButtons"))]);
        }
      }
    },
  };
}

async function list(desk: Desk, ctx: FlowContext, before: Reply[]): Promise<Step<CourierState>> {
  const mine = await desk.courierPickups(me(ctx).id);
  // SOP-26: the goods collected lately stay one button away (to return them to the customer).
  const recent = await recentButton(desk, ctx);
  if (mine.length === 0) {
    if (!recent) return done(...before, ask(ctx.t("staff.courier.none"), [menuButton(ctx)]));
    return {
      replies: [...before, ask(ctx.t("staff.courier.none"), [recent, menuButton(ctx)])],
      next: { step: "list" },
    };
  }
  const choices: Choice[] = [
    ...mine.slice(0, 10).map((p) => ({ label: pickupButtonLabel(ctx, p), value: `p.${p.id}` })),
    ...(recent ? [recent] : []),
    flowButton(ctx, "staff.button.refresh", "courier-pickups"),
    menuButton(ctx),
  ];
  return {
    replies: [...before, ask(ctx.t("staff.courier.title", { count: mine.length }), choices)],
    next: { step: "list" },
  };
}

function showPickup(ctx: FlowContext, pickup: PickupRequest, before: Reply[] = []): Step<CourierState> {
  const choices: Choice[] = [];
  if (pickup.status === "assigned") {
    choices.push({ label: ctx.t("staff.courier.button.accept"), value: "acc" });
    choices.push({ label: ctx.t("staff.courier.button.decline"), value: "dec" });
  }
  if (pickup.status === "accepted")
    choices.push({ label: ctx.t("staff.courier.button.collected"), value: "col" });
  if (pickup.status === "accepted" || pickup.status === "collected") {
    choices.push({ label: ctx.t("staff.courier.button.goodsReady"), value: "gr" });
  }
  if (pickup.status === "collected") {
    choices.push({ label: ctx.t("waybill.button"), value: WAYBILL }); // issue 17
    choices.push(returnButton(ctx)); // SOP-26
  }
  choices.push(flowButton(ctx, "staff.button.back", "courier-pickups"));
  return {
    replies: [...before, ask(describePickup(ctx, pickup), choices)],
    next: { step: "pickup", pickupId: pickup.id },
  };
}

export function refusal(ctx: FlowContext, reason: string): string {
  switch (reason) {
    case "taken":
      return ctx.t("staff.courier.taken");
    case "too_late":
      return ctx.t("staff.courier.tooLate");
    case "not_yours":
      return ctx.t("staff.courier.notYours");
    case "no_driver":
      return ctx.t("staff.courier.noDriver");
    case "not_collected":
      return ctx.t("pickup.return.notCollected");
    default:
      return ctx.t("staff.pickup.notFound");
  }
}

export function backButtons(ctx: FlowContext): Choice[] {
  return [flowButton(ctx, "staff.courier.button.jobs", "courier-pickups"), menuButton(ctx)];
}

/**
 * The answer to "why decline?": a tapped reason declines at once; "other" asks for a few words
 * (one line, or skip); words typed at either question are the reason ("other", with the words).
 */
async function onDeclineReason(
  desk: Desk,
  ctx: FlowContext,
  step: "decline" | "reason",
  id: string,
  input: FlowInput,
): Promise<Step<CourierState>> {
  const value = input.kind === "choice" ? input.value : "";
  const typed = input.kind === "text" ? declineText(input.text) : undefined;
  if (typed) return declineWith(desk, ctx, id, "other", typed);
  if (step === "reason") {
    if (value === SKIP_WORDS) return declineWith(desk, ctx, id, "other");
    return askReasonWords(ctx, DECLINE_PICKER, id);
  }
  const reason = tappedReason(DECLINE_PICKER, value);
  if (reason === "other") return askReasonWords(ctx, DECLINE_PICKER, id);
  if (!reason) return askDeclineReason(ctx, id, [say(ctx.t("staff.useButtons"))]);
  return declineWith(desk, ctx, id, reason);
}

/** The decline and its reason: dispatch is pinged again with the reason (the words, if typed). */
async function declineWith(
  desk: Desk,
  ctx: FlowContext,
  id: string,
  reason: DeclineReason,
  words?: string,
): Promise<Step<CourierState>> {
  const r = await desk.declinePickup(me(ctx).id, id, reason, words);
  if (!r.ok) return list(desk, ctx, [say(refusal(ctx, r.reason))]);
  const why = declineReasonText(ctx.language, { reason, text: words });
  return done(ask(ctx.t("pickup.decline.done", { reason: why }), backButtons(ctx)));
}

/**
 * Why decline? One tap names the reason and declines (the reasons of pickups/decline.ts); "other
 * reason" tapped asks a few words for dispatch, one line, or skip.
 */
const DECLINE_PICKER: ReasonPicker<DeclineReason, "decline" | "reason"> = {
  reasons: () => DECLINE_REASONS,
  isReason: isDeclineReason,
  label: (reason) => `pickup.declineReason.${reason}`,
  prefix: "why",
  ask: "pickup.decline.ask",
  askText: "pickup.decline.askText",
  steps: { reason: "decline", words: "reason" },
};

function askDeclineReason(ctx: FlowContext, id: string, before: Reply[] = []): Promise<Step<CourierState>> {
  return askReason(ctx, DECLINE_PICKER, id, before);
}

const WAYBILL = "wb";

function askWaybill(
  ctx: FlowContext,
  id: string,
  before: Reply[] = [],
  key: "waybill.ask" | "waybill.malformed" = "waybill.ask",
): Step<CourierState> {
  return {
    replies: [...before, ask(ctx.t(key), [flowButton(ctx, "staff.button.back", "courier-pickups")])],
    next: { step: "waybill", pickupId: id },
  };
}

/** Issue 17: the waybill typed for a collected pickup; the desk records it and tells the customer. */
async function onWaybill(
  desk: Desk,
  ctx: FlowContext,
  id: string,
  input: FlowInput,
): Promise<Step<CourierState>> {
  if (input.kind !== "text") return askWaybill(ctx, id, [say(ctx.t("staff.useButtons"))]);
  const r = await desk.recordPickupWaybill(me(ctx).id, id, input.text);
  if (r.ok) {
    const key = r.already ? "waybill.already" : "waybill.recorded";
    return showPickup(ctx, r.pickup, [say(ctx.t(key, { trackingNo: r.trackingNo }))]);
  }
  switch (r.reason) {
    case "malformed":
      return askWaybill(ctx, id, [], "waybill.malformed");
    case "used_elsewhere":
      return askWaybill(ctx, id, [say(ctx.t("waybill.usedElsewhere", { trackingNo: input.text.trim() }))]);
    case "check_digit":
      return askWaybill(ctx, id, [say(ctx.t("waybill.checkDigit", { trackingNo: input.text.trim() }))]);
    case "other_waybill": {
      const recorded = (await desk.pickupWaybill(id)) ?? "";
      return list(desk, ctx, [say(ctx.t("waybill.other", { recorded }))]);
    }
    case "not_collected":
      return list(desk, ctx, [say(ctx.t("waybill.notCollected"))]);
    default:
      return list(desk, ctx, [say(refusal(ctx, r.reason))]);
  }
}
