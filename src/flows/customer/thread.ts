import { findThread } from "../../domain/queries/thread";
import type { FlowContext, RoutableInput, Routed } from "../types";
import { findTrackingNo } from "./format";
import { threadArgs } from "./human";

/**
 * A customer's message outside any flow joining their query's thread (issue 14 §1): while a query
 * of theirs is open, or was answered less than queryReply.threadFor ago, text and photos (and a
 * Telegram reply to the answer, which arrives as plain text) go to the desk as part of that
 * thread (the human flow raises it; the desk applies the same rule, queries/thread.ts). No thread:
 * undefined, and the route goes on (a sentence with a number is a new question; else the menu).
 */
export async function threadRoute(ctx: FlowContext, input: RoutableInput): Promise<Routed> {
  if (ctx.who.person || ctx.who.isGroup) return undefined;
  const trackingNo = input.kind === "text" ? findTrackingNo(ctx, input.text) : undefined;
  const thread = await findThread(
    { queries: { listThreadsByAsker: ctx.deps.lookups.queryThreads }, policy: ctx.deps.policy },
    ctx.who.chat,
    ctx.now,
    trackingNo,
  );
  if (!thread) return undefined;
  return { flow: "human", args: threadArgs(input) };
}
