import { parseWaybillArg } from "../../domain/deliveries/actions";
import type { Desk } from "../../domain/desk/desk";
import { ENTER_SIGNER, UNDELIVERED_ALL_HANDLED, UNDELIVERED_HANDLED } from "../../domain/desk/notice-actions";
import { ask, handOver } from "../common";
import type { ActionHandler } from "../types";
import { menuButton } from "./shared";
import { handleChoice } from "./undelivered";

/**
 * The deliveries' notice buttons: SOP-44's "handled" for one listed parcel or a whole day (agents,
 * duty leads), SOP-74's "enter the signer" of a delivery (couriers: into /signed on that waybill).
 * Arguments are untrusted: a forged or stale one is answered, never thrown.
 */
export function deliveryActions(desk: Desk): ActionHandler[] {
  return [
    ...[UNDELIVERED_HANDLED, UNDELIVERED_ALL_HANDLED].map(
      (name): ActionHandler => ({
        name,
        roles: ["agent", "supervisor"],
        async run(ctx, arg) {
          return { replies: [ask(await handleChoice(desk, ctx, `${name}.${arg}`), [menuButton(ctx)])] };
        },
      }),
    ),
    {
      name: ENTER_SIGNER,
      roles: ["courier", "supervisor"],
      async run(ctx, arg) {
        const trackingNo = parseWaybillArg(arg);
        if (!trackingNo) return { replies: [ask(ctx.t("buttons.stale"), [menuButton(ctx)])] };
        return handOver([], "receipt-entry", trackingNo);
      },
    },
  ];
}
