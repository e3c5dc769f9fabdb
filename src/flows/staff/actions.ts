import type { Desk } from "../../domain/desk/desk";
import {
  ACCEPT_PICKUP,
  ASSIGN_PICKUP,
  DECLINE_PICKUP,
  ORIGIN_MESSAGED,
  ORIGIN_REPLIED,
  REASSIGN_QUERY,
  TAKE_QUERY,
} from "../../domain/desk/notice-actions";
import { personLabel, queryRef } from "../../domain/kernel/format";
import type { MessageKey } from "../../domain/messages";
import { CARD_ASSIGNERS } from "../../domain/pickups/assign-from-card";
import { ask, handOver, say } from "../common";
import type { ActionHandler, FlowContext, Step } from "../types";
import { refusedStep } from "./agent-query";
import { broadcastActions } from "./broadcast";
import { afterSalesActions } from "./claims-actions";
import { refusal } from "./courier-pickups";
import { deliveryActions } from "./receipt-undelivered-actions";
import { returnActions } from "./return-actions";
import { ID, me, menuButton } from "./shared";

/**
 * The buttons on the notices the desk sends (`a.<name>.<arg>`, names from domain/desk/notice-actions.ts),
 * handled without a session: take a query (then straight into answering it), accept or decline a
 * pickup, the origin branch messaged / replied for a self-pickup hold (SOP-50, SOP-51).
 * The arg is untrusted: an unknown or stale id is answered politely, never thrown.
 */
export function staffActions(desk: Desk): ActionHandler[] {
  return [
    {
      name: TAKE_QUERY,
      roles: ["agent", "supervisor"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return stale(ctx, "staff.query.notFound");
        const person = me(ctx);
        const taken = await desk.takeQuery(arg, person.id);
        if (taken.ok) return handOver([say(ctx.t("staff.query.taken"))], "agent-query", arg);
        // Pressed twice: the agent holds it already, so carry on into the answer.
        if (taken.reason === "taken" && (await ctx.deps.lookups.query(arg))?.assignee === person.id) {
          return handOver([], "agent-query", arg);
        }
        return refusedStep(desk, ctx, arg, taken.reason);
      },
    },
    {
      // The overdue escalation's "take back and reassign" (issue 14 §6): the duty lead's.
      name: REASSIGN_QUERY,
      roles: ["supervisor"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return stale(ctx, "thread.reassign.notFound");
        const reassigned = await desk.reassignQuery(arg, me(ctx).id);
        if (reassigned.ok) return stale(ctx, "thread.reassigned", { ref: queryRef(reassigned.query) });
        const query = await ctx.deps.lookups.query(arg);
        return query
          ? stale(ctx, "thread.reassign.answered", { ref: queryRef(query) })
          : stale(ctx, "thread.reassign.notFound");
      },
    },
    {
      name: ACCEPT_PICKUP,
      roles: ["courier"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return stale(ctx, "staff.pickup.notFound");
        const accepted = await desk.acceptPickup(me(ctx).id, arg);
        if (!accepted.ok) return { replies: [ask(refusal(ctx, accepted.reason), [menuButton(ctx)])] };
        return handOver([say(ctx.t("staff.courier.accepted"))], "courier-pickups", arg);
      },
    },
    {
      name: DECLINE_PICKUP,
      roles: ["courier"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return stale(ctx, "staff.pickup.notFound");
        // Why? One tap in the courier's flow names the reason and declines (dispatch reads it).
        return handOver([], "courier-pickups", `decline ${arg}`);
      },
    },
    {
      // The courier select on a pickup's card (issue 10 §3): the desk checks who and which courier.
      name: ASSIGN_PICKUP,
      roles: CARD_ASSIGNERS,
      async run(ctx, arg) {
        const assigned = await desk.assignFromCard(me(ctx).id, arg);
        if (assigned.ok) {
          const name = personLabel(ctx.deps, ctx.language, assigned.pickup.courierId);
          return { replies: [{ kind: "toast", text: ctx.t("staff.dispatch.assigned", { name }) }] };
        }
        const why = {
          not_allowed: "buttons.notForYou",
          bad_option: "buttons.stale",
          not_found: "staff.pickup.notFound",
          not_courier: "staff.dispatch.notCourier",
          too_late: "staff.dispatch.tooLate",
          taken: "staff.dispatch.taken",
        } as const satisfies Record<typeof assigned.reason, MessageKey>;
        return { replies: [{ kind: "toast", text: ctx.t(why[assigned.reason]) }] };
      },
    },
    ...([ORIGIN_MESSAGED, ORIGIN_REPLIED] as const).map(
      (step): ActionHandler => ({
        name: step,
        roles: ["agent", "courier"],
        async run(ctx, arg) {
          if (!ID.test(arg)) return stale(ctx, "staff.hold.notFound");
          // One answer, in /hold (hold-parcel.ts start), with the "replied" button once messaged.
          return handOver([], "hold-parcel", `${step}.${arg}`);
        },
      }),
    ),
    ...afterSalesActions(), // SOP-70..SOP-72, SOP-82: a claim's or complaint's card
    ...broadcastActions(desk), // SOP-83: "Got it" on a duty lead's notice
    ...returnActions(desk), // SOP-38, SOP-45 origin messages sent; SOP-51 after SOP-43's scan
    ...deliveryActions(desk), // SOP-44 undelivered handled; SOP-74 enter a signer
  ];
}

function stale(
  ctx: FlowContext,
  key: Parameters<FlowContext["t"]>[0],
  params?: Parameters<FlowContext["t"]>[1],
): Step<unknown> {
  return { replies: [ask(ctx.t(key, params), [menuButton(ctx)])] };
}
