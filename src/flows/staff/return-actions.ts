import type { Desk } from "../../domain/desk/desk";
import { ORIGIN_TASK_SENT, RETURN_NOW } from "../../domain/desk/notice-actions";
import { ask } from "../common";
import type { ActionHandler, FlowContext, Step } from "../types";
import { ID, me, menuButton } from "./shared";

/**
 * The buttons on the returns' notices (`a.<name>.<arg>`, domain/desk/notice-actions.ts): the
 * SOP-38 / SOP-45 message to the origin recorded sent, and SOP-51's return once SOP-43's delivery
 * scan is done. The arg is untrusted: a forged or stale id is answered politely, never thrown.
 */
export function returnActions(desk: Desk): ActionHandler[] {
  return [
    {
      name: ORIGIN_TASK_SENT,
      roles: ["agent", "supervisor"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return reply(ctx, ctx.t("staff.originTask.notFound"));
        const sent = await desk.recordOriginTaskSent(me(ctx).id, arg);
        if (sent.ok) {
          return reply(ctx, ctx.t("staff.originTask.sent", { trackingNo: sent.task.trackingNo }));
        }
        return reply(
          ctx,
          ctx.t(
            sent.reason === "already_sent" ? "staff.originTask.alreadySent" : "staff.originTask.notFound",
          ),
        );
      },
    },
    {
      name: RETURN_NOW,
      roles: ["agent", "supervisor"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return reply(ctx, ctx.t("staff.hold.notFound"));
        const returned = await desk.returnHeldNow(me(ctx).id, arg);
        if (returned.ok) {
          return reply(
            ctx,
            ctx.t("staff.return.heldReturned", {
              trackingNo: returned.parcelReturn.trackingNo,
              marking: returned.parcelReturn.marking,
            }),
          );
        }
        if (returned.reason === "no_delivery_scan")
          return reply(ctx, ctx.t("staff.return.stillNoScan", { trackingNo: returned.trackingNo ?? "" }));
        return reply(
          ctx,
          ctx.t(returned.reason === "not_due" ? "staff.return.notDue" : "staff.hold.notFound"),
        );
      },
    },
  ];
}

function reply(ctx: FlowContext, text: string): Step<unknown> {
  return { replies: [ask(text, [menuButton(ctx)])] };
}
