import { hasRole } from "../config/directory";
import type { UseCaseDeps } from "../desk/context";
import type { Desk } from "../desk/desk";
import { assignTagFits, parseAssignArg } from "../desk/notice-actions";
import { assignableCouriers } from "./card";
import { assignPickup, PICKUP_ASSIGNERS } from "./steps";

/**
 * A dispatcher picks a courier in the select of a pickup's card (issue 10 §3). Anyone in the
 * dispatch chat can click it, so every check is a refusal, never a throw: only a dispatcher or the
 * duty lead assigns (SOP people: 调度 pings the couriers, 主管 is the duty lead); the option must
 * name one of the couriers the card offers, i.e. the courier of the pickup's zone (SOP-20) — a
 * forged or stale option (wrong place, wrong courier) changes nothing. Then it is assignPickup:
 * compare and set, audit row, the courier told, the cards updated.
 */
/** Who gives a pickup to a courier from its card: whoever may assign it at all. */
export const CARD_ASSIGNERS = PICKUP_ASSIGNERS;

export async function assignFromCard(
  deps: UseCaseDeps,
  personId: string,
  option: string,
): ReturnType<Desk["assignFromCard"]> {
  const person = deps.directory.person(personId);
  if (!hasRole(person, ...CARD_ASSIGNERS)) return { ok: false, reason: "not_allowed" };
  const parsed = parseAssignArg(option);
  if (!parsed) return { ok: false, reason: "bad_option" };
  const pickup = await deps.store.pickups.get(parsed.pickupId);
  if (!pickup) return { ok: false, reason: "not_found" };
  const courier = assignableCouriers(deps, pickup)[parsed.index];
  if (!courier || !assignTagFits(courier.id, parsed.tag)) return { ok: false, reason: "bad_option" };
  return assignPickup(deps, personId, pickup.id, courier.id);
}
