import { z } from "zod";
import { complaintForCustomer, levelText } from "../../domain/complaints/rules";
import type { Desk } from "../../domain/desk/desk";
import { matchIntent } from "../../domain/intents";
import { isAcknowledgement } from "../../domain/intents/text";
import { say } from "../common";
import type { FlowContext, FlowInput, Step } from "../types";
import { findTrackingNo } from "./format";

/**
 * A reply to a complaint's registration (SOP-82), as a reply to the tracking answer is about that
 * parcel (track.ts): after "您的投诉已登记…" the complain flow stays on the complaint it registered,
 * so that what the customer types next is about it. "好的谢谢": a short word, no menu. More of what
 * happened ("他还骂人了", "什么时候处理"): added to that complaint (the desk's one complaint per
 * matter, the staff told), answered in one message. A new request (a number, a pickup, a person,
 * a claim…) is a new request, taken as if no flow ran.
 */
export const registeredState = z.object({
  step: z.literal("registered"),
  trackingNo: z.string().max(64).optional(),
  queryId: z.string().max(64).optional(),
});
export type Registered = z.infer<typeof registeredState>;

/** Behind a NUL, which nothing a user types can carry (the engine strips control characters). */
const REGISTERED_ARGS = "\u0000registered";

/** The complain flow's args that hand over to itself, on the complaint just registered. */
export function registeredArgs(subject: {
  trackingNo?: string | undefined;
  queryId?: string | undefined;
}): string {
  const about = {
    ...(subject.trackingNo ? { trackingNo: subject.trackingNo } : {}),
    ...(subject.queryId ? { queryId: subject.queryId } : {}),
  };
  return `${REGISTERED_ARGS}${JSON.stringify(about)}`;
}

/** The registered complaint the args name (anything malformed: none). */
export function readRegisteredArgs(args: string): Registered | undefined {
  if (!args.startsWith(REGISTERED_ARGS)) return undefined;
  try {
    const parsed = registeredState.safeParse({
      step: "registered",
      ...JSON.parse(args.slice(REGISTERED_ARGS.length)),
    });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What the customer sent after the registration. */
export async function replyToRegistered(
  desk: Desk,
  ctx: FlowContext,
  state: Registered,
  input: FlowInput,
): Promise<Step<Registered>> {
  if (input.kind !== "text") return { replies: [], pass: true };
  const match = matchIntent(input.text, ctx.deps.policy);
  if (match.intent === "thanks") return { replies: [say(ctx.t("complain.reply.thanks"))] };
  // "好的", "嗯", "ok", "👍": the registration read, nothing to add to the complaint (nor the staff told).
  if (isAcknowledgement(input.text)) return { replies: [say(ctx.t("complain.reply.noted"))] };
  const another = findTrackingNo(ctx, input.text);
  const aboutIt = match.intent === undefined || match.intent === "complaint";
  // No waybill and no question of theirs: the desk cannot find this complaint again by its words.
  const subject = state.trackingNo ?? state.queryId;
  if (!aboutIt || (another && another !== state.trackingNo) || subject === undefined) {
    return { replies: [], pass: true };
  }
  const done = await desk.complain({
    customer: ctx.who.chat,
    language: ctx.language,
    text: input.text,
    trackingNo: state.trackingNo,
    queryId: state.queryId,
  });
  if (!done.ok) return { replies: [], pass: true };
  const c = done.complaint;
  const about = complaintForCustomer(ctx.deps, ctx.language, c);
  const level = levelText(ctx.language, c.level);
  // Closed meanwhile, the words opened a new one: said as the registration is.
  const key = done.existing ? "complain.existing" : "complain.reply.reopened";
  return { replies: [say(ctx.t(key, { about, level }))], next: state };
}
