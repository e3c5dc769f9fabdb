import { sql } from "kysely";
import type { DashboardCounts, DashboardReads, SlaCount } from "../domain/ports";
import type { PickupStatus } from "../domain/ports/records";
import type { Db } from "./db";
import { auditRow, parseRows } from "./rows";

/**
 * The dashboard's and /metrics' reads (DashboardReads): counts done by the database, the tiles and
 * the SLA chart's days included (grouped by day on the branch's clock: `at time zone`), so a busy
 * branch never loads its rows to count them. Read-only, on the store's own connection.
 */
const n = (v: string | number | null | undefined) => Number(v ?? 0);

/** A timestamp's date (YYYY-MM-DD) on the clock of the IANA time zone `timezone`. */
const localDay = (column: string, timezone: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone ${timezone}, 'YYYY-MM-DD')`;
export function dashboardReads(db: Db): DashboardReads {
  return {
    async problemCountsSince(since) {
      const rows = await db
        .selectFrom("problem_notes")
        .select(["category", sql<string | number>`count(*)`.as("count")])
        .where("recorded_at", ">=", since)
        .groupBy("category")
        .execute();
      return rows.map((r) => ({ category: r.category, count: Number(r.count) }));
    },

    async auditSince(actions, since, limit) {
      if (actions.length === 0) return [];
      const rows = await db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "in", [...actions])
        .where("at", ">=", since)
        .orderBy("at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(auditRow, "audit_log", rows);
    },

    async queryCounts(now) {
      const row = await db
        .selectFrom("queries")
        .select([
          sql<string | number>`count(*)`.as("open"),
          sql<string | number>`count(*) filter (where due_at <= ${now})`.as("overdue"),
        ])
        .where("status", "=", "open")
        .executeTakeFirstOrThrow();
      return { open: Number(row.open), overdue: Number(row.overdue) };
    },

    async auditedSubjects(subjects, actions) {
      if (subjects.length === 0 || actions.length === 0) return new Set();
      const rows = await db
        .selectFrom("audit_log")
        .select("subject")
        .distinct()
        .where("subject", "in", [...subjects]) // the audit_log_by_subject index
        .where("action", "in", [...actions])
        .execute();
      return new Set(rows.map((r) => r.subject));
    },

    openCounts: (now, timezone, waiting) => openCounts(db, now, timezone, waiting),
    slaCounts: (since, timezone, actions) => slaCounts(db, since, timezone, actions),
  };
}

/** The dashboard's tiles: open queries by band, open holds by day, pickups waiting. */
async function openCounts(
  db: Db,
  now: Date,
  timezone: string,
  waiting: readonly PickupStatus[],
): Promise<DashboardCounts> {
  const hourAhead = new Date(now.getTime() + 3600_000);
  const withinHour = sql`due_at > ${now} and warn_at > ${now} and due_at <= ${hourAhead}`;
  const [queries, holds, byDay, pickups] = await Promise.all([
    db
      .selectFrom("queries")
      .select([
        sql<string | number>`count(*)`.as("open"),
        sql<string | number>`count(*) filter (where due_at <= ${now})`.as("overdue"),
        sql<string | number>`count(*) filter (where due_at > ${now} and warn_at <= ${now})`.as("warn"),
        sql<string | number>`count(*) filter (where ${withinHour})`.as("hour"),
      ])
      .where("status", "=", "open")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("holds")
      .select(sql<string | number>`count(*)`.as("open"))
      .where("closed_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("holds")
      .select([localDay("held_at", timezone).as("date"), sql<string | number>`count(*)`.as("count")])
      .where("closed_at", "is", null)
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute(),
    waiting.length === 0
      ? { waiting: 0 }
      : db
          .selectFrom("pickups")
          .select(sql<string | number>`count(*)`.as("waiting"))
          .where("status", "in", [...waiting])
          .executeTakeFirstOrThrow(),
  ]);
  return {
    queries: {
      open: n(queries.open),
      overdue: n(queries.overdue),
      warn: n(queries.warn),
      hour: n(queries.hour),
    },
    holds: { open: n(holds.open), byDay: byDay.map((r) => ({ date: r.date, count: n(r.count) })) },
    pickups: { waiting: n(pickups.waiting) },
  };
}

/**
 * SOP-10/11 per day (dashboard.ts slaDays): answers and those within their deadline; late queries
 * still open, on the day of their last `late` entry.
 */
async function slaCounts(
  db: Db,
  since: Date,
  timezone: string,
  actions: { answered: string; late: string },
): Promise<SlaCount[]> {
  const [answers, late] = await Promise.all([
    db
      .selectFrom("audit_log")
      .select([
        localDay("at", timezone).as("date"),
        sql<string | number>`count(*)`.as("answered"),
        sql<string | number>`count(*) filter (where (data -> 'overdue') is distinct from 'true'::jsonb)`.as(
          "within",
        ),
      ])
      .where("action", "=", actions.answered)
      .where("at", ">=", since)
      .groupBy(sql`1`)
      .execute(),
    // A late query still open counts once, on the day of its last `late` entry.
    db
      .selectFrom(
        db
          .selectFrom("audit_log")
          .select(["subject", sql<Date>`max(at)`.as("last_at")])
          .where("action", "=", actions.late)
          .where("at", ">=", since)
          .where(
            "subject",
            "in",
            db
              .selectFrom("queries")
              .select(sql<string>`'query/' || id`.as("subject"))
              .where("status", "=", "open"),
          )
          .groupBy("subject")
          .as("l"),
      )
      .select([localDay("l.last_at", timezone).as("date"), sql<string | number>`count(*)`.as("count")])
      .groupBy(sql`1`)
      .execute(),
  ]);
  const days = new Map<string, SlaCount>();
  const day = (date: string) => {
    let found = days.get(date);
    if (!found) {
      found = { date, answered: 0, withinDeadline: 0, unanswered: 0 };
      days.set(date, found);
    }
    return found;
  };
  for (const r of answers)
    Object.assign(day(r.date), { answered: n(r.answered), withinDeadline: n(r.within) });
  for (const r of late) day(r.date).unanswered = n(r.count);
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}
