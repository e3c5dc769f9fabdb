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
/**
 * A photo handed to this flow by the thread route (thread.ts) travels in the args behind a NUL,
 * which nothing a user types can carry (the engine strips control characters from every input).
 */
const PHOTO_ARGS = "\u0000photo:";

/** The human flow's args for a message joining the customer's thread: the text, or the photo. */
export function threadArgs(
  input: { kind: "text"; text: string } | { kind: "photo"; fileRef: string },
): string {
  return input.kind === "photo" ? `${PHOTO_ARGS}${input.fileRef}` : input.text;
}

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
    photo?: string,
  ): Promise<Step<HumanState>> {
    const opened = await desk.raiseQuery({
      asker: ctx.who.chat,
      language: ctx.language,
      text,
      trackingNo: trackingNo ?? (photo ? undefined : findTrackingNo(ctx, text)),
      photo,
    });
    if (!opened.ok) {
      const reply =
        opened.reason === "too_long"
          ? ctx.t("customer.human.tooLong", { max: QUERY_TEXT_MAX_LENGTH })
          : ctx.t("customer.human.empty");
      return { replies: [say(reply)], next: { step: "ask", trackingNo } };
    }
    // Issue 14 §1: a follow-up to an answered question reopens it for the agent who answered.
    const added = opened.reopened
      ? "thread.customer.reopened"
      : photo
        ? "thread.customer.photoAdded"
        : "customer.human.added";
    return {
      replies: [
        dueReply(ctx, opened, {
          open: "customer.human.opened",
          afterHours: "customer.human.openedAfterHours",
          added,
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
      if (args.startsWith(PHOTO_ARGS)) return open(ctx, "", undefined, args.slice(PHOTO_ARGS.length));
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
