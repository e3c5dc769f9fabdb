import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { personLabel } from "../../domain/kernel/format";
import type { PickupRequest } from "../../domain/ports/records";
import { ask, say } from "../common";
import type { Choice, Flow, FlowContext, Reply, Step } from "../types";
import { describePickup, pickupButtonLabel } from "./pickup-view";
import { common, done, flowButton, ID, me, menuButton } from "./shared";

/**
 * `/jobs` for couriers (业务员): the pickups assigned to or accepted by them. On one: accept or
 * decline it, mark it collected, and report the goods ready (SOP-24: the zone's driver is told at
 * once). Started with a pickup id as args (after the `pa` notice button) it opens that pickup.
 */
const courierState = z.object({
  step: z.enum(["list", "pickup"]),
  pickupId: z.string().regex(ID).optional(),
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
        const id = /^p\.(.+)$/.exec(value)?.[1];
        const pickup = id && ID.test(id) ? await ctx.deps.lookups.pickup(id) : undefined;
        if (!pickup || pickup.courierId !== person.id)
          return list(desk, ctx, [say(ctx.t("staff.pickFromList"))]);
        return showPickup(ctx, pickup);
      }

      const id = state.pickupId;
      switch (value) {
        case "acc": {
          const r = await desk.acceptPickup(person.id, id);
          if (r.ok) return showPickup(ctx, r.pickup, [say(ctx.t("staff.courier.accepted"))]);
          return list(desk, ctx, [say(refusal(ctx, r.reason))]);
        }
        case "dec": {
          const r = await desk.declinePickup(person.id, id);
          if (r.ok) return done(ask(ctx.t("staff.courier.declined"), backButtons(ctx)));
          return list(desk, ctx, [say(refusal(ctx, r.reason))]);
        }
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
          return showPickup(ctx, pickup, [say(ctx.t("staff.useButtons"))]);
        }
      }
    },
  };
}

async function list(desk: Desk, ctx: FlowContext, before: Reply[]): Promise<Step<CourierState>> {
  const mine = await desk.courierPickups(me(ctx).id);
  if (mine.length === 0) return done(...before, ask(ctx.t("staff.courier.none"), [menuButton(ctx)]));
  const choices: Choice[] = [
    ...mine.slice(0, 10).map((p) => ({ label: pickupButtonLabel(ctx, p), value: `p.${p.id}` })),
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
    default:
      return ctx.t("staff.pickup.notFound");
  }
}

function backButtons(ctx: FlowContext): Choice[] {
  return [flowButton(ctx, "staff.courier.button.jobs", "courier-pickups"), menuButton(ctx)];
}
