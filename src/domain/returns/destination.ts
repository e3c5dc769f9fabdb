import type { Policy } from "../config/policy";
import { findPlace, isLatin } from "../kernel/place-in-text";
import { cleanText } from "../kernel/text";
import { MAX_RETURN_WEIGHT_KG } from "./return-fee";

/**
 * SOP-60 needs a return's destination region and weight. The scans carry neither, so the agent
 * types them when recording the return: a province (or a city of south-west Shandong, whose
 * returns are free) and a weight in kilograms, both checked here, never guessed.
 */

const MAX_DESTINATION_LENGTH = 50;

export type DestinationCheck =
  | { ok: true; destination: string }
  | { ok: false; reason: "empty" | "too_long" | "unknown_province" };

/**
 * A destination as stored and priced (Chinese place names, which returnRoute matches): the typed
 * text when it names a province or one of the policy's fee regions (菏泽…), else the province an
 * English name stands for.
 */
export function readDestination(input: unknown, policy: Pick<Policy, "returnFees">): DestinationCheck {
  if (typeof input !== "string") return { ok: false, reason: "empty" };
  const trimmed = cleanText(input.normalize("NFKC")).replace(/\s+/g, " ");
  if (trimmed === "") return { ok: false, reason: "empty" };
  if ([...trimmed].length > MAX_DESTINATION_LENGTH) return { ok: false, reason: "too_long" };
  // A fee region of the branch's own policy (菏泽…) is taken as typed; else the place it names.
  const fees = policy.returnFees;
  const names = [...fees.freeRegions, ...fees.noShuttleRegions, ...fees.tibetRegions];
  if (names.some((name) => trimmed.includes(name.normalize("NFKC"))))
    return { ok: true, destination: trimmed };
  const found = findPlace(trimmed);
  if (found?.kind !== "region") return { ok: false, reason: "unknown_province" };
  const { region, city } = found;
  // Chinese names, as returnRoute matches them: "山东菏泽", "新疆" (for "Urumqi").
  return {
    ok: true,
    destination: city && !isLatin(city) && city !== region.name ? `${region.name}${city}` : region.name,
  };
}

type WeightCheck = { ok: true; weightKg: number } | { ok: false };

const WEIGHT = /^(\d{1,4}(?:\.\d{1,3})?)\s*(?:kg|kgs|公斤|千克)?$/i;

/** A weight typed in kilograms: "7", "7.5", "7 kg", "7公斤"; more than 0, at most MAX_RETURN_WEIGHT_KG. */
export function readWeight(input: unknown): WeightCheck {
  if (typeof input !== "string") return { ok: false };
  const m = WEIGHT.exec(input.normalize("NFKC").trim());
  if (!m?.[1]) return { ok: false };
  const weightKg = Number(m[1]);
  return weightKg > 0 && weightKg <= MAX_RETURN_WEIGHT_KG ? { ok: true, weightKg } : { ok: false };
}
