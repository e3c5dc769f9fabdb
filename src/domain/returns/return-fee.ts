import type { Policy } from "../config/policy";
import { ROAD_AFTER } from "../kernel/place-in-text";

/**
 * SOP-60: what a return costs, by destination, with the numbers of policy.returnFees.
 * Fees are whole yuan on whole kilograms: the weight is rounded up to the next kg.
 */

export type ReturnRoute = "free_region" | "shuttle" | "no_shuttle" | "tibet";

export type ReturnFee =
  | { ok: true; yuan: number; route: ReturnRoute; airMayCost: boolean; chargedKg: number }
  | {
      ok: false;
      reason: "weight_not_a_number" | "weight_not_positive" | "weight_over_limit" | "no_destination";
    };

export interface ReturnFeeInput {
  destination: string;
  weightKg: number;
  byAir?: boolean;
}

/** Heavier than this is not a parcel the desk prices; it is a typing mistake. */
export const MAX_RETURN_WEIGHT_KG = 1000;

export function returnFee(input: ReturnFeeInput, policy: Pick<Policy, "returnFees">): ReturnFee {
  const { weightKg } = input;
  if (typeof weightKg !== "number" || Number.isNaN(weightKg))
    return { ok: false, reason: "weight_not_a_number" };
  if (weightKg <= 0) return { ok: false, reason: "weight_not_positive" };
  if (!(weightKg <= MAX_RETURN_WEIGHT_KG)) return { ok: false, reason: "weight_over_limit" };
  const destination = typeof input.destination === "string" ? input.destination.normalize("NFKC").trim() : "";
  if (destination === "") return { ok: false, reason: "no_destination" };

  const fees = policy.returnFees;
  const kg = wholeKg(weightKg);
  const route = returnRoute(destination, policy);
  const airMayCost = input.byAir === true; // SOP-60: air returns may carry a cost on top
  const priced = (perKgYuan: number) =>
    ({ ok: true, route, airMayCost, chargedKg: kg, yuan: yuanFor(kg, perKgYuan) }) as const;
  switch (route) {
    case "tibet":
      return priced(fees.tibetPerKgYuan);
    case "free_region":
      return { ok: true, route, airMayCost, chargedKg: kg, yuan: 0 };
    case "no_shuttle":
      return priced(fees.noShuttlePerKgYuan);
    case "shuttle": {
      if (weightKg <= fees.shuttleFreeUpToKg) return { ok: true, route, airMayCost, chargedKg: kg, yuan: 0 };
      // Over the limit: by default the whole (rounded-up) weight is charged (7 kg → 14 yuan); a
      // branch whose reading is "only what is over 5 kg" sets shuttleChargedWeight: over_free.
      if (fees.shuttleChargedWeight === "whole") return priced(fees.shuttlePerKgYuan);
      const over = wholeKg(weightKg - fees.shuttleFreeUpToKg);
      return { ok: true, route, airMayCost, chargedKg: over, yuan: yuanFor(over, fees.shuttlePerKgYuan) };
    }
  }
}

/** Tibet first (8 yuan/kg beats every other list), then the free regions, then no shuttle. */
export function returnRoute(destination: string, policy: Pick<Policy, "returnFees">): ReturnRoute {
  const fees = policy.returnFees;
  const text = destination.normalize("NFKC").toLowerCase();
  if (mentionsAny(text, fees.tibetRegions)) return "tibet";
  if (mentionsAny(text, fees.freeRegions)) return "free_region";
  if (mentionsAny(text, fees.noShuttleRegions)) return "no_shuttle";
  return "shuttle";
}

// A place name followed by 路/街/道… is a street named after it (上海 has a 西藏中路,
// 青岛 an 安徽路), not the region itself: kernel/place-in-text.ts ROAD_AFTER.

function mentionsAny(text: string, regions: readonly string[]): boolean {
  return regions.some((region) => {
    const name = region.normalize("NFKC").toLowerCase();
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      if (!ROAD_AFTER.test(text.slice(i + name.length))) return true;
    }
    return false;
  });
}

/** Gram precision first, so 5.000000001 (float noise) is 5 kg, then up to the next kg. */
function wholeKg(weightKg: number): number {
  return Math.ceil(Math.round(weightKg * 1000) / 1000);
}

/** Whole yuan; a fractional per-kg rate in a branch's policy rounds the total up. */
function yuanFor(kg: number, perKgYuan: number): number {
  return Math.ceil(Math.round(kg * perKgYuan * 100) / 100);
}
