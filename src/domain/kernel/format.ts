import type { Person } from "../config/directory";
import { t } from "../messages";
import type { BusinessCalendar } from "./calendar";
import type { Language } from "./chat";

/**
 * What people read of times, durations and long texts, formatted in one place for the flows and
 * the desk's notices alike. Every time is a UTC instant inside; the branch's clock (the calendar's
 * time zone) is applied only here, in what people read.
 */

type BranchClock = Pick<BusinessCalendar, "localDate" | "localMinutes">;

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The branch's date and minute of day for an instant, remembered per UTC minute: time-zone
 * offsets are whole minutes, so every instant of one UTC minute has the same local minute, and a
 * reply formats the same few times over and over (a parcel's scans, "now"). The offset
 * computation is what costs (issue 15: about 3% of a /track).
 */
const localTimes = new WeakMap<BranchClock, Map<number, { date: string; minutes: number }>>();
const LOCAL_TIMES_KEPT = 4096;

function localTime(at: Date, calendar: BranchClock): { date: string; minutes: number } {
  const minute = Math.floor(at.getTime() / 60_000);
  let cache = localTimes.get(calendar);
  if (!cache) {
    cache = new Map();
    localTimes.set(calendar, cache);
  }
  let local = cache.get(minute);
  if (!local) {
    if (cache.size >= LOCAL_TIMES_KEPT) cache.clear();
    local = { date: calendar.localDate(at), minutes: calendar.localMinutes(at) };
    cache.set(minute, local);
  }
  return local;
}

function clockText(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** "14:05": the time of day on the branch's clock. */
export function formatClock(at: Date, calendar: BranchClock): string {
  return clockText(localTime(at, calendar).minutes);
}

/** A YYYY-MM-DD date of the branch: "11月28日" / "Nov 28" in a reader's language, else "11-28". */
export function formatLocalDate(date: string, language?: Language): string {
  const [, m, d] = date.split("-");
  const month = Number(m);
  const day = Number(d);
  if (language === "zh") return `${month}月${day}日`;
  if (language === "en") return `${MONTHS_EN[month - 1] ?? month} ${day}`;
  return date.slice(5);
}

export interface LocalTimeOptions {
  calendar: BranchClock;
  /** The date in the reader's words ("11月27日" / "Nov 27"); without one, "11-27" (staff, notices). */
  language?: Language | undefined;
  /** Given, the date is left out when it is this instant's date on the branch's clock. */
  now?: Date | undefined;
}

/**
 * A time on the branch's clock as people read it: "11月27日 18:45" / "Nov 27 18:45" for a
 * language, "11-28 14:05" without one; with `now`, just "14:05" on now's date.
 */
export function formatLocalTime(at: Date, { calendar, language, now }: LocalTimeOptions): string {
  const { date, minutes } = localTime(at, calendar);
  const clock = clockText(minutes);
  if (now && date === localTime(now, calendar).date) return clock;
  return `${formatLocalDate(date, language)} ${clock}`;
}

/** How long something took or waited: "1 小时 20 分钟" / "1 h 20 min", down to the minute; days after 24 h. */
export function formatAge(language: Language, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t(language, "age.minutes", { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t(language, "age.hours", { h: hours, m: minutes % 60 });
  return t(language, "age.days", { d: Math.floor(hours / 24), h: hours % 24 });
}

export const EXCERPT_MAX = 200;

/**
 * The start of a text on one line (white space folded), for a notice, a button or a list item:
 * at most `max` characters (code points, never half a character), an ellipsis marking a cut.
 */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

/** How staff are named to each other (SOP-81: the work number): "王芳(017)"; "nobody" for null. */
export function personLabel(
  deps: { directory: { person(id: string): Pick<Person, "name" | "workNo"> | undefined } },
  language: Language,
  personId: string | null,
): string {
  if (personId === null) return t(language, "notice.nobody");
  const person = deps.directory.person(personId);
  if (!person) return personId;
  return person.workNo ? `${person.name}(${person.workNo})` : person.name;
}

/** A query is named by its parcel when it has one, else by the start of its id. */
export function queryRef(query: { id: string; trackingNo: string | null }): string {
  return query.trackingNo ?? `#${query.id.slice(0, 8)}`;
}

export function pickupRef(pickup: { id: string }): string {
  return `#${pickup.id.slice(0, 8)}`;
}
