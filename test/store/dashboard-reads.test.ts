import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Query } from "../../src/domain/ports/records";
import { openQuery } from "../support/queries";
import { openTestStore, SQL_BACKENDS, type TestStore } from "../support/store-backends";

/**
 * The dashboard's and /metrics' reads (src/store/dashboard-reads.ts) on every SQL backend: counts
 * by the database, audit rows by action and time.
 */

const NOW = new Date("2026-11-25T06:00:00Z");
const MIN = 60_000;

/** A customer's query due `dueInMin` from NOW (asked 30 min before, warned 10 min before). */
function query(id: string, dueInMin: number, status: Query["status"] = "open"): Query {
  const dueAt = new Date(NOW.getTime() + dueInMin * MIN);
  return openQuery(id, dueAt.toISOString(), {
    text: "在吗",
    createdAt: new Date(dueAt.getTime() - 30 * MIN),
    warnAt: new Date(dueAt.getTime() - 10 * MIN),
    status,
    answeredAt: status === "answered" ? NOW : null,
    answeredBy: status === "answered" ? "wang" : null,
  });
}

describe.each(SQL_BACKENDS)("dashboard reads on %s", (backend) => {
  let ts: TestStore;

  beforeAll(async () => {
    ts = await openTestStore(backend, "dashboard-reads");
    const { store } = ts;
    for (const q of [query("q1", -5), query("q2", 0), query("q3", 20), query("q4", -30, "answered")]) {
      await store.queries.insert(q);
    }
    const note = (id: string, category: string, at: string) =>
      store.problems.insert({
        id,
        trackingNo: `YT${id}`,
        category,
        details: {},
        countsAsDelayed: false,
        followUps: [],
        recordedBy: "zhang",
        recordedAt: new Date(at),
      });
    await note("n1", "nobody_home", "2026-11-24T01:00:00Z");
    await note("n2", "nobody_home", "2026-11-25T01:00:00Z");
    await note("n3", "missorted", "2026-11-25T02:00:00Z");
    await note("n4", "missorted", "2026-11-10T02:00:00Z");
    const entry = (action: string, at: string, subject: string) =>
      store.audit.append({
        at: new Date(at),
        actor: { kind: "system", name: "t" },
        action,
        subject,
        data: { overdue: false },
      });
    await entry("query.answered", "2026-11-24T03:00:00Z", "query/b");
    await entry("query.opened", "2026-11-24T02:00:00Z", "query/b");
    await entry("query.late", "2026-11-24T01:00:00Z", "query/a");
    await entry("query.answered", "2026-10-01T01:00:00Z", "query/old");
  });

  afterAll(async () => {
    await ts?.dispose();
  });

  it("counts open queries and those at or past their deadline", async () => {
    expect(await ts.store.dashboard?.queryCounts(NOW)).toEqual({ open: 3, overdue: 2 });
  });

  it("counts problem notes per category from a time on", async () => {
    const counts = await ts.store.dashboard?.problemCountsSince(new Date("2026-11-23T00:00:00Z"));
    expect(counts?.sort((a, b) => a.category.localeCompare(b.category))).toEqual([
      { category: "missorted", count: 1 },
      { category: "nobody_home", count: 2 },
    ]);
  });

  it("reads the audit rows of some actions from a time on, oldest first, at most the limit", async () => {
    const since = new Date("2026-11-01T00:00:00Z");
    const rows = await ts.store.dashboard?.auditSince(["query.answered", "query.late"], since, 10);
    expect(rows?.map((r) => [r.action, r.subject])).toEqual([
      ["query.late", "query/a"],
      ["query.answered", "query/b"],
    ]);
    expect(rows?.[1]?.data).toEqual({ overdue: false });
    expect(await ts.store.dashboard?.auditSince(["query.answered", "query.late"], since, 1)).toHaveLength(1);
    expect(await ts.store.dashboard?.auditSince([], since, 10)).toEqual([]);
  });
});
