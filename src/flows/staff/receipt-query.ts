import { z } from "zod";
import { yuanText } from "../../domain/deliveries/cod";
import type { ReceiptAnswer } from "../../domain/deliveries/receipts";
import { signerText } from "../../domain/deliveries/signer";
import type { Desk } from "../../domain/desk/desk";
import { formatClock, personLabel } from "../../domain/kernel/format";
import { ask } from "../common";
import type { Flow, FlowContext, Step } from "../types";
import {
  cancelButton,
  common,
  done,
  flowButton,
  menuButton,
  readTrackingNo,
  startWithTrackingNo,
} from "./shared";

/**
 * `/receipt <waybill>` (SOP-73) for agents, duty leads and dispatch: who signed for a parcel and
 * when, for the customer or for another branch asking, while the receipt is kept (receipts.keepFor,
 * 180 days from arrival); after that the answer says it is past keeping.
 */
const receiptQueryState = z.object({ step: z.literal("tracking") });
type QueryState = z.infer<typeof receiptQueryState>;

export function receiptQueryFlow(desk: Desk): Flow<QueryState> {
  const flow: Flow<QueryState> = {
    name: "receipt-query",
    command: "receipt",
    menu: { label: "staff.menu.receipt", position: 86 },
    roles: ["agent", "supervisor", "dispatcher"],
    state: receiptQueryState,
    start: (ctx, args) => startWithTrackingNo(flow, ctx, args, { step: "tracking" }),
    async on(ctx, state, input) {
      const handled = common(ctx, input);
      if (handled) return handled;
      const trackingNo = input.kind === "text" ? readTrackingNo(ctx, input.text) : undefined;
      if (!trackingNo)
        return { replies: [ask(ctx.t("staff.badTrackingNo"), [cancelButton(ctx)])], next: state };
      const answer = await desk.receiptFor(trackingNo);
      if (answer.status === "unknown_parcel") {
        return {
          replies: [ask(ctx.t("staff.unknownParcel", { trackingNo }), [cancelButton(ctx)])],
          next: state,
        };
      }
      return finish(ctx, answerText(ctx, trackingNo, answer));
    },
  };
  return flow;
}

export function answerText(ctx: FlowContext, trackingNo: string, answer: ReceiptAnswer): string {
  // With the year: a receipt may be asked for months later.
  const when = (at: Date) => `${ctx.deps.calendar.localDate(at)} ${formatClock(at, ctx.deps.calendar)}`;
  switch (answer.status) {
    case "unknown_parcel":
      return ctx.t("staff.unknownParcel", { trackingNo });
    case "not_delivered":
      return ctx.t("receipt.answer.notDelivered", { trackingNo });
    case "past_keeping":
      return ctx.t("receipt.answer.pastKeeping", {
        trackingNo,
        arrivedAt: ctx.deps.calendar.localDate(answer.arrivedAt),
        keptUntil: ctx.deps.calendar.localDate(answer.keptUntil),
      });
    case "not_entered":
      return ctx.t("receipt.answer.notEntered", {
        trackingNo,
        deliveredAt: when(answer.delivery.delivered.at),
        courier: answer.courier
          ? personLabel(ctx.deps, ctx.language, answer.courier.id)
          : ctx.t("receipt.courierUnknown"),
        keptUntil: ctx.deps.calendar.localDate(answer.keptUntil),
      });
    case "signed": {
      const r = answer.receipt;
      return ctx.t("receipt.answer.signed", {
        trackingNo,
        signer: signerText(r.signerKind, r.signer, ctx.t("receipt.stamp")),
        kind: ctx.t(`receipt.kind.${r.signerKind}`),
        deliveredAt: when(r.deliveredAt),
        cod: r.codFen === null ? "" : ctx.t("receipt.savedCod", { amount: yuanText(r.codFen) }),
        enteredBy: personLabel(ctx.deps, ctx.language, r.enteredBy),
        enteredAt: when(r.enteredAt),
        keptUntil: ctx.deps.calendar.localDate(answer.keptUntil),
      });
    }
  }
}

function finish(ctx: FlowContext, text: string): Step<never> {
  return done(ask(text, [flowButton(ctx, "receipt.button.another", "receipt-query"), menuButton(ctx)]));
}
