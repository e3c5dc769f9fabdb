import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../src/domain/config/policy";
import { DASHBOARD_ROW_LIMIT, loadDashboard, slaDays } from "../../src/domain/desk/dashboard";
import { createBusinessCalendar } from "../../src/domain/kernel/calendar";
import { ManualClock } from "../../src/domain/kernel/clock";
import type { AuditEntry, Query, SelfPickupHold } from "../../src/domain/ports/records";
import { branchDirectory } from "../support/branch";
import { openQuery } from "../support/queries";
import { openTestStore, SQL_BACKENDS, type SqlTestStore } from "../support/store-backends";

/**
 * Issue 11 review: the dashboard's tiles and SLA days are counted by the database (DashboardReads
 * openCounts and slaCounts, src/store/dashboard-reads.ts), by day on the branch's clock: a branch
 * with more open queries than the list shows still sees them all counted, and a refresh reads no
 * audit rows. The SQL days agree with the in-process count of the same audit rows (slaDays).
 */

// Wednesday 2026-11-25, 15:00 in Yangzhou (Asia/Shanghai).
const NOW = new Date("2026-11-25T07:00:00Z");
const MIN = 60_000;
const OPEN = DASHBOARD_ROW_LIMIT + 100;
const policy = defaultPolicy();
const calendar = createBusinessCalendar(policy);

/** A customer's query due `dueInMin` from NOW (asked 30 min before, warned warnBeforeMin min before). */
function query(id: string, dueInMin: number, status: Query["status"] = "open", warnBeforeMin = 10): Query {
  const dueAt = new Date(NOW.getTime() + dueInMin * MIN);
  return openQuery(id, dueAt.toISOString(), {
    text: "在吗",
    createdAt: new Date(dueAt.getTime() - 30 * MIN),
    warnAt: new Date(dueAt.getTime() - warnBeforeMin * MIN),
    status,
    answeredAt: status === "answered" ? NOW : null,
    answeredBy: status === "answered" ? "wang" : null,
  });
}

function hold(id: string, heldAt: string): SelfPickupHold {
  return {
    id: `hold-${id}`,
    trackingNo: `YTH${id}`,
    place: "东关分点",
    originBranch: null,
    heldAt: new Date(heldAt),
    originMessagedAt: null,
    originRepliedAt: null,
    markedForReturnAt: null,
    closedAt: null,
    closeReason: null,
  };
}

// Around midnight in Shanghai: 16:30Z is 00:30 the next day there.
const AUDIT: AuditEntry[] = [
  ["query.answered", "2026-11-23T15:30:00Z", "query/x1", false], // 23:30 on the 23rd
  ["query.answered", "2026-11-23T16:30:00Z", "query/x2", true], // 00:30 on the 24th, late
  ["query.answered", "2026-11-24T03:00:00Z", "query/x3", false],
  ["query.late", "2026-11-23T10:00:00Z", "query/late1", false],
  ["query.late", "2026-11-24T16:10:00Z", "query/late1", false], // its last late: the 25th there
  ["query.late", "2026-11-24T02:00:00Z", "query/x4", false], // answered since: not counted
  ["query.answered", "2026-10-01T01:00:00Z", "query/old", false], // before the chart
].map(([action, at, subject, overdue]) => ({
  at: new Date(at as string),
  actor: { kind: "system", name: "t" },
  action: action as string,
  subject: subject as string,
  data: { overdue: overdue as boolean },
}));

describe.each(SQL_BACKENDS)("dashboard counts on %s", (backend) => {
  let ts: SqlTestStore;

  beforeAll(async () => {
    ts = await openTestStore(backend, "dashboard-counts");
    const { store } = ts;
    // OPEN open queries: 2 overdue, 1 warned, 1 due within the hour (not warned), the rest later.
    await store.queries.insert(query("o1", -5));
    await store.queries.insert(query("o2", 0));
    await store.queries.insert(query("w1", 5));
    await store.queries.insert(query("h1", 40, "open", 5));
    for (let i = 0; i < OPEN - 4; i += 1) await store.queries.insert(query(`l${i}`, 120 + i));
    await store.queries.insert(query("late1", -600));
    await store.queries.insert(query("x4", -60, "answered"));
    await ts.exec("insert into parcels values ('YTH1', now()), ('YTH2', now()), ('YTH3', now())");
    await store.holds.insert(hold("1", "2026-11-24T15:59:00Z")); // 23:59 on the 24th there
    await store.holds.insert(hold("2", "2026-11-24T16:01:00Z")); // 00:01 on the 25th there
    await store.holds.insert(hold("3", "2026-11-25T01:00:00Z"));
    for (const entry of AUDIT) await store.audit.append(entry);
  }, 120_000);

  afterAll(async () => {
    await ts?.dispose();
  });

  const sources = () => ({
    queries: ts.store.queries,
    holds: ts.store.holds,
    pickups: ts.store.pickups,
    reads: ts.store.dashboard ?? (undefined as never),
    presence: { availableIds: async () => new Set<string>() },
    policy,
    calendar,
    directory: branchDirectory(),
    clock: new ManualClock(NOW.toISOString()),
  });

  it(`counts every open query (${OPEN + 1}), not the ${DASHBOARD_ROW_LIMIT} it lists, by band`, async () => {
    const d = await loadDashboard(sources());
    expect(d.queries.items).toHaveLength(DASHBOARD_ROW_LIMIT);
    expect(d.queries).toMatchObject({ open: OPEN + 1, overdue: 3, truncated: true });
    expect(d.queries.bands).toEqual({ overdue: 3, warn: 1, hour: 1, later: OPEN + 1 - 5 });
  });

  it("counts open holds by the day they were put on hold, on the branch's clock", async () => {
    const d = await loadDashboard(sources());
    expect(d.holds.open).toBe(3);
    expect(d.holds.byDay).toEqual([
      { date: "2026-11-24", count: 1 },
      { date: "2026-11-25", count: 2 },
    ]);
  });

  it("counts the SLA days in SQL without reading audit rows, as slaDays counts the same rows", async () => {
    const reads = ts.store.dashboard;
    if (!reads) throw new Error("the SQL store has dashboard reads");
    const counting = { ...reads, auditSince: async () => Promise.reject(new Error("audit rows read")) };
    const d = await loadDashboard({ ...sources(), reads: counting });
    const day = (date: string) => d.sla.days.find((x) => x.date === date);
    expect(day("2026-11-23")).toMatchObject({ answered: 1, withinDeadline: 1, unanswered: 0, compliance: 1 });
    expect(day("2026-11-24")).toMatchObject({
      answered: 2,
      withinDeadline: 1,
      unanswered: 0,
      compliance: 0.5,
    });
    expect(day("2026-11-25")).toMatchObject({ answered: 0, unanswered: 1, compliance: 0 });
    const openQueries = await ts.store.queries.listOpen(10_000);
    const inProcess = slaDays({ now: NOW, openQueries, slaEvents: AUDIT.slice(0, -1) }, { calendar });
    expect(d.sla.days).toEqual(inProcess);
  });
});
