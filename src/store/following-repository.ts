import { sql } from "kysely";
import { z } from "zod";
import type { FollowedPush, FollowingRepository, ParcelPush } from "../domain/ports/following-records";
import type { Db } from "./db";
import { parseRows } from "./rows";

/** Issue 17: the pushes to parcels' followers (parcel_pushes), once per parcel and status. */

const timestamp = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);

const pushRow: z.ZodType<ParcelPush> = z
  .object({
    tracking_no: z.string().min(1),
    status: z.string().min(1),
    kind: z.string().min(1),
    at: timestamp,
    location: z.string().nullable(),
    category: z.string().nullable(),
    recorded_at: timestamp,
    due_at: timestamp,
    held: z.boolean(),
    silent: z.boolean(),
    sent_at: timestamp.nullable(),
  })
  .transform(
    (r): ParcelPush => ({
      trackingNo: r.tracking_no,
      status: r.status,
      kind: r.kind,
      at: r.at,
      location: r.location,
      category: r.category,
      recordedAt: r.recorded_at,
      dueAt: r.due_at,
      held: r.held,
      silent: r.silent,
      sentAt: r.sent_at,
    }),
  );

const count = (value: unknown) => Number(value ?? 0);

/** Gives back taken pushes, one statement for the batch: only rows still taken at `takenAt` (not taken since). */
async function release(
  db: Db,
  pushes: readonly Pick<ParcelPush, "trackingNo" | "status">[],
  takenAt: Date,
): Promise<void> {
  if (pushes.length === 0) return;
  await db
    .updateTable("parcel_pushes")
    .set({ sent_at: null })
    .where("sent_at", "=", takenAt)
    .where((eb) =>
      eb.or(pushes.map((p) => eb.and([eb("tracking_no", "=", p.trackingNo), eb("status", "=", p.status)]))),
    )
    .execute();
}

export function followingRepository(db: Db): FollowingRepository {
  return {
    async record(pushes) {
      if (pushes.length === 0) return [];
      // One statement of eleven array parameters (unnest), not eleven parameters per row: a scan
      // batch records hundreds of pushes on the ingest's hot path.
      const col = <T>(pick: (p: ParcelPush) => T) => pushes.map(pick);
      const result = await sql<{ tracking_no: string; status: string }>`
        insert into parcel_pushes
          (tracking_no, status, kind, at, location, category, recorded_at, due_at, held, silent, sent_at)
        select * from unnest(
          ${col((p) => p.trackingNo)}::text[], ${col((p) => p.status)}::text[], ${col((p) => p.kind)}::text[],
          ${col((p) => p.at.toISOString())}::timestamptz[], ${col((p) => p.location)}::text[],
          ${col((p) => p.category)}::text[], ${col((p) => p.recordedAt.toISOString())}::timestamptz[],
          ${col((p) => p.dueAt.toISOString())}::timestamptz[], ${col((p) => p.held)}::boolean[],
          ${col((p) => p.silent)}::boolean[], ${col((p) => p.sentAt?.toISOString() ?? null)}::timestamptz[])
        on conflict (tracking_no, status) do nothing
        returning tracking_no, status`.execute(db);
      // The rows inserted are the ones given: only their keys come back (no row to parse).
      const inserted = new Set(result.rows.map((r) => `${r.tracking_no}\u0000${r.status}`));
      return pushes.filter((p) => inserted.has(`${p.trackingNo}\u0000${p.status}`));
    },

    async recordFollowed(pushes) {
      if (pushes.length === 0) return [];
      const col = <T>(pick: (p: FollowedPush) => T) => pushes.map(pick);
      // One statement for the whole batch: the follower check is an index probe per row.
      const result = await sql<{ tracking_no: string; status: string }>`
        insert into parcel_pushes
          (tracking_no, status, kind, at, location, category, recorded_at, due_at, held, silent, sent_at)
        select u.tracking_no, u.status, u.kind, u.at, u.location, u.category, u.recorded_at, u.due_at,
          u.held, u.silent, u.sent_at
        from unnest(
          ${col((p) => p.trackingNo)}::text[], ${col((p) => p.status)}::text[], ${col((p) => p.kind)}::text[],
          ${col((p) => p.at.toISOString())}::timestamptz[], ${col((p) => p.location)}::text[],
          ${col((p) => p.category)}::text[], ${col((p) => p.recordedAt.toISOString())}::timestamptz[],
          ${col((p) => p.dueAt.toISOString())}::timestamptz[], ${col((p) => p.held)}::boolean[],
          ${col((p) => p.silent)}::boolean[], ${col((p) => p.sentAt?.toISOString() ?? null)}::timestamptz[],
          ${col((p) => p.everyScanOnly)}::boolean[])
          as u(tracking_no, status, kind, at, location, category, recorded_at, due_at, held, silent, sent_at, every_only)
        where exists (
          select 1 from subscriptions s
          where s.tracking_no = u.tracking_no and (s.every_scan or not u.every_only))
        -- A scan that reaches us late (older than a status the parcel's followers heard of) is stale.
        and not exists (
          select 1 from parcel_pushes p where p.tracking_no = u.tracking_no and p.at > u.at)
        on conflict (tracking_no, status) do nothing
        returning tracking_no, status`.execute(db);
      const inserted = new Set(result.rows.map((r) => `${r.tracking_no}\u0000${r.status}`));
      return pushes
        .filter((p) => inserted.has(`${p.trackingNo}\u0000${p.status}`))
        .map(({ everyScanOnly: _, ...push }) => push);
    },

    async takeDue(now, limit) {
      // Compare and set: `for update skip locked` keeps two takers off the same rows.
      const result = await sql<Record<string, unknown>>`
        update parcel_pushes set sent_at = ${now}
        where sent_at is null and (tracking_no, status) in (
          select tracking_no, status from parcel_pushes
          where sent_at is null and due_at <= ${now}
          order by due_at, tracking_no, status
          limit ${limit}
          for update skip locked)
        returning *`.execute(db);
      return parseRows(pushRow, "parcel_pushes", result.rows).sort(
        (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.at.getTime() - b.at.getTime(),
      );
    },

    release: (pushes, takenAt) => release(db, pushes, takenAt),

    async waitingDueTimes(limit) {
      const rows = await db
        .selectFrom("parcel_pushes")
        .select("due_at")
        .distinct()
        .where("sent_at", "is", null)
        .orderBy("due_at")
        .limit(limit)
        .execute();
      return rows.map((r) => new Date(r.due_at));
    },

    async figures(since) {
      const pushes = await db
        .selectFrom("parcel_pushes")
        .select([
          sql<number>`count(*) filter (where sent_at >= ${since} and not silent)`.as("sent"),
          sql<number>`count(*) filter (where recorded_at >= ${since} and held)`.as("held"),
          sql<number>`count(*) filter (where sent_at is null)`.as("waiting"),
        ])
        .executeTakeFirst();
      const queries = await db
        .selectFrom("queries")
        .select(sql<number>`count(*)`.as("n"))
        .where("kind", "=", "customer")
        .where("created_at", ">=", since)
        .executeTakeFirst();
      const parcels = await db
        .selectFrom("scans")
        .select(sql<number>`count(distinct tracking_no)`.as("n"))
        .where("received_at", ">=", since)
        .executeTakeFirst();
      const chats = await db
        .selectFrom("subscriptions")
        .select(sql<number>`count(distinct (channel, chat_id))`.as("n"))
        .executeTakeFirst();
      return {
        pushesSent: count(pushes?.sent),
        pushesHeld: count(pushes?.held),
        pushesWaiting: count(pushes?.waiting),
        queriesOpened: count(queries?.n),
        parcelsTracked: count(parcels?.n),
        followingChats: count(chats?.n),
      };
    },
  };
}
