/**
 * What a customer may read of a scan note: no other person's phone number or name. Scan notes
 * come from the network's system and name signers, recipients, senders and contacts (SOP-74
 * enters the signer's name as written); a tracking query must not hand them to whoever typed the
 * waybill number. Places (locations, branch names) are kept: they are what the customer asked.
 */

// A mobile (1[3-9] + 9 digits, kernel/phone.ts's normalizePhone), typed whole or as 3-4-4 with spaces or
// dashes, optionally with +86. A digit on either side, or a capital letter before it, means it is
// part of a longer number (a waybill such as YT13800000003).
const MOBILE = /(?<![\dA-Z])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;

// A landline: area code 0xx/0xxx, then 7-8 digits. A separator (dash, space or brackets) after the
// area code is required, so a waybill number that happens to start with 0 is left alone.
const LANDLINE = /(?<![\w])(\(0\d{2,3}\)\s?|0\d{2,3}[\s-])(\d{3,4})[\s-]?(\d{4})(?!\d)/g;

// Chinese labels that precede a person's name in scan notes.
const ZH_NAME_LABELS = "签收人|收件人|寄件人|联系人|收货人|取件人|代收人|发件人";
// SOP-74: what is entered when there is no legible name is no personal data.
const NOT_A_NAME = new Set(["草签", "已收", "本人", "他人", "门卫", "前台"]);
// What follows a label without a colon is often what the person did or said, no name: "收件人拒收",
// "收件人不在家", "收件人要求改地址". Such a word (or another label) ends the name ("联系人刘德华电话…": 刘德华),
// or, first, means there is no name.
const NOT_A_NAME_WORD = `拒|不|未|没|已|要求|说|称|表示|同意|电话|手机|联系|地址|改|外出|无人|暂|让|请|需|退|签收|收到|取件|反映|投诉|${ZH_NAME_LABELS}`;
// A name as written (SOP-74): Han characters, "·" of minority names, "," for an unreadable character.
const ZH_NAME = new RegExp(
  `(${ZH_NAME_LABELS})(\\s*[::]?\\s*)((?:(?!${NOT_A_NAME_WORD})[\\u3400-\\u9fff·,,]){1,4})`,
  "g",
);

// English labels; the first word of the name may be in any case, further words must be capitalised.
const EN_NAME =
  /\b(signed by|recipient|sender|contact|received by)(\s*:?\s*)([A-Za-z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*)*)/gi;
const EN_NOT_A_NAME = new Set([
  "the",
  "a",
  "an",
  "at",
  "by",
  "in",
  "on",
  "is",
  "was",
  "not",
  "none",
  "unknown",
]);

function maskName(name: string): string {
  const first = [...name][0] ?? "";
  return `${first}*`;
}

/** Hides phone numbers (138****0003, 0514-***0000) and people's names (签收人:张*); keeps the rest. */
export function maskPersonalData(text: string): string {
  return text
    .replace(MOBILE, (_whole, head: string, _mid: string, tail: string) => `${head}****${tail}`)
    .replace(
      LANDLINE,
      (_whole, area: string, mid: string, tail: string) => `${area}${"*".repeat(mid.length)}${tail}`,
    )
    .replace(ZH_NAME, (whole, label: string, sep: string, name: string) =>
      NOT_A_NAME.has(name) ? whole : `${label}${sep}${maskName(name)}`,
    )
    .replace(EN_NAME, (whole, label: string, sep: string, name: string) => {
      const firstWord = name.split(/\s+/)[0]?.toLowerCase() ?? "";
      return EN_NOT_A_NAME.has(firstWord) ? whole : `${label}${sep}${maskName(name)}`;
    });
}
