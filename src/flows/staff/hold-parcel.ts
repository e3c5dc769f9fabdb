import { z } from "zod";
import type { SelfPickupHold } from "../../domain/records";
import { holdState, holdTimeline } from "../../domain/self-pickup";
import type { Desk } from "../../domain/use-cases/desk";
import type { Choice, Flow, FlowContext, Step } from "../types";
import {
  ask,
  cancelButton,
  common,
  done,
  flowButton,
  ID,
  localTime,
  me,
  menuButton,
  readTrackingNo,
  say,
} from "./shared";

/**
 * `/hold` (自提, SOP-37, SOP-50..SOP-52) for agents and couriers: a tracking number, then what
 * applies to it: put it on hold at a branch point or head office (总公司); or, when it is held,
 * mark it collected, record that the origin branch was messaged (SOP-50), or that it replied
 * (which stops SOP-51's return).
 */
/**
 * Head office (总公司) as a hold's place. Holds store the name customers read in their notice
 * (branch points are named in Chinese too), not the taxonomy's value "head_office".
 */
export const HEAD_OFFICE_PLACE = "总公司";
const HEAD_OFFICE_VALUE = "head_office"; // problem-parcel.ts's choice value for 总公司 (SOP-37)

/** The place a hold stores for a problem note's SOP-37 place (a branch point, or head office). */
export function holdPlace(place: string): string {
  return place === HEAD_OFFICE_VALUE ? HEAD_OFFICE_PLACE : place;
}

const holdFlowState = z.object({
  step: z.enum(["tracking", "action"]),
  trackingNo: z.string().max(64).optional(),
});
type HoldFlowState = z.infer<typeof holdFlowState>;

export function holdParcelFlow(desk: Desk): Flow<HoldFlowState> {
  const flow: Flow<HoldFlowState> = {
    name: "hold-parcel",
    roles: ["agent", "courier"],
    state: holdFlowState,
    async start(ctx, args) {
      const next: HoldFlowState = { step: "tracking" };
      // `/hold <number>`: the number is the first answer (asked again when it is not one).
      if (args.trim() !== "") return flow.on(ctx, next, { kind: "text", text: args });
      return { replies: [ask(ctx.t("staff.askTrackingNo"), [cancelButton(ctx)])], next };
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
        if (!(await ctx.deps.store.parcels.get(trackingNo, 1))) {
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

      const place = /^p\.(h|\d{1,3})$/.exec(value)?.[1];
      if (place !== undefined) {
        const name =
          place === "h" ? HEAD_OFFICE_PLACE : ctx.deps.directory.data.branchPoints[Number(place)]?.name;
        if (!name) return showActions(desk, ctx, trackingNo);
        const held = await desk.markHeld(person.id, trackingNo, name);
        if (!held.ok) return finish(ctx, ctx.t("staff.hold.alreadyHeld", { trackingNo }));
        const next = holdTimeline(held.hold, ctx.deps.policy);
        return finish(
          ctx,
          ctx.t("staff.hold.held", {
            trackingNo,
            place: placeName(ctx, name),
            by: next ? localTime(ctx, next.at) : "—",
          }),
        );
      }

      if (value === "col") {
        const collected = await desk.markCollected(person.id, trackingNo);
        return finish(
          ctx,
          collected.ok
            ? ctx.t("staff.hold.collected", { trackingNo })
            : ctx.t("staff.hold.notHeld", { trackingNo }),
        );
      }

      const step = /^(ho|hr)\.(.+)$/.exec(value);
      if (step?.[1] && step[2] && ID.test(step[2])) {
        return finish(ctx, await holdStepText(desk, ctx, step[1] === "ho" ? "ho" : "hr", step[2]));
      }
      return showActions(desk, ctx, trackingNo, [say(ctx.t("staff.useButtons"))]);
    },
  };
  return flow;
}

/** SOP-50 and SOP-51 steps, shared with the notice buttons of actions.ts. */
export async function holdStepText(
  desk: Desk,
  ctx: FlowContext,
  step: "ho" | "hr",
  holdId: string,
): Promise<string> {
  const person = me(ctx);
  const result =
    step === "ho"
      ? await desk.recordOriginMessaged(person.id, holdId)
      : await desk.recordOriginReply(person.id, holdId);
  if (!result.ok) {
    if (result.reason === "closed") return ctx.t("staff.hold.closed");
    if (result.reason === "out_of_order") {
      return ctx.t(step === "ho" ? "staff.hold.outOfOrderMessaged" : "staff.hold.outOfOrderReplied");
    }
    return ctx.t("staff.hold.notFound");
  }
  const hold = result.hold;
  if (step === "hr") return ctx.t("staff.hold.originReplied", { trackingNo: hold.trackingNo });
  const next = holdTimeline(hold, ctx.deps.policy);
  return ctx.t("staff.hold.originMessaged", {
    trackingNo: hold.trackingNo,
    by: next ? localTime(ctx, next.at) : "—",
  });
}

export function placeName(ctx: FlowContext, place: string): string {
  return place === HEAD_OFFICE_PLACE ? ctx.t("staff.hold.headOffice") : place;
}

async function showActions(
  desk: Desk,
  ctx: FlowContext,
  trackingNo: string,
  before: Step<HoldFlowState>["replies"] = [],
): Promise<Step<HoldFlowState>> {
  const holds = (await desk.openHolds()).filter((h) => h.trackingNo === trackingNo);
  const next: HoldFlowState = { step: "action", trackingNo };
  if (holds.length === 0) {
    const choices: Choice[] = [
      ...ctx.deps.directory.data.branchPoints.map((b, i) => ({ label: b.name, value: `p.${i}` })),
      { label: ctx.t("staff.hold.headOffice"), value: "p.h" },
      cancelButton(ctx),
    ];
    return { replies: [...before, ask(ctx.t("staff.hold.askPlace", { trackingNo }), choices)], next };
  }
  const lines: string[] = [];
  // Marked for return (SOP-51, SOP-52) it leaves today: no longer the customer's to collect.
  const choices: Choice[] = holds.some((h) => !h.markedForReturnAt)
    ? [{ label: ctx.t("staff.hold.button.collected"), value: "col" }]
    : [];
  for (const hold of holds) {
    lines.push(describeHold(ctx, hold));
    const where = holds.length > 1 ? ` · ${placeName(ctx, hold.place)}` : "";
    if (!hold.originMessagedAt && !hold.markedForReturnAt) {
      choices.push({ label: ctx.t("staff.hold.button.messaged") + where, value: `ho.${hold.id}` });
    } else if (hold.originMessagedAt && !hold.originRepliedAt && !hold.markedForReturnAt) {
      choices.push({ label: ctx.t("staff.hold.button.replied") + where, value: `hr.${hold.id}` });
    }
  }
  choices.push(cancelButton(ctx));
  return { replies: [...before, ask(lines.join("\n\n"), choices)], next };
}

function describeHold(ctx: FlowContext, hold: SelfPickupHold): string {
  const state = holdState(hold, ctx.deps.policy, ctx.now);
  const next = holdTimeline(hold, ctx.deps.policy);
  return [
    ctx.t("staff.hold.describe", {
      trackingNo: hold.trackingNo,
      place: placeName(ctx, hold.place),
      since: localTime(ctx, hold.heldAt),
    }),
    ctx.t(`staff.hold.state.${state}`, { at: next ? localTime(ctx, next.at) : "—" }),
  ].join("\n");
}

function finish(ctx: FlowContext, text: string): Step<never> {
  return done(ask(text, [flowButton(ctx, "staff.hold.button.another", "hold-parcel"), menuButton(ctx)]));
}
