import { ABROAD, REGIONS, type Region } from "./places";

/**
 * A place named in typed words (a pickup's destination, SOP-27; a return's, SOP-60; "do you
 * deliver to …", SOP-1): a provincial division, its city, or a place abroad, read with the data of
 * places.ts. Roads and districts named after places (北京路, 朝阳区) and the place a parcel comes
 * from (从北京寄到…) are not the place; nothing is guessed.
 */

/** A place found in typed words: a division (and its city, when one was named), or abroad. */
export type PlaceFound =
  | { kind: "region"; region: Region; city: string | undefined; named: string }
  | { kind: "abroad"; named: string };

interface Hit {
  at: number;
  named: string;
  region?: Region;
  city?: boolean;
}

/** "北京路", "新疆路", "中山北路", "朝阳区": a road or a district named after a place, not the place. */
export const ROAD_AFTER = /^(?:[东西南北中]?(?:路|街|大道|大街|巷|道|里|弄)|区)/;
/** "从北京寄到拉萨": the place it comes from is not the destination. */
const FROM_BEFORE = /(?:从|由|自)$/;

export const isLatin = (term: string): boolean => /^[a-z ]+$/.test(term);
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function chineseHits(text: string, term: string, hit: Omit<Hit, "at" | "named">): Hit[] {
  const hits: Hit[] = [];
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    const after = text.slice(at + term.length);
    const before = text.slice(0, at);
    // A city followed by 区 or a road is a district or a road; a division's own name keeps 区 (西藏自治区).
    if (ROAD_AFTER.test(after) && !(hit.region && !hit.city && after.startsWith("区"))) continue;
    if (FROM_BEFORE.test(before)) continue;
    hits.push({ at, named: term, ...hit });
  }
  return hits;
}

function latinHits(text: string, term: string, hit: Omit<Hit, "at" | "named">): Hit[] {
  const re = new RegExp(`(?<![a-z])${escapeRegExp(term)}(?![a-z])`, "g");
  return [...text.matchAll(re)]
    .filter((m) => !/\bfrom $/.test(text.slice(0, m.index)))
    .map((m) => ({ at: m.index, named: term, ...hit }));
}

function hitsOf(zh: string, en: string, term: string, hit: Omit<Hit, "at" | "named">): Hit[] {
  return isLatin(term) ? latinHits(en, term, hit) : chineseHits(zh, term, hit);
}

/** The place typed words name: an explicit division first (with its city, if one is named), else a city. */
export function findPlace(raw: string): PlaceFound | undefined {
  const normal = raw.normalize("NFKC").toLowerCase();
  const zh = normal.replace(/\s+/g, "");
  const en = ` ${normal.replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
  const regions: Hit[] = [];
  const cities: Hit[] = [];
  for (const region of REGIONS) {
    for (const term of [region.name, ...region.aliases]) regions.push(...hitsOf(zh, en, term, { region }));
    for (const term of region.cities) cities.push(...hitsOf(zh, en, term, { region, city: true }));
  }
  const abroad = ABROAD.flatMap((term) => hitsOf(zh, en, term, {}));
  // "海南州" is a city of 青海, not the province 海南: a longer city's name wins over a division inside it.
  const inCity = (r: Hit) =>
    !isLatin(r.named) &&
    cities.some(
      (c) =>
        c.region !== r.region &&
        !isLatin(c.named) &&
        c.at <= r.at &&
        c.at + c.named.length >= r.at + r.named.length,
    );
  const explicit = regions.filter((r) => !inCity(r));
  const first = (hits: Hit[]) => hits.sort((a, b) => a.at - b.at || b.named.length - a.named.length)[0];
  const named = first(explicit);
  if (named?.region) {
    const city = first(cities.filter((c) => c.region === named.region));
    return { kind: "region", region: named.region, city: city?.named, named: named.named };
  }
  const city = first(cities);
  const away = first(abroad);
  if (away && (!city || away.at < city.at)) return { kind: "abroad", named: away.named };
  if (city?.region) return { kind: "region", region: city.region, city: city.named, named: city.named };
  return undefined;
}
