// A contact phone as people type it (SOP-20 asks one of every pickup; problem notes record them too).

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{9,11}$/; // 0 + area code (2-3 digits) + 7-8 digits, separators removed
const PHONE_MAX_RAW_LENGTH = 40;

/**
 * A Chinese mobile (1[3-9] + 9 digits) or landline (area code 0xx/0xxx, then 7-8 digits) as people
 * type it: +86/0086, spaces, dashes, brackets, full-width digits. Mobiles normalise to 11 digits,
 * landlines to "0514-8000000" (the directory's form). Anything else is undefined.
 */
export function normalizePhone(raw: string): string | undefined {
  if (raw.length > PHONE_MAX_RAW_LENGTH) return undefined;
  let s = raw.normalize("NFKC").replace(/[\s()]+/g, "");
  if (!/^\+?[\d-]+$/.test(s)) return undefined;
  const international = /^(?:\+|00)86/.test(s);
  if (international) s = s.replace(/^(?:\+|00)86-*/, "");
  const digits = s.replace(/-/g, "");
  if (MOBILE.test(digits)) return digits;
  if (/^861[3-9]\d{9}$/.test(digits)) return digits.slice(2); // "86" typed without the +
  // Dialled from abroad, the area code loses its trunk 0: +86 514 8000000.
  const national = international && !digits.startsWith("0") ? `0${digits}` : digits;
  if (!LANDLINE.test(national)) return undefined;
  // A dash after the area code says where it ends; else 010 and 02x have three digits, others four.
  const typed = /^(0\d{2,3})-(\d{7,8})$/.exec(s);
  const areaLength = typed?.[1] && !international ? typed[1].length : /^0[12]/.test(national) ? 3 : 4;
  const local = national.slice(areaLength);
  return /^\d{7,8}$/.test(local) ? `${national.slice(0, areaLength)}-${local}` : undefined;
}
