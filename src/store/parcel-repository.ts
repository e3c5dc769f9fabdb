import { sql } from "kysely";
import type { ScanEvent, ScanKind } from "../domain/kernel/scan";
import type { ParcelRepository } from "../domain/ports";
import type { ParcelRecord, StoredScan } from "../domain/ports/records";
import { atomically, type Db } from "./db";
import { parseFollowers, parseScanRows } from "./parcel-rows";
import { READ_CACHE_MARK } from "./pglite-dialect";
import { returnRow } from "./return-repository";
import { holdRow, parcelRow, parseRow, parseRows, problemNoteRow, scanRow } from "./rows";

/** SOP-43: a delivery scan is out_for_delivery, or a delivery that implies one. */
export const DELIVERY_SCAN_KINDS: readonly ScanKind[] = ["out_for_delivery", "delivered"];

export const DEFAULT_SCAN_LIMIT = 20;

/** The idempotency key of a scan (the schema's unique scans_same_scan). */
function scanKey(s: Pick<ScanEvent, "trackingNo" | "at" | "kind" | "location">): string {
  return `${s.trackingNo}\u0000${s.at.getTime()}\u0000${s.kind}\u0000${s.location}`;
}

function byKey(a: ScanEvent, b: ScanEvent): number {
  if (a.trackingNo !== b.trackingNo) return a.trackingNo < b.trackingNo ? -1 : 1;
  return a.at.getTime() - b.at.getTime();
}

export function parcelRepository(db: Db): ParcelRepository {
  return {
    async addScans(events, receivedAt) {
      if (events.length === 0) return [];
      // Rows go in sorted by key, so that two batches touching the same parcels take their
      // row locks in the same order (no deadlock between concurrent ingests on Postgres).
      const sorted = [...events].sort(byKey);
      const trackingNos = [...new Set(sorted.map((e) => e.trackingNo))];
      const inserted = await atomically(db, async (trx) => {
        await sql`
          insert into parcels (tracking_no, first_seen_at)
          select t, ${receivedAt}::timestamptz from unnest(${trackingNos}::text[]) as t
          on conflict do nothing`.execute(trx);
        // One statement for the whole batch: arrays in, only the newly stored rows out.
        const result = await sql<Record<string, unknown>>`
          insert into scans (tracking_no, at, kind, location, note, origin_branch, received_at)
          select s.tracking_no, s.at, s.kind, s.location, s.note, s.origin_branch, ${receivedAt}::timestamptz
          from unnest(
            ${sorted.map((e) => e.trackingNo)}::text[],
            ${sorted.map((e) => e.at.toISOString())}::timestamptz[],
            ${sorted.map((e) => e.kind)}::text[],
            ${sorted.map((e) => e.location)}::text[],
            ${sorted.map((e) => e.note ?? null)}::text[],
            ${sorted.map((e) => e.originBranch ?? null)}::text[]
          ) with ordinality as s (tracking_no, at, kind, location, note, origin_branch, n)
          order by s.n
          on conflict on constraint scans_same_scan do nothing
          returning id::text as id, tracking_no, at, kind, location, note, origin_branch, received_at`.execute(
          trx,
        );
        return parseRows(scanRow, "scans", result.rows);
      });
      // Back in the order given; a scan repeated inside the batch is reported once.
      const stored = new Map<string, StoredScan>(inserted.map((s) => [scanKey(s), s]));
      const out: StoredScan[] = [];
      for (const event of events) {
        const key = scanKey(event);
        const scan = stored.get(key);
        if (scan) {
          out.push(scan);
          stored.delete(key);
        }
      }
      return out;
    },

    async get(trackingNo, scanLimit = DEFAULT_SCAN_LIMIT) {
      // One statement, one round trip: the parcel, its newest scans (scans_parcel_latest),
      // its open hold, its problem notes, its return and its followers (the asking chat's
      // buttons, issue 17: not a second read, issue 15), aggregated as json. The statement is
      // the same whichever chat asks. On PGlite the result may come
      // from the read cache (pglite-dialect.ts ReadCache: emptied by every write).
      const result = await sql<Record<string, unknown>>`${sql.raw(READ_CACHE_MARK)}
        select p.tracking_no, p.first_seen_at,
          coalesce((
            select json_agg(s order by s.at desc, s.id::bigint desc)
            from (
              select id::text as id, tracking_no, at, kind, location, note, origin_branch, received_at
              from scans
              where tracking_no = p.tracking_no
              order by at desc, scans.id desc -- the number: "id" alone is the text column above
              limit ${Math.max(0, Math.floor(scanLimit))}
            ) s
          ), '[]'::json) as scans,
          (select to_json(h) from holds h where h.tracking_no = p.tracking_no and h.closed_at is null) as open_hold,
          coalesce((
            select json_agg(n order by n.recorded_at desc, n.id)
            from problem_notes n where n.tracking_no = p.tracking_no
          ), '[]'::json) as problems,
          (select to_json(r) from parcel_returns r where r.tracking_no = p.tracking_no) as parcel_return,
          coalesce((
            select json_agg(json_build_array(f.channel, f.chat_id, f.every_scan))
            from subscriptions f where f.tracking_no = p.tracking_no
          ), '[]'::json) as followers
        from parcels p
        where p.tracking_no = ${trackingNo}`.execute(db);
      const row = result.rows[0];
      if (!row) return undefined;
      // A row the read cache answered again is the same object: parsed once, copied per caller.
      let record = parsedRecords.get(row);
      if (!record) {
        record = parseRecord(row);
        parsedRecords.set(row, record);
      }
      return copyRecord(record);
    },

    async hasDeliveryScan(trackingNo) {
      const row = await db
        .selectFrom("scans")
        .select("id")
        .where("tracking_no", "=", trackingNo)
        .where("kind", "in", DELIVERY_SCAN_KINDS)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

/** Parsed records by the row they were read from (rows answered by the PGlite read cache repeat). */
const parsedRecords = new WeakMap<object, ParcelRecord>();

function parseRecord(row: Record<string, unknown>): ParcelRecord {
  const parcel = parseRow(parcelRow, "parcels", row);
  return {
    trackingNo: parcel.tracking_no,
    firstSeenAt: parcel.first_seen_at,
    scans: parseScanRows(asArray(row.scans)),
    openHold: row.open_hold == null ? undefined : parseRow(holdRow, "holds", row.open_hold),
    problems: parseRows(problemNoteRow, "problem_notes", asArray(row.problems)),
    markedReturn:
      row.parcel_return == null ? undefined : parseRow(returnRow, "parcel_returns", row.parcel_return),
    followers: parseFollowers(asArray(row.followers)),
  };
}

/** A record of its own for each caller: what one caller changes, the next one never sees. */
function copyRecord(record: ParcelRecord): ParcelRecord {
  return {
    ...record,
    scans: record.scans.map((s) => ({ ...s })),
    openHold: record.openHold && { ...record.openHold },
    problems: record.problems.map((n) => ({ ...n, details: { ...n.details }, followUps: [...n.followUps] })),
    markedReturn: record.markedReturn && { ...record.markedReturn },
    followers: record.followers?.map((f) => ({ ...f })),
  };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
