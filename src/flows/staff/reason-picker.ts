import { pickupRef } from "../../domain/kernel/format";
import type { MessageKey } from "../../domain/messages";
import type { PickupRequest } from "../../domain/ports/records";
import { ask } from "../common";
import type { Choice, FlowContext, Reply, Step } from "../types";
import { done, flowButton, ID, menuButton } from "./shared";

/**
 * The courier's "why?" about one pickup in `/jobs`, asked the same way for a decline
 * (pickups/decline.ts) and for collected goods that go back to the customer (SOP-26,
 * pickups/return-reasons.ts): one button per reason, and back to the list; "other" tapped asks for
 * one line, or skip. Each picker names its reasons, texts, button payloads and the flow's steps.
 */
export interface ReasonPicker<R extends string, S extends string> {
  /** The reasons offered for this pickup, in order. */
  reasons(pickup: PickupRequest): readonly R[];
  /** Whether a tapped value is a reason (any of them, offered for this pickup or not). */
  isReason(value: string | undefined): value is R;
  /** A reason's button label. */
  label(reason: R): MessageKey;
  /** A reason's button is `<prefix>.<reason>`. */
  prefix: string;
  /** The question ({ref}: the pickup), and the one for a line once "other" is tapped. */
  ask: MessageKey;
  askText: MessageKey;
  /** The flow's step while each question waits. */
  steps: { reason: S; words: S };
}

/** The line's "skip" button: the reason stays "other", without words. */
export const SKIP_WORDS = "skip";

type PickerStep<S extends string> = Step<{ step: S; pickupId: string }>;

async function pickupOf(ctx: FlowContext, id: string): Promise<PickupRequest | undefined> {
  return ID.test(id) ? await ctx.deps.lookups.pickup(id) : undefined;
}

function backToJobs(ctx: FlowContext): Choice {
  return flowButton(ctx, "staff.button.back", "courier-pickups");
}

/** Why? One button per reason the picker offers for this pickup, then back. */
export async function askReason<R extends string, S extends string>(
  ctx: FlowContext,
  picker: ReasonPicker<R, S>,
  id: string,
  before: Reply[] = [],
): Promise<PickerStep<S>> {
  const pickup = await pickupOf(ctx, id);
  if (!pickup) return done(...before, ask(ctx.t("staff.pickup.notFound"), [menuButton(ctx)]));
  const choices: Choice[] = picker.reasons(pickup).map((reason) => ({
    label: ctx.t(picker.label(reason)),
    value: `${picker.prefix}.${reason}`,
  }));
  choices.push(backToJobs(ctx));
  return {
    replies: [...before, ask(ctx.t(picker.ask, { ref: pickupRef(pickup) }), choices)],
    next: { step: picker.steps.reason, pickupId: pickup.id },
  };
}

/** "Other" tapped: a line of the courier's words, or skip. */
export async function askReasonWords<R extends string, S extends string>(
  ctx: FlowContext,
  picker: ReasonPicker<R, S>,
  id: string,
): Promise<PickerStep<S>> {
  const pickup = await pickupOf(ctx, id);
  if (!pickup) return done(ask(ctx.t("staff.pickup.notFound"), [menuButton(ctx)]));
  const choices: Choice[] = [{ label: ctx.t("pickup.decline.skip"), value: SKIP_WORDS }, backToJobs(ctx)];
  return {
    replies: [ask(ctx.t(picker.askText, { ref: pickupRef(pickup) }), choices)],
    next: { step: picker.steps.words, pickupId: pickup.id },
  };
}

/** The reason a tapped button names (`<prefix>.<reason>`); undefined for anything else. */
export function tappedReason<R extends string, S extends string>(
  picker: ReasonPicker<R, S>,
  value: string,
): R | undefined {
  const [prefix, reason, ...rest] = value.split(".");
  if (prefix !== picker.prefix || rest.length > 0) return undefined;
  return reason !== undefined && /^\w+$/.test(reason) && picker.isReason(reason) ? reason : undefined;
}
