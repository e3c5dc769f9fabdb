import { z } from "zod";
import type { Desk } from "../../domain/desk/desk";
import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import { QUERY_TEXT_MAX_LENGTH } from "../../domain/queries/reply-deadline";
import { say } from "../common";
import type { Flow, FlowContext, Step } from "../types";
import { dueReply } from "./common";
import { findTrackingNo } from "./format";

/**
 * Talk to a person (人工客服): what it is about becomes a query for the desk (SOP-10: answered
 * within 30 minutes; SOP-12: after hours by 09:00 next day). A follow-up joins the customer's open
 * question (the desk decides). Reachable from anywhere with /human.
 */
const humanState = z.object({
  step: z.literal("ask"),
  trackingNo: z.string().max(64).optional(),
});
type HumanState = z.infer<typeof humanState>;

export function humanFlow(desk: Desk): Flow<HumanState> {
  async function open(
    ctx: FlowContext,
    text: string,
    trackingNo: string | undefined,
  ): Promise<Step<HumanState>> {
    const opened = await desk.raiseQuery({
      asker: ctx.who.chat,
      language: ctx.language,
      text,
      trackingNo: trackingNo ?? findTrackingNo(ctx, text),
    });
    if (!opened.ok) {
      const reply =
        opened.reason === "too_long"
          ? ctx.t("customer.human.tooLong", { max: QUERY_TEXT_MAX_LENGTH })
          : ctx.t("customer.human.empty");
      return { replies: [say(reply)], next: { step: "ask", trackingNo } };
    }
    return {
      replies: [
        dueReply(ctx, opened, {
          open: "customer.human.opened",
          afterHours: "customer.human.openedAfterHours",
          added: "customer.human.added",
        }),
      ],
    };
  }

  return {
    name: "human",
    command: "human",
    menu: { label: "menu.human", position: 40 },
    state: humanState,
    async start(ctx, args) {
      const text = args.trim();
      if (text === "") return { replies: [say(ctx.t("customer.human.ask"))], next: { step: "ask" } };
      // A tracking number alone (from "ask a person about this parcel"): ask what about it.
      const alone = checkTrackingNo(text, ctx.deps.policy);
      if (alone.ok) {
        return {
          replies: [say(ctx.t("customer.human.askAbout", { trackingNo: alone.trackingNo }))],
          next: { step: "ask", trackingNo: alone.trackingNo },
        };
      }
      return open(ctx, text, undefined);
    },
    async on(ctx, state, input) {
      if (input.kind !== "text") return { replies: [say(ctx.t("customer.human.textOnly"))], next: state };
      return open(ctx, input.text, state.trackingNo);
    },
  };
}
