import {
  personLabel,
  pickupRef,
  queryRef,
  staffWithRole,
  toPerson,
  type UseCaseDeps,
  uniquePeople,
  whenText,
} from "../desk/context";
import { holdTimeline, waybillReturnMarking } from "../holds/timeline";
import type { Language } from "../kernel/chat";
import { t } from "../messages";
import { pickupWhenText, transportText, UNACCEPTED } from "../pickups/pings";
import type { Notice } from "../ports";
import type { PickupRequest, Query, SelfPickupHold } from "../ports/records";
import { OPEN_QUERIES_LIMIT, openQueries } from "../queries/handling";
import { queryFromText } from "../queries/raise";
import { isOverdue } from "../queries/reply-deadline";
import { DIGEST_SECTIONS, type DigestKind, type DigestSection } from "./sections";

/**
 * SOP-14: open items are handed over to the next shift (交接). At closing, the handover lists every
 * open query with its holder and due time, every open hold with its next step, every pickup not
 * accepted; at opening, the morning list shows the same for the day. Each returns one notice per
 * agent and supervisor, in their language; the jobs send them.
 */

const DIGEST_LIMIT = 1_000;

/**
 * At most this many items per section: a digest stays one message (Telegram cuts at 4,096
 * characters), the rest is counted ("…and N more"); the most urgent come first.
 */
export const DIGEST_SECTION_MAX = 20;

interface Digest {
  /** The areas' own sections (sections.ts), read for this digest; empty ones are left out. */
  extra: ReadSection[];
  queries: Query[];
  /** All open queries, also those beyond the list's limit. */
  queryCount: number;
  holds: SelfPickupHold[];
  pickups: PickupRequest[];
}

interface ReadSection {
  section: DigestSection;
  items: readonly unknown[];
  total: number;
}

async function readSections(deps: UseCaseDeps, kind: DigestKind, now: Date): Promise<ReadSection[]> {
  const read: ReadSection[] = [];
  for (const section of DIGEST_SECTIONS) {
    const { items, total } = await section.read(deps, kind, now);
    const count = total ?? items.length;
    if (count > 0) read.push({ section, items, total: count });
  }
  return read;
}

/** The areas' sections after the built-in ones, each as "\n\n<title>\n<lines>". */
function extraText(deps: UseCaseDeps, language: Language, extra: readonly ReadSection[], now: Date): string {
  return extra
    .map(
      ({ section, items, total }) =>
        `\n\n${section.title(language, total)}\n${lines(language, items, total, (item) => section.line(deps, language, item, now))}`,
    )
    .join("");
}

async function everythingOpen(deps: UseCaseDeps, kind: DigestKind, now: Date): Promise<Digest> {
  const queries = await openQueries(deps);
  return {
    extra: await readSections(deps, kind, now),
    queries,
    queryCount: queries.length < OPEN_QUERIES_LIMIT ? queries.length : await deps.store.queries.countOpen(),
    holds: await deps.store.holds.listOpen(DIGEST_LIMIT),
    pickups: await deps.store.pickups.listByStatus(UNACCEPTED, DIGEST_LIMIT),
  };
}

/** One section: at most DIGEST_SECTION_MAX lines, then how many more there are; "none" when empty. */
function lines<T>(language: Language, items: readonly T[], total: number, line: (item: T) => string): string {
  if (total === 0) return t(language, "notice.digest.none");
  const shown = items.slice(0, DIGEST_SECTION_MAX).map(line);
  const more = total - shown.length;
  if (more > 0) shown.push(t(language, "notice.digest.more", { n: more }));
  return shown.join("\n");
}

/** SOP-14: the handover and the morning list belong to the days the desk works (closedWeekdays, closedDates). */
function isDeskDay(deps: UseCaseDeps, now: Date): boolean {
  return deps.calendar.isDeskDay(deps.calendar.localDate(now));
}

function queryLine(deps: UseCaseDeps, language: Language, query: Query, now: Date): string {
  return t(language, "notice.digest.query", {
    ref: queryRef(query),
    from: queryFromText(query, language),
    holder: personLabel(deps, language, query.assignee),
    due: whenText(deps, query.dueAt, now),
    overdue: isOverdue(query, now) ? t(language, "notice.digest.overdue") : "",
  });
}

function holdLine(deps: UseCaseDeps, language: Language, hold: SelfPickupHold, now: Date): string {
  const base = { trackingNo: hold.trackingNo, place: hold.place };
  if (hold.markedForReturnAt) {
    const marking = waybillReturnMarking(hold.originBranch);
    return t(language, "notice.digest.hold.markedForReturn", { ...base, marking });
  }
  if (hold.originRepliedAt) return t(language, "notice.digest.hold.replied", base);
  const next = holdTimeline(hold, deps.policy);
  const at = next ? whenText(deps, next.at, now) : "—";
  return hold.originMessagedAt
    ? t(language, "notice.digest.hold.awaitReply", { ...base, at })
    : t(language, "notice.digest.hold.messageOrigin", { ...base, at });
}

/**
 * A pickup's time and transport in the words of the ping (pickupWhenText, transportText): a
 * morning pickup (SOP-23) shows the morning's hours, never an afternoon time; air shows (SOP-26).
 */
function pickupLine(deps: UseCaseDeps, language: Language, pickup: PickupRequest, now: Date): string {
  const status = pickup.courierId
    ? t(language, "pickupStatus.assignedTo", { courier: personLabel(deps, language, pickup.courierId) })
    : t(language, "pickupStatus.requested");
  return t(language, "pickup.digest.item", {
    ref: pickupRef(pickup),
    address: pickup.address,
    when: pickupWhenText(deps, pickup, language, now),
    transport: transportText(language, pickup),
    status,
  });
}

function render(
  deps: UseCaseDeps,
  key: "notice.digest.handover" | "notice.digest.morning",
  digest: Digest,
  now: Date,
): Notice[] {
  const people = uniquePeople([...staffWithRole(deps, "agent"), ...staffWithRole(deps, "supervisor")]);
  return people.map((person) =>
    toPerson(person, key, (lang) => ({
      date: deps.calendar.localDate(now),
      queryCount: digest.queryCount,
      queries: lines(lang, digest.queries, digest.queryCount, (q) => queryLine(deps, lang, q, now)),
      holdCount: digest.holds.length,
      holds: lines(lang, digest.holds, digest.holds.length, (h) => holdLine(deps, lang, h, now)),
      pickupCount: digest.pickups.length,
      pickups: lines(lang, digest.pickups, digest.pickups.length, (p) => pickupLine(deps, lang, p, now)),
      extra: extraText(deps, lang, digest.extra, now),
    })),
  );
}

/** At closing (SOP-14): everything still open, for the next shift. Nothing on a day the desk is closed. */
export async function shiftHandover(deps: UseCaseDeps): Promise<Notice[]> {
  const now = deps.clock.now();
  if (!isDeskDay(deps, now)) return [];
  return render(deps, "notice.digest.handover", await everythingOpen(deps, "handover", now), now);
}

/**
 * At opening: the open queries (the night's among them, due by 09:00: SOP-12), the holds whose next
 * step falls today or earlier (or that wait on the origin's answer or a return), and the pickups
 * for today or earlier that nobody has accepted. Nothing on a day the desk is closed: the next
 * desk day's list carries everything.
 */
export async function morningList(deps: UseCaseDeps): Promise<Notice[]> {
  const now = deps.clock.now();
  if (!isDeskDay(deps, now)) return [];
  const today = deps.calendar.localDate(now);
  const endOfDay = deps.calendar.atLocalTime(deps.calendar.addDays(today, 1), { text: "00:00", minutes: 0 });
  const all = await everythingOpen(deps, "morning", now);
  const digest: Digest = {
    extra: all.extra,
    queries: all.queries,
    queryCount: all.queryCount,
    holds: all.holds.filter((h) => {
      if (h.markedForReturnAt || h.originRepliedAt) return true;
      const next = holdTimeline(h, deps.policy);
      return next !== null && next.at.getTime() < endOfDay.getTime();
    }),
    pickups: all.pickups.filter((p) => p.pickupDay <= today),
  };
  return render(deps, "notice.digest.morning", digest, now);
}
