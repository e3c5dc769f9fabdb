import type { Policy } from "../config/policy";
import { normalizePhone } from "./phone";
import { checkTrackingNo } from "./tracking-number";

/** A tracking number found in a sentence, and where it stands in `text.normalize("NFKC")`. */
export interface FoundTrackingNo {
  trackingNo: string;
  start: number;
  end: number;
}

interface Group {
  text: string;
  start: number;
  end: number;
}

/** Letters and digits in groups joined by single spaces or dashes: "YT 1234-5678-90". */
const RUN = /[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*/g;
const GROUP = /[A-Za-z0-9]+/g;
/** Longer is prose, not one number typed in groups. */
const MAX_GROUPS = 8;
/** People type a long number in groups of 3 to 6; a longer group stands alone. */
const MAX_GROUP_LENGTH = 6;

const letters = (g: Group) => /^[A-Za-z]+$/.test(g.text);
const digits = (g: Group) => /^[0-9]+$/.test(g.text);

/**
 * Whether groups i..j may be one number typed in groups: short groups, digits inside, letters
 * only as the network's prefix ("YT 1234 5678 90") or a UPU suffix ("EA 123 456 789 CN").
 */
function typedInGroups(groups: readonly Group[], i: number, j: number): boolean {
  for (let k = i; k <= j; k++) {
    const g = groups[k] as Group;
    if (g.text.length > MAX_GROUP_LENGTH) return false;
    const edge = k === i || (k === j && g.text.length <= 2);
    if (!digits(g) && !(edge && letters(g))) return false;
  }
  return true;
}

/** A phone number anywhere in the window (138 0000 0003 5号楼 is no waybill 1380000000035). */
function holdsPhone(groups: readonly Group[], i: number, j: number): boolean {
  for (let a = i; a <= j; a++) {
    for (let b = a; b <= j; b++) {
      const typed = groups
        .slice(a, b + 1)
        .map((g) => g.text)
        .join(" ");
      if (normalizePhone(typed)) return true;
    }
  }
  return false;
}

function candidate(
  text: string,
  groups: readonly Group[],
  i: number,
  j: number,
  policy: Pick<Policy, "trackingNumber">,
): FoundTrackingNo | "misread" | undefined {
  if (j > i && !typedInGroups(groups, i, j)) return undefined;
  const first = groups[i] as Group;
  const last = groups[j] as Group;
  const checked = checkTrackingNo(text.slice(first.start, last.end), policy);
  // A number of the right shape with a wrong check digit is a typo: no shorter part of it is read instead.
  if (!checked.ok) return checked.reason === "check_digit" ? "misread" : undefined;
  if (holdsPhone(groups, i, j)) return undefined;
  return { trackingNo: checked.trackingNo, start: first.start, end: last.end };
}

/**
 * The first tracking number in a sentence, by the policy's rule (src/domain/kernel/tracking-number.ts):
 * "where is my parcel YT1234567890", "单号YT1234567890到哪了", "我的件 1234 5678 9012 还没到",
 * full-width digits too. A phone number is never a waybill. A number typed in groups starting with
 * a short word is read without the word first ("on 1234 5678 9012" is 123456789012, not ON1234…).
 */
export function findTrackingNumber(
  text: string,
  policy: Pick<Policy, "trackingNumber">,
): FoundTrackingNo | undefined {
  const normalized = text.normalize("NFKC");
  const runs = [...normalized.matchAll(RUN)].map((run) =>
    [...run[0].matchAll(GROUP)].map((g): Group => {
      const start = (run.index ?? 0) + (g.index ?? 0);
      return { text: g[0], start, end: start + g[0].length };
    }),
  );
  for (const letterLed of [false, true]) {
    for (const groups of runs) {
      for (let i = 0; i < groups.length; i++) {
        const lead = groups[i] as Group;
        if (letterLed !== letters(lead)) continue;
        for (let j = Math.min(groups.length, i + MAX_GROUPS) - 1; j >= i; j--) {
          const found = candidate(normalized, groups, i, j, policy);
          if (found === "misread") break;
          if (found) return found;
        }
      }
    }
  }
  return undefined;
}

/** The most numbers read from one text (anything longer is not a list someone typed). */
const READ_MAX = 50;

/**
 * Every distinct tracking number in a text, in the order typed ("YT… 和 YT… 到哪了", "我要索赔
 * YT… 和 YT… 都丢了"), each found as `findTrackingNumber` finds one; at most 50.
 */
export function findTrackingNumbers(text: string, policy: Pick<Policy, "trackingNumber">): string[] {
  let rest = text.normalize("NFKC");
  const found: string[] = [];
  for (let i = 0; i < READ_MAX; i++) {
    const next = findTrackingNumber(rest, policy);
    if (!next) break;
    if (!found.includes(next.trackingNo)) found.push(next.trackingNo);
    // Blanked out, so that the next search finds the one after it (positions stay the same).
    rest = `${rest.slice(0, next.start)}${" ".repeat(next.end - next.start)}${rest.slice(next.end)}`;
  }
  return found;
}
