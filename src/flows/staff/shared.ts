import type { Person } from "../../domain/config/directory";
import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import type { MessageKey } from "../../domain/messages";
import type { Label } from "../../domain/problems";
import { ask, handOver } from "../common";
import { flowOfValue, flowValue } from "../engine/payloads";
import {
  type Choice,
  type Flow,
  type FlowContext,
  type FlowInput,
  type FlowName,
  isFlowName,
  type Reply,
  type Step,
} from "../types";

/**
 * What the staff flows share: who is asking, the flow's end, and the buttons that hand over to
 * another flow. Staff use phones: replies are short and every answer that can be a button is one.
 */

/** The staff member talking. Staff flows declare roles, so the engine only runs them for a person. */
export function me(ctx: FlowContext): Person {
  const person = ctx.who.person;
  if (!person) throw new Error("a staff flow ran for someone who is not in the directory");
  return person;
}

/** A step that ends the flow. */
export function done(...replies: Reply[]): Step<never> {
  return { replies };
}

/** The flows' buttons that start another flow once this one has ended (the engine reads `flow:`). */
export function flowButton(ctx: FlowContext, key: MessageKey, flow: FlowName): Choice {
  return { label: ctx.t(key), value: flowValue(flow) };
}

export function menuButton(ctx: FlowContext): Choice {
  return flowButton(ctx, "staff.button.menu", "staff-menu");
}

export function cancelButton(ctx: FlowContext): Choice {
  return { label: ctx.t("button.cancel"), value: "cancel" };
}

/**
 * A `flow:` button pressed while a flow still runs reaches the flow, not the engine: hand over.
 * "cancel" ends the flow. Returns undefined for any other input.
 */
export function common(ctx: FlowContext, input: FlowInput): Step<never> | undefined {
  if (input.kind !== "choice") return undefined;
  if (input.value === "cancel") return done(ask(ctx.t("flow.cancelled"), [menuButton(ctx)]));
  const flow = flowOfValue(input.value);
  return flow && isFlowName(flow) ? handOver([], flow) : undefined;
}

/** The taxonomy's zh/en label in the reader's language. */
export function inLanguage(ctx: FlowContext, label: Label): string {
  return ctx.language === "en" ? label.en : label.zh;
}

/**
 * The start of a flow about one parcel: `/problem <number>` takes the number as the first answer
 * (asked again when it is not one); without one, the number is asked for.
 */
export async function startWithTrackingNo<S>(
  flow: Flow<S>,
  ctx: FlowContext,
  args: string,
  next: S,
): Promise<Step<S>> {
  if (args.trim() !== "") return flow.on(ctx, next, { kind: "text", text: args });
  return { replies: [ask(ctx.t("staff.askTrackingNo"), [cancelButton(ctx)])], next };
}

/** A tracking number typed by staff, normalised; undefined when it is not one. */
export function readTrackingNo(ctx: FlowContext, text: string): string | undefined {
  const checked = checkTrackingNo(text, ctx.deps.policy);
  return checked.ok ? checked.trackingNo : undefined;
}

/** Ids that come back from arguments and buttons: anything else is not looked up at all. */
export const ID = /^[\w-]{1,48}$/;
