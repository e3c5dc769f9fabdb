import type { PickupRequest } from "../../domain/records";
import type { FlowContext } from "../types";
import { excerpt, localTime, personName } from "./shared";

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
        : p.pickupDay.slice(5);
  return p.morning ? `${day} ${ctx.t("staff.pickup.morning")}` : day;
}

export function pickupStatus(ctx: FlowContext, p: PickupRequest): string {
  const status = ctx.t(`staff.pickup.status.${p.status}`);
  return p.courierId ? `${status} · ${personName(ctx, p.courierId)}` : status;
}

/** One button: "今天 文昌路 88 号… · 待派". */
export function pickupButtonLabel(ctx: FlowContext, p: PickupRequest): string {
  return ctx.t("staff.pickup.item", {
    day: pickupDay(ctx, p),
    address: excerpt(p.address, 14),
    status: ctx.t(`staff.pickup.status.${p.status}`),
  });
}

export function describePickup(ctx: FlowContext, p: PickupRequest): string {
  const zone = p.zoneId ? ctx.deps.directory.zone(p.zoneId) : undefined;
  return [
    ctx.t("staff.pickup.when", { day: pickupDay(ctx, p), earliest: localTime(ctx, p.earliestAt) }),
    ctx.t("staff.pickup.address", { address: p.address, zone: zone?.name ?? "—" }),
    ctx.t("staff.pickup.contact", { name: p.contactName ?? "—", phone: p.phone }),
    ctx.t("staff.pickup.goods", { goods: p.goods, payment: ctx.t(`staff.pickup.payment.${p.payment}`) }),
    ctx.t("staff.pickup.statusLine", { status: pickupStatus(ctx, p) }),
  ].join("\n");
}
