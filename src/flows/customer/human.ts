import { z } from "zod";
import { receiptStillKept, saysNotReceived } from "../../domain/deliveries/not-received";
import type { Desk } from "../../domain/desk/desk";
import { matchIntent } from "../../domain/intents";
import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import type { MessageKey } from "../../domain/messages";
import { QUERY_TEXT_MAX_LENGTH, type ReplyDeadline } from "../../domain/queries/reply-deadline";
import { say } from "../common";
import type { Flow, FlowContext, Reply, Step } from "../types";
import { dueReply } from "./common";
import { findTrackingNo } from "./format";
import { parcelStatus } from "./track";

/**
 * Talk to a person (人工客服): what it is about becomes a query for the desk (SOP-10: answered
 * within 30 minutes; SOP-12: after hours by 09:00 next day). A follow-up joins the customer's open
 * question (the desk decides). Reachable from anywhere with /human.
 *
 * Its args: "" (ask what it is about), a tracking number alone (ask what about that parcel), the
 * question itself, or a request made with `humanArgs` (a complaint, a photo, the parcel just
 * tracked): another flow handing over ("投诉" right after a /track answer) uses that.
 */

/** What a flow or the route asks the human flow to do (`humanArgs`). */
export interface HumanRequest {
  /** SOP-82: marked as a complaint for the agent; asked what happened when there is no question yet. */
  complaint?: boolean;
  /** The parcel it is about (the parcel just tracked, a number typed with "人工"). */
  trackingNo?: string;
  /** The question, or the words sent with the photo. */
  text?: string;
  /** A photo: the channel's file reference (the photo is the question, or joins the thread). */
  photo?: string;
}

const humanRequest = z.object({
  complaint: z.boolean().optional(),
  trackingNo: z.string().max(64).optional(),
  text: z.string().max(4000).optional(),
  photo: z.string().max(256).optional(),
});

/**
 * A request as the human flow's args: behind a NUL, which nothing a user types can carry (the
 * engine strips control characters from every input), so typed args are never read as one.
 */
const REQUEST_ARGS = "\u0000";

export function humanArgs(request: HumanRequest): string {
  return `${REQUEST_ARGS}${JSON.stringify(request)}`;
}

function readArgs(args: string): HumanRequest {
  if (!args.startsWith(REQUEST_ARGS)) return { text: args };
  try {
    const parsed = humanRequest.safeParse(JSON.parse(args.slice(REQUEST_ARGS.length)));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The human flow's args for a message joining the customer's thread, or opening one: the text, or the photo. */
export function threadArgs(
  input: { kind: "text"; text: string } | { kind: "photo"; fileRef: string; caption?: string },
): string {
  return input.kind === "photo" ? humanArgs({ photo: input.fileRef, text: input.caption ?? "" }) : input.text;
}

const humanState = z.object({
  step: z.literal("ask"),
  trackingNo: z.string().max(64).optional(),
  complaint: z.boolean().optional(),
});
type HumanState = z.infer<typeof humanState>;

type Opened = {
  deadline: ReplyDeadline;
  reused?: boolean | undefined;
  reopened?: boolean | undefined;
  followed?: boolean | undefined;
  query?: { trackingNo: string | null };
};

/** What the customer is told once the desk has it: opened, added, reopened, or late (no time to promise). */
function openedKeys(
  photo: boolean,
  opened: Opened,
): { open: MessageKey; afterHours: MessageKey; added: MessageKey } {
  const added: MessageKey = opened.reopened
    ? "thread.customer.reopened"
    : photo
      ? "thread.customer.photoAdded"
      : "customer.human.added";
  return photo
    ? { open: "thread.customer.photoOpened", afterHours: "thread.customer.photoOpenedAfterHours", added }
    : { open: "customer.human.opened", afterHours: "customer.human.openedAfterHours", added };
}

/**
 * SOP-82: a customer's words that complain ("我要投诉快递员", "I want to complain, the courier was
 * rude"), read with the complaint words the route reads (domain/intents, matchIntent).
 */
function saysComplaint(ctx: FlowContext, words: string): boolean {
  return !ctx.who.person && matchIntent(words, ctx.deps.policy).intent === "complaint";
}

export function humanFlow(desk: Desk): Flow<HumanState> {
  async function open(ctx: FlowContext, state: Omit<HumanState, "step">, text: string, photo?: string) {
    const words = text.trim();
    const trackingNo = state.trackingNo ?? findTrackingNo(ctx, words);
    const unreceived = await deliveredNotReceived(ctx, trackingNo, words);
    // SOP-82: the agent reads a complaint as one, whether handed over as one or said in the
    // customer's words; SOP-73: a delivered parcel not received, as a receipt to look up.
    const marks = [
      ...(state.complaint || saysComplaint(ctx, words) ? [ctx.t("intent.complaintMark")] : []),
      ...(unreceived ? [ctx.t("customer.human.notReceivedMark")] : []),
    ];
    const marked = [...marks, words].join(" ").trim();
    const opened = await desk.raiseQuery({
      asker: ctx.who.chat,
      language: ctx.language,
      text: marked,
      trackingNo,
      photo,
    });
    if (!opened.ok) {
      const reply =
        opened.reason === "too_long"
          ? ctx.t("customer.human.tooLong", { max: QUERY_TEXT_MAX_LENGTH })
          : ctx.t("customer.human.empty");
      return { replies: [say(reply)], next: { step: "ask" as const, ...state } };
    }
    const reply = answered(ctx, opened, Boolean(photo));
    const told =
      unreceived && reply.kind === "text"
        ? say(`${ctx.t("customer.human.notReceived")}\n${reply.text}`)
        : reply;
    return { replies: [await withStatus(ctx, findTrackingNo(ctx, words), told)] };
  }

  /**
   * SOP-73: the customer says a parcel the scans say delivered was not received, while its signed
   * receipt is kept (not-received.ts); past keeping, a plain query: no receipt is promised.
   */
  async function deliveredNotReceived(ctx: FlowContext, trackingNo: string | undefined, words: string) {
    if (!trackingNo || ctx.who.person || !saysNotReceived(words)) return false;
    const view = await desk.trackParcel(trackingNo);
    return view?.status === "delivered" && receiptStillKept(view, ctx.deps.policy, ctx.now);
  }

  /**
   * SOP-10: the bot answers from the scans. A question naming a known parcel that only a person can
   * answer ("YT… 为什么这么慢") shows what the scans say above "the desk has it", in one message.
   */
  async function withStatus(ctx: FlowContext, trackingNo: string | undefined, reply: Reply): Promise<Reply> {
    if (!trackingNo || reply.kind !== "text" || ctx.who.person) return reply;
    const view = await desk.trackParcel(trackingNo);
    return view ? say(`${parcelStatus(ctx, view)}\n\n${reply.text}`) : reply;
  }

  /** Issue 14 §1, §6: a follow-up to an answered question reopens it; past the promised time, "as soon as we can". */
  function answered(ctx: FlowContext, opened: Opened, photo: boolean): Reply {
    if (opened.reused && !opened.reopened && opened.deadline.asap) {
      return say(ctx.t(photo ? "thread.customer.photoAddedAsap" : "thread.customer.addedAsap"));
    }
    return dueReply(ctx, opened, openedKeys(photo, opened));
  }

  /** Nothing said yet: what it is about (a complaint: what happened), keeping the parcel and the mark. */
  function askFirst(ctx: FlowContext, state: Omit<HumanState, "step">): Step<HumanState> {
    const text = state.trackingNo
      ? ctx.t("customer.human.askAbout", { trackingNo: state.trackingNo })
      : ctx.t(state.complaint ? "intent.complaint.ask" : "customer.human.ask");
    return { replies: [say(text)], next: { step: "ask", ...state } };
  }

  return {
    name: "human",
    command: "human",
    menu: { label: "menu.human", position: 40 },
    state: humanState,
    async start(ctx, args) {
      const request = readArgs(args);
      const state = {
        ...(request.trackingNo ? { trackingNo: request.trackingNo } : {}),
        ...(request.complaint ? { complaint: true } : {}),
      };
      const text = (request.text ?? "").trim();
      if (request.photo) return open(ctx, state, text, request.photo);
      if (text === "") return askFirst(ctx, state);
      // A tracking number alone (from "ask a person about this parcel"): ask what about it.
      const alone = checkTrackingNo(text, ctx.deps.policy);
      if (alone.ok) return askFirst(ctx, { ...state, trackingNo: alone.trackingNo });
      return open(ctx, state, text);
    },
    async on(ctx, state, input) {
      const asked = { trackingNo: state.trackingNo, complaint: state.complaint };
      // Issue 14 §1: a photo of the problem is the question (its caption, if any, the words).
      if (input.kind === "photo") return open(ctx, asked, input.caption ?? "", input.fileRef);
      if (input.kind !== "text") return { replies: [say(ctx.t("customer.human.textOnly"))], next: state };
      return open(ctx, asked, input.text);
    },
  };
}
