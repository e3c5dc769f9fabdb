import type { FlowContext, RoutableInput, Routed } from "../types";

/** A customer's message joining their open query's thread (issue 14 §1): not joined yet. */
export async function threadRoute(_ctx: FlowContext, _input: RoutableInput): Promise<Routed> {
  return undefined;
}
