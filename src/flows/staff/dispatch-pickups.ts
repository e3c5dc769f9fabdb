import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { personLabel } from "../../domain/kernel/format";
import type { MessageKey } from "../../domain/messages";
import { lastDecline } from "../../domain/pickups/decline";
import type { PickupRequest } from "../../domain/ports/records";
import { ask, say } from "../common";
import type { Choice, Flow, FlowContext, Reply, Step } from "../types";
import { describePickup, pickupButtonLabel } from "./pickup-view";
import { common, done, flowButton, ID, me, menuButton } from "./shared";

/**
 * `/pickups` for dispatch (调度, SOP-20): the pickups still to place (requested, or assigned and not
 * yet accepted); pick one, then a courier (the zone's courier first) to assign it to.
 */
export const PICKUP_LIST_LIMIT = 10;

const dispatchState = z.object({
  step: z.enum(["list", "pickup"]),
  pickupId: z.string().regex(ID).optional(),
});
type DispatchState = z.infer<typeof dispatchState>;

export function dispatchPickupsFlow(desk: Desk): Flow<DispatchState> {
  return {
    name: "dispatch-pickups",
    command: "pickups",
    menu: { label: "staff.menu.pickups", position: 60 },
    roles: ["dispatcher"],
    state: dispatchState,
    start: (ctx) => list(desk, ctx, []),
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      const value = input.kind === "choice" ? input.value : "";

      if (state.step === "list") {
        const id = /^p\.(.+)$/.exec(value)?.[1];
        const pickup = id && ID.test(id) ? await ctx.deps.lookups.pickup(id) : undefined;
        if (!pickup) return list(desk, ctx, [say(ctx.t("staff.pickFromList"))]);
        return showPickup(ctx, pickup);
      }

      const courierId = /^c\.(.+)$/.exec(value)?.[1];
      if (!courierId || !state.pickupId) {
        const pickup = state.pickupId ? await ctx.deps.lookups.pickup(state.pickupId) : undefined;
        return pickup ? showPickup(ctx, pickup, [say(ctx.t("staff.useButtons"))]) : list(desk, ctx, []);
      }
      const assigned = await desk.assignPickup(me(ctx).id, state.pickupId, courierId);
      if (assigned.ok) {
        return done(
          ask(ctx.t("staff.dispatch.assigned", { name: personLabel(ctx.deps, ctx.language, courierId) }), [
            flowButton(ctx, "staff.dispatch.button.more", "dispatch-pickups"),
            menuButton(ctx),
          ]),
        );
      }
      const why = {
        not_courier: "staff.dispatch.notCourier",
        too_late: "staff.dispatch.tooLate",
        // Someone else placed it in the same moment: the list shows it as it is now.
        taken: "staff.dispatch.taken",
        not_found: "staff.pickup.notFound",
      } as const satisfies Record<typeof assigned.reason, MessageKey>;
      return list(desk, ctx, [say(ctx.t(why[assigned.reason]))]);
    },
  };
}

async function list(desk: Desk, ctx: FlowContext, before: Reply[]): Promise<Step<DispatchState>> {
  const pending = await desk.pendingPickups();
  if (pending.length === 0) return done(...before, ask(ctx.t("staff.dispatch.none"), [menuButton(ctx)]));
  const shown = pending.slice(0, PICKUP_LIST_LIMIT);
  const choices: Choice[] = [
    ...shown.map((p) => ({ label: pickupButtonLabel(ctx, p), value: `p.${p.id}` })),
    flowButton(ctx, "staff.button.refresh", "dispatch-pickups"),
    menuButton(ctx),
  ];
  return {
    replies: [...before, ask(ctx.t("staff.dispatch.title", { count: pending.length }), choices)],
    next: { step: "list" },
  };
}

/**
 * The pickup (with its last decline: who, why, when; SOP-20), then one button per courier: the
 * zone's courier first, marked.
 */
async function showPickup(
  ctx: FlowContext,
  pickup: PickupRequest,
  before: Reply[] = [],
): Promise<Step<DispatchState>> {
  const declined = lastDecline(await ctx.deps.lookups.pickupEvents(pickup.id));
  const { directory } = ctx.deps;
  const zone = pickup.zoneId ? directory.zone(pickup.zoneId) : undefined;
  const zoneCourier = zone ? directory.courierOf(zone) : undefined;
  const couriers = directory.withRole("courier");
  const ordered = zoneCourier ? [zoneCourier, ...couriers.filter((c) => c.id !== zoneCourier.id)] : couriers;
  const choices: Choice[] = ordered.map((c) => ({
    label:
      c.id === zoneCourier?.id
        ? ctx.t("staff.dispatch.zoneCourier", { name: personLabel(ctx.deps, ctx.language, c.id) })
        : personLabel(ctx.deps, ctx.language, c.id),
    value: `c.${c.id}`,
  }));
  choices.push(flowButton(ctx, "staff.button.back", "dispatch-pickups"));
  return {
    replies: [
      ...before,
      ask(`${describePickup(ctx, pickup, declined)}\n\n${ctx.t("staff.dispatch.pickCourier")}`, choices),
    ],
    next: { step: "pickup", pickupId: pickup.id },
  };
}
