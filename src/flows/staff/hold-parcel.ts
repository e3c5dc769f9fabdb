import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { ORIGIN_MESSAGED, ORIGIN_REPLIED } from "../../domain/desk/notice-actions";
import { HEAD_OFFICE_PLACE, holdState, holdTimeline } from "../../domain/holds/timeline";
import { CUSTOMER_CALLS } from "../../domain/holds/use-cases";
import { formatLocalTime } from "../../domain/kernel/format";
import type { SelfPickupHold } from "../../domain/ports/records";
import { ask, forStaff, handOver, say } from "../common";
import type { Choice, Flow, FlowContext, Step } from "../types";
import {
  cancelButton,
  common,
  done,
  flowButton,
  ID,
  me,
  menuButton,
  readTrackingNo,
  startWithTrackingNo,
} from "./shared";

/**
 * `/hold` (自提, SOP-37, SOP-50..SOP-53) for agents and couriers: a tracking number, then what
 * applies to it: put it on hold at a branch point or head office (总公司), once asked whether the
 * customer was called (SOP-53, kept with the hold); or, when it is held, mark it collected, record
 * that the origin branch was messaged (SOP-50), or that it replied (which stops SOP-51's return),
 * or, for agents and duty leads, that the origin asks it back (SOP-52: on into /return).
 */
const holdFlowState = z.object({
  step: z.enum(["tracking", "action"]),
  trackingNo: z.string().max(64).optional(),
  /** SOP-53: the answer to "was the customer called?", asked before the place. */
  called: z.enum(CUSTOMER_CALLS).optional(),
});
type HoldFlowState = z.infer<typeof holdFlowState>;

/** The SOP-50 / SOP-51 steps, named as on the desk's notice buttons (domain/desk/notice-actions.ts). */
type OriginStep = typeof ORIGIN_MESSAGED | typeof ORIGIN_REPLIED;
const ORIGIN_STEP = new RegExp(`^(${ORIGIN_MESSAGED}|${ORIGIN_REPLIED})\\.(.+)$`);

export function holdParcelFlow(desk: Desk): Flow<HoldFlowState> {
  const flow: Flow<HoldFlowState> = {
    name: "hold-parcel",
    command: "hold",
    menu: { label: "staff.menu.hold", position: 80 },
    roles: ["agent", "courier"],
    state: holdFlowState,
    start: (ctx, args) => {
      // A notice's "origin messaged / replied" button (actions.ts) lands here: one answer, in the flow.
      const step = ORIGIN_STEP.exec(args.trim());
      if (step?.[1] && step[2] && ID.test(step[2]))
        return originStep(desk, ctx, originStepOf(step[1]), step[2]);
      return startWithTrackingNo(flow, ctx, args, { step: "tracking" });
    },
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      // A tracking number typed at any step starts on that parcel: staff go through a pile of them.
      const typedNo = input.kind === "text" ? readTrackingNo(ctx, input.text) : undefined;
      if (state.step === "tracking" || !state.trackingNo || typedNo) {
        const trackingNo = typedNo;
        if (!trackingNo)
          return { replies: [ask(ctx.t("staff.badTrackingNo"), [cancelButton(ctx)])], next: state };
        if (!(await ctx.deps.lookups.knowsParcel(trackingNo))) {
          return {
            replies: [ask(ctx.t("staff.unknownParcel", { trackingNo }), [cancelButton(ctx)])],
            next: state,
          };
        }
        return showActions(desk, ctx, trackingNo);
      }

      const trackingNo = state.trackingNo;
      const person = me(ctx);
      const value = input.kind === "choice" ? input.value : "";

      // SOP-53: called first. Not yet: the rule is said, and the question stays.
      const call = /^c\.(reached|not_reached|not_called)$/.exec(value)?.[1];
      if (call === "not_called")
        return showActions(desk, ctx, trackingNo, [say(ctx.t("staff.hold.callFirst"))]);
      if (call === "reached" || call === "not_reached") return showActions(desk, ctx, trackingNo, [], call);

      // SOP-52: the origin asks for it back: the return is recorded in /return, on this parcel.
      // A courier has no such button: a forged or old one gets the actions again.
      if (value === "back" && recordsReturns(ctx)) return handOver([], "return-parcel", trackingNo);

      const place = /^p\.(h|\d{1,3})$/.exec(value)?.[1];
      if (place !== undefined) {
        const name =
          place === "h" ? HEAD_OFFICE_PLACE : ctx.deps.directory.data.branchPoints[Number(place)]?.name;
        // An old place button pressed before the SOP-53 question was answered asks it.
        if (!name || !state.called) return showActions(desk, ctx, trackingNo);
        const held = await desk.markHeld(person.id, trackingNo, name, state.called);
        if (held.ok) return finish(ctx, heldText(ctx, held.hold));
        return finish(
          ctx,
          held.reason === "marked_for_return"
            ? returnMarkedText(ctx, trackingNo, held)
            : ctx.t("staff.hold.alreadyHeld", { trackingNo }),
        );
      }

      if (value === "col") {
        const collected = await desk.markCollected(person.id, trackingNo);
        if (collected.ok) return finish(ctx, ctx.t("staff.hold.collected", { trackingNo }));
        // SOP-52: marked for return meanwhile: it goes back to the origin, not to the customer.
        if (collected.rule !== "SOP-52") return finish(ctx, ctx.t("staff.hold.notHeld", { trackingNo }));
        const marked = await desk.returnFor(trackingNo);
        return finish(
          ctx,
          marked
            ? returnMarkedText(ctx, trackingNo, marked)
            : ctx.t("staff.hold.markedForReturn", { trackingNo }),
        );
      }

      const step = ORIGIN_STEP.exec(value);
      if (step?.[1] && step[2] && ID.test(step[2]))
        return originStep(desk, ctx, originStepOf(step[1]), step[2]);
      return showActions(desk, ctx, trackingNo, [say(ctx.t("staff.useButtons"))], state.called);
    },
    // After /lang: the question on screen again in the new language, the parcel and SOP-53's answer kept.
    resume: (ctx, state) =>
      state.step === "action" && state.trackingNo
        ? showActions(desk, ctx, state.trackingNo, [], state.called)
        : startWithTrackingNo(flow, ctx, "", { step: "tracking" }),
  };
  return flow;
}

/** SOP-37 → SOP-50: the parcel waits at its place; by when the origin is to be messaged. */
export function heldText(ctx: FlowContext, hold: SelfPickupHold): string {
  const next = holdTimeline(hold, ctx.deps.policy);
  return ctx.t("staff.hold.held", {
    trackingNo: hold.trackingNo,
    place: placeName(ctx, hold.place),
    by: next ? formatLocalTime(next.at, forStaff(ctx)) : "—",
  });
}

function originStepOf(value: string): OriginStep {
  return value === ORIGIN_MESSAGED ? ORIGIN_MESSAGED : ORIGIN_REPLIED;
}

/** SOP-51/52: the answer for a parcel with a return recorded, with its waybill marking. */
function returnMarkedText(ctx: FlowContext, trackingNo: string, r: { marking: string }) {
  return ctx.t("staff.hold.returnMarked", { trackingNo, marking: r.marking });
}

/**
 * SOP-50 and SOP-51 steps, from the flow's card or a notice's button (through start): ONE answer to
 * the one who pressed. Once the origin is messaged, that answer carries the "replied" button (SOP-51).
 */
async function originStep(
  desk: Desk,
  ctx: FlowContext,
  step: OriginStep,
  holdId: string,
): Promise<Step<HoldFlowState>> {
  const text = await holdStepText(desk, ctx, step, holdId);
  if (step !== ORIGIN_MESSAGED || !text.hold || text.hold.originRepliedAt) return finish(ctx, text.text);
  const hold = text.hold;
  const choices: Choice[] = [
    { label: ctx.t("staff.hold.button.replied"), value: `${ORIGIN_REPLIED}.${hold.id}` },
    flowButton(ctx, "staff.hold.button.another", "hold-parcel"),
    menuButton(ctx),
  ];
  return { replies: [ask(text.text, choices)], next: { step: "action", trackingNo: hold.trackingNo } };
}

async function holdStepText(
  desk: Desk,
  ctx: FlowContext,
  step: OriginStep,
  holdId: string,
): Promise<{ text: string; hold?: SelfPickupHold }> {
  const person = me(ctx);
  const result =
    step === ORIGIN_MESSAGED
      ? await desk.recordOriginMessaged(person.id, holdId)
      : await desk.recordOriginReply(person.id, holdId);
  if (!result.ok) {
    if (result.reason === "closed") return { text: ctx.t("staff.hold.closed") };
    if (result.reason === "out_of_order") {
      const key = step === ORIGIN_MESSAGED ? "staff.hold.outOfOrderMessaged" : "staff.hold.outOfOrderReplied";
      return { text: ctx.t(key) };
    }
    return { text: ctx.t("staff.hold.notFound") };
  }
  const hold = result.hold;
  if (step === ORIGIN_REPLIED)
    return { text: ctx.t("staff.hold.originReplied", { trackingNo: hold.trackingNo }), hold };
  const next = holdTimeline(hold, ctx.deps.policy);
  const by = next ? formatLocalTime(next.at, forStaff(ctx)) : "—";
  return { text: ctx.t("staff.hold.originMessaged", { trackingNo: hold.trackingNo, by }), hold };
}

export function placeName(ctx: FlowContext, place: string): string {
  return place === HEAD_OFFICE_PLACE ? ctx.t("staff.hold.headOffice") : place;
}

/** SOP-53: before the hold, was the customer called? */
function askCalled(ctx: FlowContext, trackingNo: string, before: Step<HoldFlowState>["replies"]) {
  const choices: Choice[] = [
    ...CUSTOMER_CALLS.map((c) => ({ label: ctx.t(`staff.hold.called.${c}`), value: `c.${c}` })),
    { label: ctx.t("staff.hold.called.not_called"), value: "c.not_called" },
    cancelButton(ctx),
  ];
  return { replies: [...before, ask(ctx.t("staff.hold.askCalled", { trackingNo }), choices)] };
}

/** Whether this person records returns (/return is the agents' and the duty leads'). */
function recordsReturns(ctx: FlowContext): boolean {
  return me(ctx).roles.some((r) => r === "agent" || r === "supervisor");
}

async function showActions(
  desk: Desk,
  ctx: FlowContext,
  trackingNo: string,
  before: Step<HoldFlowState>["replies"] = [],
  called?: HoldFlowState["called"],
): Promise<Step<HoldFlowState>> {
  const hold = await desk.holdFor(trackingNo);
  const next: HoldFlowState = { step: "action", trackingNo };
  // SOP-51/52: a parcel with a return recorded goes back today: not (again) on hold, nor handed out.
  const marked = await desk.returnFor(trackingNo);
  // Held first and marked since (or marked by SOP-51's timer): the same answer, with its way out.
  if (marked) return finish(ctx, returnMarkedText(ctx, trackingNo, marked));
  if (!hold && !called) return { ...askCalled(ctx, trackingNo, before), next };
  if (!hold) {
    next.called = called;
    const choices: Choice[] = [
      ...ctx.deps.directory.data.branchPoints.map((b, i) => ({ label: b.name, value: `p.${i}` })),
      { label: ctx.t("staff.hold.headOffice"), value: "p.h" },
      cancelButton(ctx),
    ];
    return { replies: [...before, ask(ctx.t("staff.hold.askPlace", { trackingNo }), choices)], next };
  }
  const choices: Choice[] = [];
  // Marked for return (SOP-51, SOP-52) it leaves today: no longer the customer's to collect.
  if (!hold.markedForReturnAt) {
    choices.push({ label: ctx.t("staff.hold.button.collected"), value: "col" });
    if (!hold.originMessagedAt) {
      choices.push({ label: ctx.t("staff.hold.button.messaged"), value: `${ORIGIN_MESSAGED}.${hold.id}` });
    } else if (!hold.originRepliedAt) {
      choices.push({ label: ctx.t("staff.hold.button.replied"), value: `${ORIGIN_REPLIED}.${hold.id}` });
    }
    // SOP-52: the origin asks for it back (answering the SOP-50 message, or on its own).
    if (recordsReturns(ctx))
      choices.push({ label: ctx.t("staff.hold.button.originAsksBack"), value: "back" });
  }
  choices.push(cancelButton(ctx));
  return { replies: [...before, ask(describeHold(ctx, hold), choices)], next };
}

function describeHold(ctx: FlowContext, hold: SelfPickupHold): string {
  const state = holdState(hold, ctx.deps.policy, ctx.now);
  const next = holdTimeline(hold, ctx.deps.policy);
  return [
    ctx.t("staff.hold.describe", {
      trackingNo: hold.trackingNo,
      place: placeName(ctx, hold.place),
      since: formatLocalTime(hold.heldAt, forStaff(ctx)),
    }),
    ctx.t(`staff.hold.state.${state}`, { at: next ? formatLocalTime(next.at, forStaff(ctx)) : "—" }),
  ].join("\n");
}

function finish(ctx: FlowContext, text: string): Step<never> {
  return done(ask(text, [flowButton(ctx, "staff.hold.button.another", "hold-parcel"), menuButton(ctx)]));
}
