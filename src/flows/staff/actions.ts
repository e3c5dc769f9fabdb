import type { Desk } from "../../domain/use-cases/desk";
import type { ActionHandler, FlowContext, Step } from "../types";
import { refusal } from "./courier-pickups";
import { holdStepText } from "./hold-parcel";
import { ask, handOver, ID, me, menuButton, personName, say } from "./shared";

/**
 * The buttons on the notices the desk sends (`a.<name>.<arg>`), handled without a session:
 * qt take a query (then straight into answering it), pa / pd accept or decline a pickup,
 * ho / hr the origin branch was messaged / replied for a self-pickup hold (SOP-50, SOP-51).
 * The arg is untrusted: an unknown or stale id is answered politely, never thrown.
 */
export function staffActions(desk: Desk): ActionHandler[] {
  return [
    {
      name: "qt",
      roles: ["agent", "supervisor"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return stale(ctx, "staff.query.notFound");
        const person = me(ctx);
        const taken = await desk.takeQuery(arg, person.id);
        if (taken.ok) return handOver([say(ctx.t("staff.query.taken"))], "agent-query", arg);
        const query = await ctx.deps.store.queries.get(arg);
        // Pressed twice: the agent holds it already, so carry on into the answer.
        if (taken.reason === "taken" && query?.assignee === person.id) {
          return handOver([], "agent-query", arg);
        }
        if (taken.reason === "taken") {
          return stale(ctx, "staff.query.takenBy", {
            name: query?.assignee ? personName(ctx, query.assignee) : "—",
          });
        }
        return stale(
          ctx,
          taken.reason === "answered" ? "staff.query.alreadyAnswered" : "staff.query.notFound",
        );
      },
    },
    {
      name: "pa",
      roles: ["courier"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return stale(ctx, "staff.pickup.notFound");
        const accepted = await desk.acceptPickup(me(ctx).id, arg);
        if (!accepted.ok) return { replies: [ask(refusal(ctx, accepted.reason), [menuButton(ctx)])] };
        return handOver([say(ctx.t("staff.courier.accepted"))], "courier-pickups", arg);
      },
    },
    {
      name: "pd",
      roles: ["courier"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return stale(ctx, "staff.pickup.notFound");
        const declined = await desk.declinePickup(me(ctx).id, arg);
        const text = declined.ok ? ctx.t("staff.courier.declined") : refusal(ctx, declined.reason);
        return { replies: [ask(text, [menuButton(ctx)])] };
      },
    },
    {
      name: "ho",
      roles: ["agent", "courier"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return stale(ctx, "staff.hold.notFound");
        return { replies: [ask(await holdStepText(desk, ctx, "ho", arg), [menuButton(ctx)])] };
      },
    },
    {
      name: "hr",
      roles: ["agent", "courier"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return stale(ctx, "staff.hold.notFound");
        return { replies: [ask(await holdStepText(desk, ctx, "hr", arg), [menuButton(ctx)])] };
      },
    },
  ];
}

function stale(
  ctx: FlowContext,
  key: Parameters<FlowContext["t"]>[0],
  params?: Parameters<FlowContext["t"]>[1],
): Step<unknown> {
  return { replies: [ask(ctx.t(key, params), [menuButton(ctx)])] };
}
