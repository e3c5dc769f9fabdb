import { isLatinAddress } from "./address";

/**
 * Issue 16 §6: an address as a group chat may read it. A dispatch group assigns a pickup by its
 * zone, road and street number (SOP-20: which courier, which way round); the building, unit and
 * room say whose home it is, and only the courier who has the pickup needs them. So everything
 * after the street number keeps its words and loses its numbers:
 * "扬州市文昌路 88 号 3 栋 201 室" → "扬州市文昌路 88 号 * 栋 *** 室". Without a street number the
 * numbers after the road (or estate, village) go: "阳光小区12栋302室" → "阳光小区**栋***室".
 */

// Where the road, street, village or estate part of a Chinese address ends (kernel/address.ts's markers).
const PLACE = /(路|街|道|巷|弄|胡同|村|小区|花园|苑|公寓|大厦|广场|园区|社区|新村|家园)/;
// The street number after the place: digits (half or full width, "88-2"), then 号.
const STREET_NUMBER = /^[^0-9０-９]*?[0-9０-９]+(?:[-－][0-9０-９]+)?\s*号/;
// A number: digits, or Chinese numerals before a building, unit, floor or room word.
const NUMBERS = /[0-9０-９]+|[一二三四五六七八九十百零〇]+(?=\s*(栋|幢|单元|楼|层|室|户|号))/g;
// A flat in an address in Latin letters: the number after its word (the street number stays).
const LATIN_FLAT =
  /\b(room|rm|flat|apt|apartment|unit|floor|fl|building|bldg|block|blk)(\.?\s*#?\s*)([0-9A-Za-z-]+)/gi;

function hideNumbers(text: string): string {
  return text.replace(NUMBERS, (n) => "*".repeat(Math.min([...n].length, 4)));
}

/** The address with its building, unit and room hidden; the road and street number kept. */
export function maskAddressDetail(address: string): string {
  if (isLatinAddress(address)) {
    return address
      .replace(
        LATIN_FLAT,
        (_whole, word: string, sep: string, n: string) => `${word}${sep}${"*".repeat(Math.min(n.length, 4))}`,
      )
      .replace(/#\s*[0-9]+/g, "#*");
  }
  const place = PLACE.exec(address);
  if (!place) return hideNumbers(address);
  let kept = place.index + place[0].length;
  const street = STREET_NUMBER.exec(address.slice(kept));
  if (street) kept += street[0].length;
  return address.slice(0, kept) + hideNumbers(address.slice(kept));
}
