import type { FlowContext, RoutableInput, Routed } from "../types";

/** Typed requests outside any flow (issue 14 §2): none recognised yet. */
export async function intentRoute(_ctx: FlowContext, _input: RoutableInput): Promise<Routed> {
  return undefined;
}
