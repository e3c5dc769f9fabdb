import { excerpt, formatLocalDate, personLabel } from "../../domain/kernel/format";
import { pickupWhenText, transportText } from "../../domain/pickups/pings";
import type { PickupRequest } from "../../domain/ports/records";
import type { FlowContext } from "../types";

/**
 * How a pickup request reads for dispatch and couriers (SOP-20: full address and phone; SOP-21:
 * never a price; SOP-23: a morning pickup is marked). Shared by the dispatch and courier flows.
 */
export function pickupDay(ctx: FlowContext, p: PickupRequest): string {
  const today = ctx.deps.calendar.localDate(ctx.now);
  const day =
    p.pickupDay === today
      ? ctx.t("staff.pickup.today")
      : p.pickupDay === ctx.deps.calendar.addDays(today, 1)
        ? ctx.t("staff.pickup.tomorrow")
        : formatLocalDate(p.pickupDay);
  return p.morning ? `${day} ${ctx.t("staff.pickup.morning")}` : day;
}

/** "已派给 张伟(105),待接单", "业务员已接单 · 张伟(105)": the status, with the courier it is with. */
export function pickupStatus(ctx: FlowContext, p: PickupRequest): string {
  if (!p.courierId) return ctx.t(`pickupStatus.${p.status}`);
  const courier = personLabel(ctx.deps, ctx.language, p.courierId);
  if (p.status === "assigned") return ctx.t("pickupStatus.assignedTo", { courier });
  return `${ctx.t(`pickupStatus.${p.status}`)} · ${courier}`;
}

/** One button: "今天 文昌路 88 号… · 待派单". */
export function pickupButtonLabel(ctx: FlowContext, p: PickupRequest): string {
  return ctx.t("staff.pickup.item", {
    day: pickupDay(ctx, p),
    address: excerpt(p.address, 14),
    status: ctx.t(`pickupStatus.${p.status}`),
  });
}

/**
 * The dispatcher's and the courier's card: its time in the very words of the ping
 * (pickupWhenText: a morning pickup shows the morning's hours, never 15:00), and its transport.
 */
export function describePickup(ctx: FlowContext, p: PickupRequest): string {
  const zone = p.zoneId ? ctx.deps.directory.zone(p.zoneId) : undefined;
  return [
    ctx.t("pickup.card.when", { when: pickupWhenText(ctx.deps, p, ctx.language, ctx.now) }),
    ctx.t("staff.pickup.address", { address: p.address, zone: zone?.name ?? "—" }),
    ctx.t("staff.pickup.contact", { name: p.contactName ?? "—", phone: p.phone }),
    ctx.t("staff.pickup.goods", { goods: p.goods, payment: ctx.t(`payment.${p.payment}`) }),
    ctx.t("pickup.card.transport", { transport: transportText(ctx.language, p) }),
    ctx.t("staff.pickup.statusLine", { status: pickupStatus(ctx, p) }),
  ].join("\n");
}
