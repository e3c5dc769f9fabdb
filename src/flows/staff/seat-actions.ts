import type { Desk } from "../../domain/desk/desk";
import { APPROVE_BUSY, RECORD_BRANCH_ANSWER } from "../../domain/desk/notice-actions";
import { personLabel } from "../../domain/kernel/format";
import { ask, handOver } from "../common";
import type { ActionHandler, FlowContext, Step } from "../types";
import { ID, me, menuButton } from "./shared";

/**
 * The buttons on the SOP-14 and SOP-13 notices (`a.<name>.<arg>`, names in
 * domain/desk/notice-actions.ts), handled without a session:
 * - "同意示忙" on a last-seat request (SOP-14): the duty lead's say-so sets the agent busy;
 * - "记录对方答复" on a branch ask's reminder (SOP-13): opens the ask to record the answer.
 * The arg is untrusted: an unknown or stale id is answered politely, never thrown.
 */
export function seatAndAskActions(desk: Desk): ActionHandler[] {
  return [
    {
      name: APPROVE_BUSY,
      roles: ["supervisor"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return reply(ctx, ctx.t("seat.approve.notFound"));
        const approved = await desk.approveBusy(me(ctx).id, arg);
        const name = personLabel(ctx.deps, ctx.language, arg);
        if (approved.ok) return reply(ctx, ctx.t("seat.approved.toLead", { name }));
        if (approved.reason === "already_busy")
          return reply(ctx, ctx.t("seat.approve.alreadyBusy", { name }));
        if (approved.reason === "not_asked") return reply(ctx, ctx.t("seat.approve.stale", { name }));
        return reply(ctx, ctx.t("seat.approve.notFound"));
      },
    },
    {
      name: RECORD_BRANCH_ANSWER,
      roles: ["agent", "supervisor"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return reply(ctx, ctx.t("branchAsk.notFound"));
        return handOver([], "branch-asks", `record ${arg}`);
      },
    },
  ];
}

function reply(ctx: FlowContext, text: string): Step<unknown> {
  return { replies: [ask(text, [menuButton(ctx)])] };
}
