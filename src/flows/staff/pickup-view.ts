import { excerpt, formatLocalTime, personLabel } from "../../domain/kernel/format";
import { type Decline, declineReasonText } from "../../domain/pickups/decline";
import { contactText, pickupWhenText, transportText } from "../../domain/pickups/pings";
import type { PickupRequest } from "../../domain/ports/records";
import { forStaff } from "../common";
import type { FlowContext } from "../types";

/**
 * How a pickup request reads for dispatch and couriers (SOP-20: full address and phone; SOP-21:
 * never a price; SOP-23: a morning pickup is marked; SOP-26: air is marked). Its time and transport
 * are in the very words of the ping (pickupWhenText, transportText). Shared by the dispatch and
 * courier flows.
 */

/** "已派给 张伟(105),待接单", "业务员已接单 · 张伟(105)": the status, with the courier it is with. */
export function pickupStatus(ctx: FlowContext, p: PickupRequest): string {
  if (!p.courierId) return ctx.t(`pickupStatus.${p.status}`);
  const courier = personLabel(ctx.deps, ctx.language, p.courierId);
  if (p.status === "assigned") return ctx.t("pickupStatus.assignedTo", { courier });
  return `${ctx.t(`pickupStatus.${p.status}`)} · ${courier}`;
}

/** One button: "今天(11月27日) 15:00 以后 · 文昌路 88 号… · 待派单", air marked "航空". */
export function pickupButtonLabel(ctx: FlowContext, p: PickupRequest): string {
  return ctx.t(p.byAir ? "pickup.list.itemAir" : "pickup.list.item", {
    when: pickupWhenText(ctx.deps, p, ctx.language, ctx.now, "list"),
    transport: transportText(ctx.language, p),
    address: excerpt(p.address, 14),
    status: ctx.t(`pickupStatus.${p.status}`),
  });
}

/**
 * The dispatcher's and the courier's card: its time in the very words of the ping (a morning
 * pickup shows the morning's hours, never 15:00), and its transport. Given a decline (the
 * dispatcher's card, SOP-20), the last one: who declined, why and when.
 */
export function describePickup(ctx: FlowContext, p: PickupRequest, declined?: Decline): string {
  const zone = p.zoneId ? ctx.deps.directory.zone(p.zoneId) : undefined;
  const lines = [
    ctx.t("pickup.card.when", { when: pickupWhenText(ctx.deps, p, ctx.language, ctx.now) }),
    ctx.t("staff.pickup.address", { address: p.address, zone: zone?.name ?? "—" }),
    ctx.t("staff.pickup.contact", { contact: contactText(p) }),
    ctx.t("pickup.card.destination", { destination: p.destination ?? "—" }), // SOP-27
    ctx.t("staff.pickup.goods", { goods: p.goods, payment: ctx.t(`payment.${p.payment}`) }),
    ctx.t("pickup.card.transport", { transport: transportText(ctx.language, p) }),
    ctx.t("staff.pickup.statusLine", { status: pickupStatus(ctx, p) }),
  ];
  if (declined) {
    lines.push(
      ctx.t("pickup.card.declined", {
        courier: personLabel(ctx.deps, ctx.language, declined.courierId),
        reason: declineReasonText(ctx.language, declined),
        at: formatLocalTime(declined.at, forStaff(ctx)),
      }),
    );
  }
  return lines.join("\n");
}
