/**
 * SOP-20 "do not take half an address", SOP-30/31/32 "the detailed new address":
 * an address is full when it names a road, street, village or estate AND a number
 * (house, building or room). "搬走了" or "城东" alone are not addresses.
 */
const PLACE_MARKERS =
  /(路|街|道|巷|弄|胡同|村|组|小区|花园|苑|公寓|大厦|广场|园区|工业园|社区|新村|家园|府|城|里|院|road|rd\b|street|st\b|avenue|ave\b|lane|ln\b|village|estate|building|tower)/i;
const NUMBER = /([0-9０-９]|[一二三四五六七八九十百]+(号|栋|幢|楼|室|单元|层))/;
const NUMBER_MARKERS = /(号|栋|幢|楼|室|单元|层|#|no\.?\s*\d)/i;

export const ADDRESS_MAX_LENGTH = 200;

export type AddressCheck =
  | { ok: true; address: string }
  | { ok: false; reason: "empty" | "too_long" | "incomplete" };

export function checkFullAddress(raw: string): AddressCheck {
  const address = raw.normalize("NFKC").replace(/\s+/g, " ").trim();
  if (address === "") return { ok: false, reason: "empty" };
  if (address.length > ADDRESS_MAX_LENGTH) return { ok: false, reason: "too_long" };
  const hasPlace = PLACE_MARKERS.test(address);
  const hasNumber = NUMBER.test(address) && (NUMBER_MARKERS.test(address) || /\d/.test(address));
  if (address.length < 6 || !hasPlace || !hasNumber) return { ok: false, reason: "incomplete" };
  return { ok: true, address };
}

// ---------------------------------------------------------------------------------------------
// Matching an address against a zone's keywords (SOP-20, SOP-27)

/** Full-width to half-width, one case, no spaces: "文昌中路８８号" and "文昌中路 88 号" read alike. */
export function addressKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

/** The ends of a road's name that a longer name of the same road keeps (文昌路 → 文昌中路, 文昌东路). */
const ROAD_ENDS = /(大道|大街|路|街|道|巷|弄)$/;
/** What stands between a road's stem and its end in a longer name: a direction, a section, a number. */
const ROAD_INFIX = "[东西南北中上下前后新老一二三四五六七八九十0-9]{1,2}";

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * How well a zone's keyword places an address: the keyword's length when the address contains
 * it, a little less when the address names a longer form of the same road ("文昌中路" for the
 * keyword 文昌路), 0 when it does not match. Full-width characters and spaces do not matter.
 */
export function keywordScore(address: string, keyword: string): number {
  const text = addressKey(address);
  const key = addressKey(keyword);
  if (key === "") return 0;
  if (text.includes(key)) return key.length;
  const end = ROAD_ENDS.exec(key);
  if (!end) return 0;
  const stem = key.slice(0, key.length - end[0].length);
  if ([...stem].length < 2) return 0; // "东路" alone would match half the city
  const longer = new RegExp(`${escapeRegExp(stem)}${ROAD_INFIX}${escapeRegExp(end[0])}`);
  return longer.test(text) ? key.length - 0.5 : 0;
}

/** Characters the address shares with a keyword (a hint of which zone is near, when none matches). */
export function sharedCharacters(address: string, keyword: string): number {
  const text = new Set(addressKey(address));
  return [...new Set(addressKey(keyword))].filter((c) => text.has(c) && !/[0-9路街道号]/.test(c)).length;
}

/** An address written in Latin letters, with no Chinese characters (an English address). */
export function isLatinAddress(address: string): boolean {
  return /[a-z]/i.test(address) && !/\p{Script=Han}/u.test(address);
}
