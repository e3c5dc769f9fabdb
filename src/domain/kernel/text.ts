/**
 * Control and bidi-override characters: nothing people send is stored or shown with them (a NUL
 * byte cannot even be stored in Postgres, and a bidi override can disguise a number).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Drops control characters (keeps line breaks and tabs) and trims. */
export function cleanText(text: string): string {
  return text.replace(UNPRINTABLE, "").trim();
}

export function hasUnprintable(text: string): boolean {
  UNPRINTABLE.lastIndex = 0;
  const found = UNPRINTABLE.test(text);
  UNPRINTABLE.lastIndex = 0;
  return found;
}

/**
 * `text` cut to at most `max` UTF-16 code units (the unit chat platforms count in), ending with
 * "…" when cut; a surrogate pair (an emoji) is never split.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
