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

/** Digits typed with spaces, dashes, brackets or a leading + between them, not inside a longer number or a Latin word (YT13812345678 is a waybill). */
const TYPED_NUMBER = /(?<![A-Za-z\d])\+?\(?\d[\d \t()-]*\d/g;
/** "+86 138 1234 5678" is four groups; more is a list of numbers, not one. */
const MAX_PHONE_GROUPS = 5;

/**
 * The first phone in a sentence ("我的电话 138-1234-5678", "call me on (0514) 8000000 please"), by
 * the one rule of normalizePhone: digits typed in groups are tried as one number, longest first, and
 * a phone is never a part of a longer run of digits. Undefined when the text holds none.
 */
export function findPhone(text: string): string | undefined {
  for (const match of text.normalize("NFKC").matchAll(TYPED_NUMBER)) {
    const groups = match[0].split(/[ \t]+/);
    for (let a = 0; a < groups.length; a++) {
      for (let b = Math.min(groups.length, a + MAX_PHONE_GROUPS); b > a; b--) {
        const phone = normalizePhone(groups.slice(a, b).join(" "));
        if (phone) return phone;
      }
    }
  }
  return undefined;
}
