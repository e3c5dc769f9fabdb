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
