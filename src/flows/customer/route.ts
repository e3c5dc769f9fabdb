import type { FlowContext, RoutableInput, Routed } from "../types";
import { findTrackingNo } from "./format";
import { intentRoute } from "./intents";
import { trackingRoute } from "./menu";
import { threadRoute } from "./thread";

/**
 * What a customer sends outside any flow, in this order: a tracking number alone is tracked; a
 * typed request (a person, a complaint, a pickup, …) starts its flow (intents.ts); anything else
 * while the customer has a query open or lately answered joins that query's thread (thread.ts);
 * a sentence naming a tracking number is a question about that parcel for a person (SOP-13).
 * Nothing placed: the menu.
 */
export async function customerRoute(ctx: FlowContext, input: RoutableInput): Promise<Routed> {
  if (input.kind === "text") {
    const tracked = trackingRoute(ctx, input.text);
    if (tracked) return tracked;
  }
  const intended = await intentRoute(ctx, input);
  if (intended) return intended;
  const threaded = await threadRoute(ctx, input);
  if (threaded) return threaded;
  if (input.kind === "text" && findTrackingNo(ctx, input.text)) return { flow: "human", args: input.text };
  return undefined;
}
