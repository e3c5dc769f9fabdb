import type { DirectoryIndex, Zone } from "../config/directory";
import type { Policy } from "../config/policy";
import { keywordScore } from "../kernel/address";
import { findPlace } from "../kernel/place-in-text";
import { type Coverage, judgePlace } from "../pickups/coverage";

/**
 * SOP-1 (answer questions on the delivery coverage) and SOP-27: "你们送不送新疆", "能寄到拉萨吗",
 * "我这边朝阳区xx路能上门吗", "do you deliver to Urumqi?". A place of the branch's own zones is
 * answered from the directory (the courier comes there); a destination from the network's
 * coverage (the policy); an address in no zone with the zones. A question that names no place and
 * asks about no area is none of these: the sentence is read as it was before (undefined).
 */
export type ServedAnswer =
  /** Inside one of the branch's zones (the keyword that placed it). */
  | { kind: "zone"; zone: Zone; keyword: string }
  /** An address or a place to collect from in none of the zones. */
  | { kind: "outside_zones"; place: string }
  /** A destination inside the network's coverage, as dispatch would read it ("西藏拉萨"). */
  | { kind: "covered"; destination: string }
  /** A destination outside the coverage (abroad, Hong Kong, a place the branch excludes). */
  | { kind: "not_covered"; place: string }
  /** Asked about the area in general ("你们派送范围是哪些"). */
  | { kind: "general" };

export interface ServedDeps {
  directory: DirectoryIndex;
  policy: Pick<Policy, "coverage">;
}

/** The customer's own parcel ("我的快递能送到家吗"): a parcel to look up, not the area. */
const OWN_PARCEL = /我的(?:快递|包裹|件|东西|单)|my (?:parcel|package|order|delivery)/i;
/** Asked about collecting at a place (上门, 来取, pick up): only the zones answer. */
const COLLECT_AT = /上门|来取|来收|来拿|取件|收件|揽收|揽件|pick ?up|collect|come (?:to|over)/i;
/** Asked about the area itself, with no place named. */
const AREA_WORDS =
  /范围|覆盖|哪些地方|哪些城市|哪些地区|什么地方|哪里都|全国|coverage|service area|delivery area|which cities|what areas|where do you/i;
/** Words of a place to collect from or deliver to (a road, a district, an estate…). */
const ADDRESS_WORDS =
  /路|街|道|巷|弄|胡同|村|组|小区|花园|苑|公寓|大厦|广场|园区|社区|区|镇|乡|县|road|street|district/i;

/** What stands around the place in such a question: asked words, particles, polite openings. */
const AROUND = [
  "请问|你好|您好|你们|您们|贵公司|快递员|快递|师傅|我这边|我这里|我们这边|我们这里|我们那边|我家|我住在|我在|住在|我这|我们这",
  "能不能|可不可以|可以|能|会不会|是否|有没有|送不送|寄不寄|发不发|到不到|派不派|上不上门|上门|派送|配送|送货",
  "寄|送|发|到|去|往|取件|来取|揽收|范围|吗|么|嘛|呢|啊|呀|吧|不|没有|没|得",
].join("|");
/** Longest first, so that "送不送" goes whole, not as 送 then 不. */
const AROUND_WORDS = AROUND.split("|").sort((a, b) => b.length - a.length);
/** Questions are short; what a hostile message holds past this is not read for a place. */
const PLACE_TEXT_MAX = 200;

/** Words of AROUND taken off both ends, one at a time (no regular expression: no backtracking). */
function trimAround(text: string): string {
  let rest = text;
  for (let cut = true; cut; ) {
    cut = false;
    const lead = AROUND_WORDS.find((w) => rest.startsWith(w));
    if (lead) rest = rest.slice(lead.length);
    const tail = AROUND_WORDS.find((w) => rest.endsWith(w));
    if (tail) rest = rest.slice(0, rest.length - tail.length);
    cut = lead !== undefined || tail !== undefined;
  }
  return rest;
}

/** The place as the question named it, for the answer ("朝阳区xx路"); at most 30 characters. */
function placeIn(raw: string): string {
  const text = raw.normalize("NFKC").slice(0, PLACE_TEXT_MAX);
  if (!/\p{Script=Han}/u.test(text)) {
    // "do you deliver to Urumqi?": what follows the last preposition.
    const last = [...text.matchAll(/\b(?:to|in|at|from|near)\s+/gi)].at(-1);
    const after = last ? text.slice((last.index ?? 0) + last[0].length) : "";
    return after.replace(/[?!.\s]+$/, "").slice(0, 30);
  }
  const place = trimAround(text.replace(/[^\p{L}\p{N}]+/gu, ""));
  return [...place].slice(0, 30).join("");
}

/** The zone a sentence names a road or place of, with the keyword that placed it. */
function zoneIn(directory: DirectoryIndex, text: string): { zone: Zone; keyword: string } | undefined {
  let best: { zone: Zone; keyword: string; score: number } | undefined;
  for (const zone of directory.data.zones) {
    for (const keyword of zone.keywords) {
      const score = keywordScore(text, keyword);
      if (score > 0 && (!best || score > best.score)) best = { zone, keyword, score };
    }
  }
  return best && { zone: best.zone, keyword: best.keyword };
}

/** The answer to a question whether a place is served; undefined when the sentence asks no such thing. */
export function servedAnswer(typed: string, deps: ServedDeps): ServedAnswer | undefined {
  const text = typed.slice(0, PLACE_TEXT_MAX * 2);
  if (OWN_PARCEL.test(text)) return undefined;
  const zone = zoneIn(deps.directory, text);
  if (zone) return { kind: "zone", ...zone };
  const place = placeIn(text);
  const found = findPlace(text);
  if (COLLECT_AT.test(text)) {
    // Collecting happens in the branch's own zones only, wherever the network delivers.
    if (found || ADDRESS_WORDS.test(place)) return { kind: "outside_zones", place };
    return AREA_WORDS.test(text) ? { kind: "general" } : undefined;
  }
  if (found) {
    const judged = judgePlace(found, text, deps.policy.coverage as Coverage);
    return judged.ok
      ? { kind: "covered", destination: judged.destination }
      : { kind: "not_covered", place: "place" in judged ? judged.place : place };
  }
  if (ADDRESS_WORDS.test(place) && place.length >= 3) return { kind: "outside_zones", place };
  return AREA_WORDS.test(text) ? { kind: "general" } : undefined;
}
