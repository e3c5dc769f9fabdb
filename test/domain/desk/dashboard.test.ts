import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../../src/domain/config/policy";
import {
  buildDashboard,
  type DashboardRows,
  deadlineBand,
  loadDashboard,
  SLA_DAYS,
  slaDays,
  weekStart,
} from "../../../src/domain/desk/dashboard";
import { createBusinessCalendar } from "../../../src/domain/kernel/calendar";
import { ManualClock } from "../../../src/domain/kernel/clock";
import type { AuditEntry, PickupRequest, Query, SelfPickupHold } from "../../../src/domain/ports/records";
import { branchDirectory } from "../../support/branch";

/** The duty lead's dashboard as a read model (issue 11 §2): rows in, groups and counts out. */

const policy = defaultPolicy();
const calendar = createBusinessCalendar(policy);
const directory = branchDirectory();
const ctx = { policy, calendar, directory };
// Wednesday 2026-11-25, 14:00 in Yangzhou (06:00 UTC).
const NOW = new Date("2026-11-25T06:00:00Z");
const MIN = 60_000;

function query(id: string, dueInMin: number, extra: Partial<Query> = {}): Query {
  const dueAt = new Date(NOW.getTime() + dueInMin * MIN);
  return {
    id,
    kind: "customer",
    trackingNo: `YT${id}`,
    askedBy: { channel: "web", chatId: `c-${id}` },
    fromBranch: null,
    language: "zh",
    text: "我的快递到哪了 13812345678",
    createdAt: new Date(dueAt.getTime() - 30 * MIN),
    warnAt: new Date(dueAt.getTime() - 10 * MIN),
    dueAt,
    status: "open",
    assignee: null,
    answeredAt: null,
    answeredBy: null,
    ...extra,
  };
}

function hold(id: string, heldAt: string, extra: Partial<SelfPickupHold> = {}): SelfPickupHold {
  return {
    id,
    trackingNo: `YT-H${id}`,
    place: "东关分点",
    originBranch: "苏州分公司",
    heldAt: new Date(heldAt),
    originMessagedAt: null,
    originRepliedAt: null,
    markedForReturnAt: null,
    closedAt: null,
    closeReason: null,
    ...extra,
  };
}

function pickup(id: string, status: PickupRequest["status"], courierId: string | null): PickupRequest {
  return {
    id: `${id}-0000-0000`,
    customer: { channel: "telegram", chatId: "1" },
    language: "zh",
    contactName: null,
    phone: "13812345678",
    address: "扬州市文昌路 100 号",
    zoneId: "east",
    goods: "文件",
    payment: "sender_pays",
    pickupDay: "2026-11-25",
    earliestAt: new Date("2026-11-25T07:00:00Z"),
    morning: false,
    byAir: false,
    status,
    courierId,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

function audit(action: string, at: string, subject: string, data: Record<string, unknown> = {}): AuditEntry {
  return { at: new Date(at), actor: { kind: "system", name: "test" }, action, subject, data };
}

function rows(extra: Partial<DashboardRows> = {}): DashboardRows {
  return {
    now: NOW,
    openQueries: [],
    openHolds: [],
    waitingPickups: [],
    problemCounts: [],
    slaEvents: [],
    available: new Set(),
    ...extra,
  };
}

describe("the duty lead's dashboard: open queries (SOP-10, SOP-11)", () => {
  it("lists open queries by time to their deadline, overdue first, with who holds each", () => {
    const d = buildDashboard(
      rows({
        openQueries: [
          query("later", 120),
          query("late", -5, { assignee: "wang" }),
          query("soon", 8),
          query("hour", 40),
        ],
      }),
      ctx,
    );
    expect(d.queries.items.map((q) => [q.id, q.band, q.minutesLeft])).toEqual([
      ["late", "overdue", -5],
      ["soon", "warn", 8],
      ["hour", "hour", 40],
      ["later", "later", 120],
    ]);
    expect(d.queries).toMatchObject({
      open: 4,
      overdue: 1,
      bands: { overdue: 1, warn: 1, hour: 1, later: 1 },
    });
    expect(d.queries.items[0]?.holder).toEqual({ id: "wang", name: "王芳", workNo: "017" });
    expect(d.queries.items[1]?.holder).toBeNull();
  });

  it("shows no customer's words (the query text stays in the chat)", () => {
    const d = buildDashboard(rows({ openQueries: [query("q", 10)] }), ctx);
    expect(JSON.stringify(d)).not.toContain("13812345678");
  });

  it("counts a query at its deadline as overdue, and from its warning time as warn", () => {
    expect(deadlineBand(query("a", 0), NOW)).toBe("overdue");
    expect(deadlineBand(query("b", 10), NOW)).toBe("warn");
    expect(deadlineBand(query("c", 11), NOW)).toBe("hour");
  });
});

describe("the duty lead's dashboard: holds, pickups, problems, seats", () => {
  it("groups self-pickup holds by the day on the branch's clock, and lists the parcels due to go back (SOP-50..52)", () => {
    const d = buildDashboard(
      rows({
        openHolds: [
          // 23:30 in Yangzhou on the 23rd is still the 23rd there, 15:30 UTC.
          hold("1", "2026-11-23T15:30:00Z"),
          hold("2", "2026-11-23T16:30:00Z"), // 00:30 on the 24th in Yangzhou
          hold("3", "2026-11-15T02:00:00Z", {
            originMessagedAt: new Date("2026-11-18T02:00:00Z"),
            markedForReturnAt: new Date("2026-11-23T02:00:00Z"),
          }),
          hold("4", "2026-11-16T02:00:00Z", { originMessagedAt: new Date("2026-11-19T02:00:00Z") }),
          hold("5", "2026-11-20T02:00:00Z", { originMessagedAt: new Date("2026-11-23T02:00:00Z") }),
          hold("6", "2026-11-16T02:00:00Z", {
            originMessagedAt: new Date("2026-11-19T02:00:00Z"),
            originRepliedAt: new Date("2026-11-20T02:00:00Z"),
          }),
        ],
      }),
      ctx,
    );
    expect(d.holds.byDay).toEqual([
      { date: "2026-11-15", count: 1 },
      { date: "2026-11-16", count: 2 },
      { date: "2026-11-20", count: 1 },
      { date: "2026-11-23", count: 1 },
      { date: "2026-11-24", count: 1 },
    ]);
    expect(d.holds.dueBack.map((h) => [h.id, h.state])).toEqual([
      ["3", "marked_for_return"],
      ["4", "return_due"],
      ["5", "awaiting_origin_reply"],
    ]);
    expect(d.holds.dueBackNow).toBe(2);
    expect(d.holds.open).toBe(6);
  });

  it("lists pickups not yet accepted by a courier, with the zone and the courier", () => {
    const d = buildDashboard(
      rows({ waitingPickups: [pickup("aaaa", "requested", null), pickup("bbbb", "assigned", "zhang")] }),
      ctx,
    );
    expect(d.pickups.waiting).toBe(2);
    expect(d.pickups.items.map((p) => [p.ref, p.zone, p.courier?.name ?? null])).toEqual([
      ["#aaaa-000", "城东", null],
      ["#bbbb-000", "城东", "张伟"],
    ]);
  });

  it("counts this week's problem parcels by category with the SOP's names, most first", () => {
    const d = buildDashboard(
      rows({
        problemCounts: [
          { category: "missorted", count: 1 },
          { category: "nobody_home", count: 3 },
        ],
      }),
      ctx,
    );
    expect(d.problems.byCategory).toEqual([
      { code: "nobody_home", zh: "送无人", en: "nobody home", sop: "SOP-33", count: 3 },
      expect.objectContaining({ code: "missorted", sop: "SOP-38", count: 1 }),
    ]);
    expect(d.problems.total).toBe(4);
    expect(d.problems.since).toBe("2026-11-23");
  });

  it("starts the week on Monday on the branch's clock", () => {
    // Monday 00:30 in Yangzhou is Sunday 16:30 UTC.
    expect(weekStart(calendar, new Date("2026-11-29T16:30:00Z"))).toBe("2026-11-30");
    expect(weekStart(calendar, new Date("2026-11-29T15:30:00Z"))).toBe("2026-11-23");
  });

  it("shows every agent's seat as available or busy (SOP-14), unknown when presence cannot be read", () => {
    const known = buildDashboard(rows({ available: new Set(["chen"]) }), ctx);
    expect(known.seats.agents.map((a) => [a.id, a.available])).toEqual([
      ["wang", false],
      ["chen", true],
    ]);
    const unknown = buildDashboard(rows({ available: undefined }), ctx);
    expect(unknown.seats).toMatchObject({
      presenceKnown: false,
      agents: [
        { available: null, seat: "unknown" },
        { available: null, seat: "unknown" },
      ],
    });
  });

  it("SOP-14: tells an agent who never set a seat (not signed in) from one who went busy (示忙)", () => {
    const seat = (extra: Partial<DashboardRows>) =>
      buildDashboard(rows(extra), ctx).seats.agents.map((a) => [a.id, a.seat]);
    // wang went busy once (an audit row), chen never set a seat: neither is in presence.
    expect(seat({ available: new Set(), everSet: new Set(["wang"]) })).toEqual([
      ["wang", "busy"],
      ["chen", "not_signed_in"],
    ]);
    expect(seat({ available: new Set(["chen"]), everSet: new Set() })).toEqual([
      ["wang", "not_signed_in"],
      ["chen", "available"],
    ]);
    // A store that cannot tell: a missing seat is busy, as before.
    expect(seat({ available: new Set() })).toEqual([
      ["wang", "busy"],
      ["chen", "busy"],
    ]);
  });
});

describe("the duty lead's dashboard: SLA compliance per day, from the audit log (SOP-10, SOP-11)", () => {
  it("counts answers within their deadline over all answers and still-unanswered late queries, per branch day", () => {
    const days = slaDays(
      {
        now: NOW,
        openQueries: [query("open-late", -60)],
        slaEvents: [
          audit("query.answered", "2026-11-24T01:00:00Z", "query/a", { overdue: false }),
          audit("query.answered", "2026-11-24T02:00:00Z", "query/b", { overdue: false }),
          audit("query.late", "2026-11-24T02:30:00Z", "query/c"),
          audit("query.answered", "2026-11-24T03:00:00Z", "query/c", { overdue: true }),
          // 00:10 on the 25th in Yangzhou.
          audit("query.late", "2026-11-24T16:10:00Z", "query/open-late"),
          audit("query.answered", "2026-10-01T01:00:00Z", "query/old", { overdue: true }),
        ],
      },
      ctx,
    );
    expect(days).toHaveLength(SLA_DAYS);
    expect(days[0]?.date).toBe("2026-10-27");
    expect(days.at(-1)?.date).toBe("2026-11-25");
    expect(days.at(-2)).toEqual({
      date: "2026-11-24",
      answered: 3,
      withinDeadline: 2,
      unanswered: 0,
      compliance: 2 / 3,
    });
    expect(days.at(-1)).toEqual({
      date: "2026-11-25",
      answered: 0,
      withinDeadline: 0,
      unanswered: 1,
      compliance: 0,
    });
    expect(days.filter((d) => d.compliance === null)).toHaveLength(SLA_DAYS - 2);
  });

  it("counts a query late twice and still open once, on its last late day", () => {
    const days = slaDays(
      {
        now: NOW,
        openQueries: [query("x", -30)],
        slaEvents: [
          audit("query.late", "2026-11-23T03:00:00Z", "query/x"),
          audit("query.late", "2026-11-25T01:00:00Z", "query/x"),
        ],
      },
      ctx,
    );
    expect(days.reduce((n, d) => n + d.unanswered, 0)).toBe(1);
    expect(days.at(-1)?.unanswered).toBe(1);
  });
});

describe("loading the dashboard", () => {
  it("reads this week's problems and 30 days of audit from midnight on the branch's clock", async () => {
    const asked: { problemsSince?: Date; auditSince?: Date; actions?: readonly string[] } = {};
    const d = await loadDashboard({
      ...ctx,
      clock: new ManualClock(NOW.toISOString()),
      queries: { listOpen: async () => [query("q", 5)] },
      holds: { listOpen: async () => [] },
      pickups: {
        listByStatus: async (statuses) =>
          statuses.includes("requested") ? [pickup("p", "requested", null)] : [],
      },
      presence: { availableIds: () => Promise.reject(new Error("redis down")) },
      reads: {
        problemCountsSince: async (since) => {
          asked.problemsSince = since;
          return [];
        },
        auditSince: async (actions, since) => {
          asked.auditSince = since;
          asked.actions = actions;
          return [];
        },
        queryCounts: async () => ({ open: 0, overdue: 0 }),
      },
    });
    // Monday 2026-11-23 00:00 and 2026-10-27 00:00 in Yangzhou.
    expect(asked.problemsSince?.toISOString()).toBe("2026-11-22T16:00:00.000Z");
    expect(asked.auditSince?.toISOString()).toBe("2026-10-26T16:00:00.000Z");
    expect(asked.actions).toEqual(["query.answered", "query.late"]);
    expect(d.queries.open).toBe(1);
    expect(d.pickups.waiting).toBe(1);
    expect(d.seats.presenceKnown).toBe(false);
  });

  it("asks the store which agents ever set their seat, by their audit subjects (SOP-14)", async () => {
    const asked: { subjects?: readonly string[]; actions?: readonly string[] } = {};
    const load = (auditedSubjects: (s: readonly string[], a: readonly string[]) => Promise<Set<string>>) =>
      loadDashboard({
        ...ctx,
        clock: new ManualClock(NOW.toISOString()),
        queries: { listOpen: async () => [] },
        holds: { listOpen: async () => [] },
        pickups: { listByStatus: async () => [] },
        presence: { availableIds: async () => new Set<string>() },
        reads: {
          problemCountsSince: async () => [],
          auditSince: async () => [],
          queryCounts: async () => ({ open: 0, overdue: 0 }),
          auditedSubjects,
        },
      });
    const d = await load(async (subjects, actions) => {
      asked.subjects = subjects;
      asked.actions = actions;
      return new Set(["staff/chen"]);
    });
    expect(asked.subjects).toEqual(["staff/wang", "staff/chen"]);
    expect(asked.actions).toEqual(["staff.available", "staff.busy"]);
    expect(d.seats.agents.map((a) => a.seat)).toEqual(["not_signed_in", "busy"]);
    // The read failing costs the distinction, not the dashboard.
    const failed = await load(() => Promise.reject(new Error("db down")));
    expect(failed.seats.agents.map((a) => a.seat)).toEqual(["busy", "busy"]);
  });
});
