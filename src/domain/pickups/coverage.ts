import { findPlace, isLatin, type PlaceFound } from "../kernel/place-in-text";

/**
 * SOP-27: check the destination is inside the network's delivery coverage. The coverage is the
 * policy's (`coverage.regions`: provincial divisions, default the 31 of the mainland, without Hong
 * Kong, Macau and Taiwan; `coverage.excluded`: places inside them the network does not reach).
 * A destination is read from what the customer typed: a division or a city of one (kernel/places.ts);
 * abroad is never covered; words that name no known place are asked again, never guessed.
 */

export interface Coverage {
  regions: readonly string[];
  excluded: readonly string[];
}

export const DESTINATION_MAX_LENGTH = 60;

export type DestinationCheck =
  | { ok: true; destination: string; region: string }
  | { ok: false; reason: "empty" | "too_long" | "unknown" }
  | { ok: false; reason: "outside"; place: string };

/** The destination as dispatch and the courier read it: "西藏拉萨", "北京", "广东 (Guangzhou)". */
function destinationLabel(found: Extract<PlaceFound, { kind: "region" }>): string {
  const { region, city } = found;
  if (!city || city === region.name) return region.name;
  if (!isLatin(city)) return `${region.name}${city}`;
  const name = city.replace(/\b[a-z]/g, (c) => c.toUpperCase());
  return `${region.name} (${name})`;
}

/** SOP-27: the destination typed, inside the coverage; or why not. */
export function checkDestination(raw: string, coverage: Coverage): DestinationCheck {
  const text = raw.normalize("NFKC").replace(/\s+/g, " ").trim();
  if (text === "") return { ok: false, reason: "empty" };
  if ([...text].length > DESTINATION_MAX_LENGTH) return { ok: false, reason: "too_long" };
  const found = findPlace(text);
  if (!found) return { ok: false, reason: "unknown" };
  return judgePlace(found, text, coverage);
}

/** SOP-27: a place found in `text`, inside the coverage or not. */
export function judgePlace(found: PlaceFound, text: string, coverage: Coverage): DestinationCheck {
  if (found.kind === "abroad") return { ok: false, reason: "outside", place: found.named };
  const { region } = found;
  if (!coverage.regions.includes(region.name)) return { ok: false, reason: "outside", place: region.name };
  const key = text.toLowerCase().replace(/\s+/g, "");
  const excluded = coverage.excluded.find((word) => key.includes(word.toLowerCase().replace(/\s+/g, "")));
  if (excluded) return { ok: false, reason: "outside", place: excluded };
  return { ok: true, destination: destinationLabel(found), region: region.name };
}
