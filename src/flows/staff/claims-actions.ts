import { CLAIM_VIEW, COMPLAINT_VIEW } from "../../domain/desk/notice-actions";
import { ask, handOver } from "../common";
import type { ActionHandler } from "../types";
import { ID, menuButton } from "./shared";

/**
 * The "view" buttons on the claims' and complaints' notices (SOP-70..SOP-72, SOP-82): straight to
 * the item's card in /claims or /complaints. The arg is untrusted: anything but an id is refused.
 */
export function afterSalesActions(): ActionHandler[] {
  return [
    { name: CLAIM_VIEW, flow: "staff-claims", notFound: "staff.claims.notFound" } as const,
    { name: COMPLAINT_VIEW, flow: "staff-complaints", notFound: "staff.complaints.notFound" } as const,
  ].map(
    ({ name, flow, notFound }): ActionHandler => ({
      name,
      roles: ["agent", "supervisor"],
      async run(ctx, arg) {
        if (!ID.test(arg)) return { replies: [ask(ctx.t(notFound), [menuButton(ctx)])] };
        return handOver([], flow, arg);
      },
    }),
  );
}
