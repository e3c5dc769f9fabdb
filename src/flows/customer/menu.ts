import { checkTrackingNo } from "../../domain/kernel/tracking-number";
import { ask, choice, say } from "../common";
import { menuFlows } from "../declarations";
import { flowValue, LANGUAGE_VALUE } from "../engine/payloads";
import type { FlowContext, FlowName, Reply } from "../types";

/**
 * The customer's main menu: the greeting (SOP-80) and the services (the customer flows' menu
 * entries), with the language button.
 */
export function customerMenu(ctx: FlowContext, options: { again?: boolean } = {}): Reply[] {
  // Typed on after a menu: one line of what the desk understands, the same buttons, no greeting.
  const text = options.again
    ? ctx.t("menu.customerAgain")
    : `${ctx.t("greeting.customer", { branch: ctx.deps.directory.branch.name })}\n${ctx.t("menu.customer")}`;
  return [
    ask(text, [
      ...menuFlows(ctx.flows, "customer").map((f) => choice(ctx, f.menu.label, flowValue(f.name))),
      choice(ctx, "menu.language", LANGUAGE_VALUE),
    ]),
  ];
}

/** What /help shows a customer. */
export function customerHelp(ctx: FlowContext): Reply[] {
  return [say(ctx.t("help.customer"))];
}

/** Text typed outside any flow that is a tracking number alone: it is tracked (customers and staff). */
export function trackingRoute(ctx: FlowContext, text: string): { flow: FlowName; args: string } | undefined {
  return checkTrackingNo(text, ctx.deps.policy).ok ? { flow: "track", args: text } : undefined;
}
