import type { Desk } from "../../domain/desk/desk";
import { pickupRef } from "../../domain/kernel/format";
import { declineText } from "../../domain/pickups/decline";
import {
  isReturnReason,
  RETURNABLE_DAYS,
  type ReturnReason,
  type ReturnWhy,
  returnReasonsFor,
  returnReasonText,
  returnWhyOfWords,
} from "../../domain/pickups/return-reasons";
import { ask, say } from "../common";
import type { Choice, FlowContext, FlowInput, Reply, Step } from "../types";
import { backButtons, refusal } from "./courier-pickups";
import { pickupButtonLabel } from "./pickup-view";
import { askReason, askReasonWords, type ReasonPicker, SKIP_WORDS, tappedReason } from "./reason-picker";
import { done, flowButton, ID, me, menuButton } from "./shared";

/**
 * SOP-26 in the courier's `/jobs`: collected goods found afterwards to be goods that may not be
 * sent go back to the customer. On a collected pickup, one button asks why (one tap; "other" asks
 * for a line the customer reads, or skip); the desk records it, tells the customer and dispatch.
 * The pickups collected in the last days are one button away on the courier's list.
 */

/** The steps of the courier flow this file answers. */
type ReturnStep = "return" | "returnText" | "returnConfirm";

interface CourierReturnState {
  step: ReturnStep | "list";
  pickupId?: string | undefined;
  /** returnConfirm: the reason read from the courier's words, and the words (with "other"). */
  reason?: ReturnReason | undefined;
  text?: string | undefined;
}

const CONFIRM = "rc.ok";

/** The list's button to the pickups collected lately, when there are any. */
export async function recentButton(desk: Desk, ctx: FlowContext): Promise<Choice | undefined> {
  const recent = await desk.collectedPickups(me(ctx).id);
  if (recent.length === 0) return undefined;
  return {
    label: ctx.t("staff.courier.button.recent", { days: RETURNABLE_DAYS, count: recent.length }),
    value: RECENT,
  };
}

export const RECENT = "recent";
/** The collected pickup's button: its goods cannot be sent, back to the customer. */
export const RETURN = "ret";

export function returnButton(ctx: FlowContext): Choice {
  return { label: ctx.t("staff.courier.button.prohibited"), value: RETURN };
}

/** The pickups collected lately (newest first), each opening its card (step "list", `p.<id>`). */
export async function recentList(desk: Desk, ctx: FlowContext): Promise<Step<CourierReturnState>> {
  const recent = await desk.collectedPickups(me(ctx).id);
  const choices: Choice[] = [
    ...recent.slice(0, 10).map((p) => ({ label: pickupButtonLabel(ctx, p), value: `p.${p.id}` })),
    flowButton(ctx, "staff.button.back", "courier-pickups"),
  ];
  const title = ctx.t("staff.courier.recentTitle", { days: RETURNABLE_DAYS, count: recent.length });
  return { replies: [ask(title, choices)], next: { step: "list" } };
}

/**
 * Why can't the goods be sent? One tap (the air reasons only for a pickup by air); "other" asks for
 * a line the customer reads, or skip.
 */
const RETURN_PICKER: ReasonPicker<ReturnReason, "return" | "returnText"> = {
  reasons: returnReasonsFor,
  isReason: isReturnReason,
  label: (reason) => `pickup.returnButton.${reason}`,
  prefix: "rr",
  ask: "pickup.return.ask",
  askText: "pickup.return.askText",
  steps: { reason: "return", words: "returnText" },
};

export function askReturnReason(
  ctx: FlowContext,
  id: string,
  before: Reply[] = [],
): Promise<Step<CourierReturnState>> {
  return askReason(ctx, RETURN_PICKER, id, before);
}

/**
 * SOP-26: typed words are read back before the customer is told: the reason they name ("电池" is
 * the battery button's, with its text for the customer), or "other" with the words as typed.
 */
async function confirmTyped(ctx: FlowContext, id: string, why: ReturnWhy): Promise<Step<CourierReturnState>> {
  const pickup = ID.test(id) ? await ctx.deps.lookups.pickup(id) : undefined;
  if (!pickup) return done(ask(ctx.t("staff.pickup.notFound"), [menuButton(ctx)]));
  const choices: Choice[] = [
    { label: ctx.t("pickup.return.button.confirm"), value: CONFIRM },
    { label: ctx.t("pickup.return.button.again"), value: RETURN },
    flowButton(ctx, "staff.button.back", "courier-pickups"),
  ];
  const text = ctx.t("pickup.return.confirm", {
    ref: pickupRef(pickup),
    reason: returnReasonText(ctx.language, why),
  });
  return {
    replies: [ask(text, choices)],
    next: { step: "returnConfirm", pickupId: pickup.id, reason: why.reason, text: why.text },
  };
}

/** The answer to "why?": a reason tapped, "other" (then a line, or skip), or words typed (confirmed first). */
export async function onReturnReason(
  desk: Desk,
  ctx: FlowContext,
  state: CourierReturnState,
  id: string,
  input: FlowInput,
): Promise<Step<CourierReturnState>> {
  const step = state.step;
  const value = input.kind === "choice" ? input.value : "";
  const typed = input.kind === "text" ? declineText(input.text) : undefined;
  if (step === "returnConfirm") {
    if (value === CONFIRM && state.reason) return returnWith(desk, ctx, id, state.reason, state.text);
    if (value === RETURN) return askReturnReason(ctx, id);
  }
  if (typed && step === "returnText") return confirmTyped(ctx, id, { reason: "other", text: typed });
  if (typed) {
    const pickup = ID.test(id) ? await ctx.deps.lookups.pickup(id) : undefined;
    return confirmTyped(ctx, id, pickup ? returnWhyOfWords(pickup, typed) : { reason: "other", text: typed });
  }
  if (step === "returnConfirm") {
    return confirmTyped(ctx, id, { reason: state.reason ?? "other", text: state.text });
  }
  if (step === "returnText") {
    if (value === SKIP_WORDS) return returnWith(desk, ctx, id, "other");
    return askReasonWords(ctx, RETURN_PICKER, id);
  }
  const reason = tappedReason(RETURN_PICKER, value);
  if (reason === "other") return askReasonWords(ctx, RETURN_PICKER, id);
  if (!reason) return askReturnReason(ctx, id, [say(ctx.t("staff.useButtons"))]);
  return returnWith(desk, ctx, id, reason);
}

async function returnWith(
  desk: Desk,
  ctx: FlowContext,
  id: string,
  reason: ReturnReason,
  text?: string,
): Promise<Step<never>> {
  const back = backButtons(ctx);
  const r = await desk.returnCollectedGoods(me(ctx).id, id, { reason, text });
  if (!r.ok) return done(ask(refusal(ctx, r.reason), back));
  if (r.already) return done(ask(ctx.t("pickup.return.already"), back));
  const why = returnReasonText(ctx.language, { reason, text });
  return done(ask(ctx.t("pickup.return.done", { ref: pickupRef(r.pickup), reason: why }), back));
}
