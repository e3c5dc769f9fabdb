import type { DirectoryIndex } from "../config/directory";
import type { Policy } from "../config/policy";
import { staffWithRole, toPerson, type UseCaseDeps } from "../desk/context";
import type { BusinessCalendar } from "../kernel/calendar";
import type { Language } from "../kernel/chat";
import type { Clock } from "../kernel/clock";
import { t } from "../messages";
import type { Notice } from "../ports";
import type { WorkloadRepository } from "../ports/broadcast-records";

/**
 * SOP-90: queries handled per agent per month, against the target of the season: 1,150 in the
 * peak season (September to March), 650 off season (April to August); policy `workload` may
 * change both and the months. A query counts for whoever answered it, in the month (on the
 * branch's clock) it was answered; an answered query opened again and answered later counts once,
 * at its last answer.
 */

export type Season = "peak" | "off";

/** A month on the branch's clock, `YYYY-MM`. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MIDNIGHT = { text: "00:00", minutes: 0 };

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

export function seasonOf(
  policy: Pick<Policy, "workload">,
  month: string,
): { season: Season; target: number } {
  const number = Number(month.slice(5, 7));
  const { peakMonths, peakCallsPerAgentMonth, offCallsPerAgentMonth } = policy.workload;
  return peakMonths.includes(number)
    ? { season: "peak", target: peakCallsPerAgentMonth }
    : { season: "off", target: offCallsPerAgentMonth };
}

export function monthOf(calendar: Pick<BusinessCalendar, "localDate">, at: Date): string {
  return calendar.localDate(at).slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The month's first instant and the next month's, on the branch's clock. */
export function monthBounds(
  calendar: Pick<BusinessCalendar, "atLocalTime">,
  month: string,
): { from: Date; to: Date } {
  return {
    from: calendar.atLocalTime(`${month}-01`, MIDNIGHT),
    to: calendar.atLocalTime(`${shiftMonth(month, 1)}-01`, MIDNIGHT),
  };
}

export interface WorkloadRow {
  personId: string;
  name: string;
  workNo: string | null;
  handled: number;
  /** handled / target, in whole per cent. */
  percent: number;
}

export interface WorkloadReport {
  month: string;
  season: Season;
  /** Queries per agent for the month (SOP-90). */
  target: number;
  /** Every agent of the directory (none handled: 0), and anyone else who answered some; most first. */
  rows: WorkloadRow[];
  total: number;
}

export interface WorkloadSources {
  workload: WorkloadRepository;
  directory: Pick<DirectoryIndex, "person" | "withRole">;
  calendar: Pick<BusinessCalendar, "atLocalTime">;
  policy: Pick<Policy, "workload">;
}

/** SOP-90: the month's counts per person against the season's target. */
export async function workloadReport(sources: WorkloadSources, month: string): Promise<WorkloadReport> {
  const { from, to } = monthBounds(sources.calendar, month);
  const { season, target } = seasonOf(sources.policy, month);
  const counts = new Map<string, number>(sources.directory.withRole("agent").map((a) => [a.id, 0]));
  for (const { personId, count } of await sources.workload.answeredCounts(from, to)) {
    counts.set(personId, count);
  }
  const rows = [...counts].map(([personId, handled]): WorkloadRow => {
    const person = sources.directory.person(personId);
    return {
      personId,
      name: person?.name ?? personId,
      workNo: person?.workNo ?? null,
      handled,
      percent: Math.round((handled / target) * 100),
    };
  });
  rows.sort(
    (a, b) => b.handled - a.handled || a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId),
  );
  return { month, season, target, rows, total: rows.reduce((sum, r) => sum + r.handled, 0) };
}

/** The report as staff read it: a title with the season's target, one line per person. */
export function workloadText(language: Language, report: WorkloadReport): string {
  const title = t(language, "workload.title", {
    month: report.month,
    season: t(language, report.season === "peak" ? "workload.season.peak" : "workload.season.off"),
    target: report.target,
  });
  if (report.rows.length === 0) {
    return `${title}\n${t(language, "workload.none")}`;
  }
  const lines = report.rows.map((r) =>
    t(language, "workload.line", {
      name: r.workNo ? `${r.name}(${r.workNo})` : r.name,
      handled: r.handled,
      percent: r.percent,
    }),
  );
  return [title, ...lines].join("\n");
}

/**
 * SOP-90's monthly digest (the jobs run it on the first day of the month, on the branch's clock):
 * last month's report to each duty lead, in their language.
 */
export async function workloadDigest(deps: UseCaseDeps): Promise<Notice[]> {
  const month = shiftMonth(monthOf(deps.calendar, deps.clock.now()), -1);
  const report = await workloadReport({ ...deps, workload: deps.store.workload }, month);
  return staffWithRole(deps, "supervisor").map((lead) =>
    toPerson(lead, "workload.digest", (language) => ({ report: workloadText(language, report) })),
  );
}

/** The dashboard's panel (GET /desk/api/workload): this month so far. */
export async function workloadPanel(
  sources: WorkloadSources & { calendar: Pick<BusinessCalendar, "atLocalTime" | "localDate">; clock: Clock },
): Promise<WorkloadReport & { generatedAt: string }> {
  const now = sources.clock.now();
  return {
    ...(await workloadReport(sources, monthOf(sources.calendar, now))),
    generatedAt: now.toISOString(),
  };
}
