import type { MessageKey } from "../../domain/messages";
import type { ReplyDeadline } from "../../domain/query";
import type { Choice, FlowContext, Reply, Step } from "../types";
import { formatTime } from "./format";

/** Shorthands the customer flows share; every text comes from the catalogue. */
export const say = (text: string): Reply => ({ kind: "text", text });

export const choices = (text: string, list: Choice[]): Reply => ({ kind: "choices", text, choices: list });

export const choice = (ctx: FlowContext, key: MessageKey, value: string): Choice => ({
  label: ctx.t(key),
  value,
});

/**
 * SOP-10/SOP-12: tells the customer by when the desk answers. After hours the due time is the
 * next desk morning's afterHoursBy (09:00), and we say the desk's hours so that it reads as a
 * promise kept, not a delay.
 */
export function dueReply(
  ctx: FlowContext,
  deadline: ReplyDeadline,
  keys: { open: MessageKey; afterHours: MessageKey },
  params: Record<string, string> = {},
): Reply {
  const due = formatTime(ctx, deadline.dueAt);
  if (deadline.afterHours) {
    const { opens, closes } = ctx.deps.policy.deskHours;
    return say(ctx.t(keys.afterHours, { ...params, due, opens: opens.text, closes: closes.text }));
  }
  return say(ctx.t(keys.open, { ...params, due }));
}

/** Ends this flow and starts another (the engine runs its start after these replies). */
export function handOver<S>(replies: Reply[], flow: string, args = ""): Step<S> {
  // biome-ignore lint/suspicious/noThenProperty: Step.then is the engine's hand-over, an object, never a function
  return { replies, then: { flow, args } };
}
