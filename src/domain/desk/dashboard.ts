import type { DirectoryIndex } from "../config/directory";
import type { Policy } from "../config/policy";
import { goesBackAt, holdState, isDueBack } from "../holds/timeline";
import type { BusinessCalendar } from "../kernel/calendar";
import type { Clock } from "../kernel/clock";
import { pickupRef, queryRef } from "../kernel/format";
import type {
  DashboardCounts,
  DashboardReads,
  HoldRepository,
  PickupRepository,
  QueryRepository,
  SlaCount,
  StaffPresence,
} from "../ports";
import type { AuditEntry, PickupRequest, PickupStatus, Query, SelfPickupHold } from "../ports/records";
import { problemCategory } from "../problems/taxonomy";
import { LATE_ACTION } from "../queries/promise";
import { agentsEverSeated, type SeatAgent, seatsOf } from "./dashboard-seats";

/**
 * The duty lead's dashboard (issue 11 §2), as a read model: rows in, groups and counts out. The
 * page (src/server/desk-page) draws it; the JSON is this object. Every day is a day on the
 * branch's clock (calendar.localDate).
 */

export const SLA_DAYS = 30;
/** Open rows listed at most; a longer list says `truncated` (the counts are the database's, uncapped). */
export const DASHBOARD_ROW_LIMIT = 500;
const ANSWERED_ACTION = "query.answered";
/** Audit rows read at most for the SLA chart, by a store that does not count its days. */
const SLA_EVENT_LIMIT = 100_000;
const WAITING_FOR_COURIER: readonly PickupStatus[] = ["requested", "assigned"];
const MINUTE = 60_000;

export type DeadlineBand = "overdue" | "warn" | "hour" | "later";

export interface StaffLabel {
  id: string;
  name: string;
  workNo: string | null;
}

export interface DashboardQuery {
  id: string;
  ref: string;
  kind: Query["kind"];
  trackingNo: string | null;
  fromBranch: string | null;
  createdAt: string;
  dueAt: string;
  /** Whole minutes until the deadline; negative once past it. */
  minutesLeft: number;
  overdue: boolean;
  band: DeadlineBand;
  holder: StaffLabel | null;
}

export interface DashboardHold {
  id: string;
  trackingNo: string;
  place: string;
  originBranch: string | null;
  heldAt: string;
  state: ReturnType<typeof holdState>;
  /** When it goes back (holds/timeline.ts goesBackAt). */
  returnAt: string;
}

export interface DashboardPickup {
  id: string;
  ref: string;
  pickupDay: string;
  zone: string | null;
  status: PickupStatus;
  courier: StaffLabel | null;
  createdAt: string;
}

/** A day of the SLA chart: SlaCount's counts (ports), and withinDeadline / (answered + unanswered). */
export interface SlaDay extends SlaCount {
  /** null on a day without any. */
  compliance: number | null;
}

export interface Dashboard {
  generatedAt: string;
  /** The branch's time zone: the page shows times on the branch's clock. */
  timezone: string;
  today: string;
  queries: {
    open: number;
    overdue: number;
    bands: Record<DeadlineBand, number>;
    items: DashboardQuery[];
    truncated: boolean;
  };
  holds: {
    open: number;
    byDay: { date: string; count: number }[];
    /** Holds due to go back now (holds/timeline.ts isDueBack). */
    dueBackNow: number;
    dueBack: DashboardHold[];
    truncated: boolean;
  };
  pickups: { waiting: number; items: DashboardPickup[]; truncated: boolean };
  problems: {
    since: string;
    total: number;
    byCategory: { code: string; zh: string; en: string; sop: string | null; count: number }[];
  };
  sla: { days: SlaDay[] };
  seats: { presenceKnown: boolean; agents: SeatAgent[] };
}

export interface DashboardContext {
  policy: Pick<Policy, "selfPickup" | "timezone">;
  calendar: BusinessCalendar;
  directory: Pick<DirectoryIndex, "person" | "withRole" | "zone">;
}

/** What the read model is computed from (DashboardSources reads it). */
export interface DashboardRows {
  now: Date;
  openQueries: Query[];
  openHolds: SelfPickupHold[];
  waitingPickups: PickupRequest[];
  problemCounts: { category: string; count: number }[];
  /** query.answered and query.late audit rows of the SLA window. */
  slaEvents: AuditEntry[];
  /** Ids of the available seats; undefined when presence cannot be read. */
  available: Set<string> | undefined;
  /** Ids of the agents who ever set their seat (dashboard-seats.ts); undefined when not known. */
  everSet?: Set<string> | undefined;
  /** The tiles counted by the database; without, counted from the listed rows. */
  counts?: DashboardCounts;
  /** The SLA chart's days counted by the database; without, from slaEvents. */
  slaCounts?: SlaCount[];
}

export function buildDashboard(rows: DashboardRows, ctx: DashboardContext): Dashboard {
  const today = ctx.calendar.localDate(rows.now);
  return {
    generatedAt: rows.now.toISOString(),
    timezone: ctx.policy.timezone,
    today,
    queries: queryGroups(rows, ctx),
    holds: holdGroups(rows, ctx),
    pickups: pickupGroups(rows, ctx),
    problems: problemGroups(rows, ctx),
    sla: { days: slaDays(rows, ctx) },
    seats: seatsOf(rows, ctx.directory),
  };
}

function staffLabel(ctx: DashboardContext, personId: string | null): StaffLabel | null {
  if (personId === null) return null;
  const person = ctx.directory.person(personId);
  return { id: personId, name: person?.name ?? personId, workNo: person?.workNo ?? null };
}

/** SOP-10/11: by time to the deadline; warn from the query's own warning time (queryReply.warnBefore). */
export function deadlineBand(query: Pick<Query, "dueAt" | "warnAt">, now: Date): DeadlineBand {
  const left = query.dueAt.getTime() - now.getTime();
  if (left <= 0) return "overdue";
  if (query.warnAt.getTime() <= now.getTime()) return "warn";
  if (left <= 60 * MINUTE) return "hour";
  return "later";
}

function queryGroups(rows: DashboardRows, ctx: DashboardContext): Dashboard["queries"] {
  const bands: Record<DeadlineBand, number> = { overdue: 0, warn: 0, hour: 0, later: 0 };
  const items = [...rows.openQueries]
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .map((q): DashboardQuery => {
      const band = deadlineBand(q, rows.now);
      bands[band] += 1;
      return {
        id: q.id,
        ref: queryRef(q),
        kind: q.kind,
        trackingNo: q.trackingNo,
        fromBranch: q.fromBranch,
        createdAt: q.createdAt.toISOString(),
        dueAt: q.dueAt.toISOString(),
        minutesLeft: Math.floor((q.dueAt.getTime() - rows.now.getTime()) / MINUTE),
        overdue: band === "overdue",
        band,
        holder: staffLabel(ctx, q.assignee),
      };
    });
  const counted = rows.counts?.queries;
  if (!counted) {
    return {
      open: items.length,
      overdue: bands.overdue,
      bands,
      items,
      truncated: items.length >= DASHBOARD_ROW_LIMIT,
    };
  }
  const { open, overdue, warn, hour } = counted;
  const all = { overdue, warn, hour, later: Math.max(0, open - overdue - warn - hour) };
  return { open, overdue, bands: all, items, truncated: items.length < open };
}

/** Open holds by the day they were put on hold, and the parcels to go back (the rules: holds/). */
function holdGroups(rows: DashboardRows, ctx: DashboardContext): Dashboard["holds"] {
  const byDay = new Map<string, number>();
  const dueBack: DashboardHold[] = [];
  for (const hold of rows.openHolds) {
    const day = ctx.calendar.localDate(hold.heldAt);
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
    const state = holdState(hold, ctx.policy, rows.now);
    const returnAt = goesBackAt(hold, ctx.policy);
    if (!returnAt) continue;
    dueBack.push({
      id: hold.id,
      trackingNo: hold.trackingNo,
      place: hold.place,
      originBranch: hold.originBranch,
      heldAt: hold.heldAt.toISOString(),
      state,
      returnAt: returnAt.toISOString(),
    });
  }
  dueBack.sort((a, b) => a.returnAt.localeCompare(b.returnAt));
  const listed = [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count }));
  return {
    open: rows.counts?.holds.open ?? rows.openHolds.length,
    byDay: rows.counts?.holds.byDay ?? listed,
    // Of the listed (oldest) holds: when a hold goes back is the domain's rule (holds/), not SQL's.
    dueBackNow: dueBack.filter((h) => isDueBack(h.state)).length,
    dueBack,
    truncated: rows.counts
      ? rows.openHolds.length < rows.counts.holds.open
      : rows.openHolds.length >= DASHBOARD_ROW_LIMIT,
  };
}

function pickupGroups(rows: DashboardRows, ctx: DashboardContext): Dashboard["pickups"] {
  const items = rows.waitingPickups
    .filter((p) => WAITING_FOR_COURIER.includes(p.status))
    .sort((a, b) => a.earliestAt.getTime() - b.earliestAt.getTime())
    .map(
      (p): DashboardPickup => ({
        id: p.id,
        ref: pickupRef(p),
        pickupDay: p.pickupDay,
        zone: p.zoneId === null ? null : (ctx.directory.zone(p.zoneId)?.name ?? p.zoneId),
        status: p.status,
        courier: staffLabel(ctx, p.courierId),
        createdAt: p.createdAt.toISOString(),
      }),
    );
  const waiting = rows.counts?.pickups.waiting;
  return waiting === undefined
    ? { waiting: items.length, items, truncated: rows.waitingPickups.length >= DASHBOARD_ROW_LIMIT }
    : { waiting, items, truncated: items.length < waiting };
}

function problemGroups(rows: DashboardRows, ctx: DashboardContext): Dashboard["problems"] {
  const byCategory = rows.problemCounts
    .map(({ category, count }) => {
      const spec = problemCategory(category);
      return {
        code: category,
        zh: spec?.label.zh ?? category,
        en: spec?.label.en ?? category,
        sop: spec?.sop ?? null,
        count,
      };
    })
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return {
    since: weekStart(ctx.calendar, rows.now),
    total: byCategory.reduce((sum, c) => sum + c.count, 0),
    byCategory,
  };
}

/** The Monday of this week on the branch's clock (YYYY-MM-DD). */
export function weekStart(calendar: BusinessCalendar, now: Date): string {
  const today = calendar.localDate(now);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return calendar.addDays(today, -((weekday + 6) % 7));
}

/** The first day of the SLA chart (today is the last of SLA_DAYS). */
export function slaStart(calendar: BusinessCalendar, now: Date): string {
  return calendar.addDays(calendar.localDate(now), -(SLA_DAYS - 1));
}

/**
 * SOP-10/11 compliance per day: each answer counts on the day it was given, within its deadline or
 * not (`query.answered`, data.overdue); a query whose deadline passed (`query.late`) and that is
 * still unanswered counts as missed on the day of its last `late`, once. The database counts the
 * days (rows.slaCounts, DashboardReads.slaCounts); without, they are counted from rows.slaEvents.
 */
export function slaDays(
  rows: Pick<DashboardRows, "now" | "slaEvents" | "openQueries" | "slaCounts">,
  ctx: Pick<DashboardContext, "calendar">,
): SlaDay[] {
  const first = slaStart(ctx.calendar, rows.now);
  const days = new Map<string, SlaDay>();
  for (let i = 0, date = first; i < SLA_DAYS; i += 1, date = ctx.calendar.addDays(date, 1)) {
    days.set(date, { date, answered: 0, withinDeadline: 0, unanswered: 0, compliance: null });
  }
  for (const count of rows.slaCounts ?? slaCountsOf(rows, ctx)) {
    const day = days.get(count.date);
    if (day) Object.assign(day, { ...count, date: day.date });
  }
  for (const day of days.values()) {
    const all = day.answered + day.unanswered;
    day.compliance = all === 0 ? null : day.withinDeadline / all;
  }
  return [...days.values()];
}

/** The days of slaDays counted from audit rows (a store without DashboardReads.slaCounts). */
function slaCountsOf(
  rows: Pick<DashboardRows, "slaEvents" | "openQueries">,
  ctx: Pick<DashboardContext, "calendar">,
): SlaCount[] {
  const days = new Map<string, SlaCount>();
  const day = (at: Date) => {
    const date = ctx.calendar.localDate(at);
    const found = days.get(date) ?? { date, answered: 0, withinDeadline: 0, unanswered: 0 };
    days.set(date, found);
    return found;
  };
  const stillOpen = new Set(rows.openQueries.map((q) => `query/${q.id}`));
  const lastLate = new Map<string, Date>();
  for (const entry of rows.slaEvents) {
    if (entry.action === ANSWERED_ACTION) {
      const d = day(entry.at);
      d.answered += 1;
      if (entry.data.overdue !== true) d.withinDeadline += 1;
    } else if (entry.action === LATE_ACTION && stillOpen.has(entry.subject)) {
      lastLate.set(entry.subject, entry.at);
    }
  }
  for (const at of lastLate.values()) day(at).unanswered += 1;
  return [...days.values()];
}

/** Where the dashboard's rows come from: the repositories, the dashboard reads, seat presence. */
export interface DashboardSources extends DashboardContext {
  queries: Pick<QueryRepository, "listOpen">;
  holds: Pick<HoldRepository, "listOpen">;
  pickups: Pick<PickupRepository, "listByStatus">;
  reads: DashboardReads;
  presence: Pick<StaffPresence, "availableIds">;
  clock: Clock;
}

/**
 * Reads the rows (side by side) and builds the dashboard. A store that counts (DashboardReads
 * openCounts and slaCounts, the SQL store) gives the tiles and the SLA days; the lists stay capped
 * at DASHBOARD_ROW_LIMIT rows.
 */
export async function loadDashboard(sources: DashboardSources): Promise<Dashboard> {
  const now = sources.clock.now();
  const { calendar, reads } = sources;
  const midnight = { text: "00:00", minutes: 0 };
  const weekFrom = calendar.atLocalTime(weekStart(calendar, now), midnight);
  const slaFrom = calendar.atLocalTime(slaStart(calendar, now), midnight);
  const tz = sources.policy.timezone;
  const actions = { answered: ANSWERED_ACTION, late: LATE_ACTION };
  const counting = reads.openCounts !== undefined && reads.slaCounts !== undefined;
  const [
    openQueries,
    openHolds,
    waitingPickups,
    problemCounts,
    slaEvents,
    available,
    counts,
    slaCounts,
    everSet,
  ] = await Promise.all([
    sources.queries.listOpen(DASHBOARD_ROW_LIMIT),
    sources.holds.listOpen(DASHBOARD_ROW_LIMIT),
    sources.pickups.listByStatus(WAITING_FOR_COURIER, DASHBOARD_ROW_LIMIT),
    reads.problemCountsSince(weekFrom),
    counting ? [] : reads.auditSince([ANSWERED_ACTION, LATE_ACTION], slaFrom, SLA_EVENT_LIMIT),
    sources.presence.availableIds().catch(() => undefined),
    reads.openCounts?.(now, tz, WAITING_FOR_COURIER),
    counting ? reads.slaCounts?.(slaFrom, tz, actions) : undefined,
    agentsEverSeated(reads, sources.directory),
  ]);
  const rows = { now, openQueries, openHolds, waitingPickups, problemCounts, slaEvents, available, everSet };
  return buildDashboard(
    { ...rows, ...(counts ? { counts } : {}), ...(slaCounts ? { slaCounts } : {}) },
    sources,
  );
}
