import { sql } from "kysely";
import { z } from "zod";
import { DELIVERY_CLOSING_KINDS } from "../domain/deliveries/closing-scans";
import { SIGNER_KINDS } from "../domain/deliveries/signer";
import type {
  DeliveryRepository,
  OpenDelivery,
  Receipt,
  UndeliveredParcel,
  UnsignedDelivery,
} from "../domain/ports/deliveries";
import { atomically, type Db, DEFAULT_LIST_LIMIT } from "./db";
import { parseRow, parseRows } from "./rows";

/**
 * SOP-44's undelivered parcels and SOP-73/SOP-74's receipts (migration 0007), with the two scan
 * reads they need (by kind and time: scans_by_kind_at). Rows are validated before they become records.
 */

const date = z.coerce.date();
const text = z.string();
const nullableText = z.string().nullable();

const undeliveredRow = z
  .object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    tracking_no: text,
    out_at: date,
    origin_branch: nullableText,
    listed_at: date,
    handled_at: date.nullable(),
    handled_by: nullableText,
  })
  .transform(
    (r): UndeliveredParcel => ({
      day: r.day,
      trackingNo: r.tracking_no,
      outAt: r.out_at,
      originBranch: r.origin_branch,
      listedAt: r.listed_at,
      handledAt: r.handled_at,
      handledBy: r.handled_by,
    }),
  );

const openDeliveryRow = z
  .object({
    tracking_no: text,
    out_at: date,
    location: text,
    note: nullableText,
    origin_branch: nullableText,
  })
  .transform(
    (r): OpenDelivery => ({
      trackingNo: r.tracking_no,
      outAt: r.out_at,
      location: r.location,
      note: r.note,
      originBranch: r.origin_branch,
    }),
  );

const unsignedRow = z
  .object({
    tracking_no: text,
    at: date,
    location: text,
    note: nullableText,
    out_location: nullableText,
    out_note: nullableText,
  })
  .transform(
    (r): UnsignedDelivery => ({
      trackingNo: r.tracking_no,
      deliveredAt: r.at,
      location: r.location,
      note: r.note,
      outLocation: r.out_location,
      outNote: r.out_note,
    }),
  );

const receiptRow = z
  .object({
    tracking_no: text,
    delivered_at: date,
    signer_kind: z.enum(SIGNER_KINDS),
    signer: text,
    cod_fen: z.coerce.number().int().positive().nullable(),
    entered_by: text,
    entered_at: date,
  })
  .transform(
    (r): Receipt => ({
      trackingNo: r.tracking_no,
      deliveredAt: r.delivered_at,
      signerKind: r.signer_kind,
      signer: r.signer,
      codFen: r.cod_fen,
      enteredBy: r.entered_by,
      enteredAt: r.entered_at,
    }),
  );

const UNDELIVERED_COLUMNS = [
  sql<string>`day::text`.as("day"),
  "tracking_no",
  "out_at",
  "origin_branch",
  "listed_at",
  "handled_at",
  "handled_by",
] as const;

function limitOf(limit: number): number {
  return Math.max(0, Math.floor(limit));
}

export function deliveryRepository(db: Db): DeliveryRepository {
  return { ...undeliveredMethods(db), ...receiptMethods(db) };
}

type UndeliveredMethods = Pick<
  DeliveryRepository,
  "openDeliveries" | "addUndelivered" | "undeliveredOfDay" | "openUndelivered" | "markHandled"
>;

/** SOP-44: the day's open deliveries and the listed parcels. */
function undeliveredMethods(db: Db): UndeliveredMethods {
  return {
    async openDeliveries(from, to, limit = DEFAULT_LIST_LIMIT) {
      const result = await sql<Record<string, unknown>>`
        select o.tracking_no, o.at as out_at, o.location, o.note,
          (select s.origin_branch from scans s
            where s.tracking_no = o.tracking_no and s.origin_branch is not null
            order by s.at desc, s.id desc limit 1) as origin_branch
        from (
          select distinct on (tracking_no) tracking_no, at, location, note, id
          from scans
          where kind = 'out_for_delivery' and at >= ${from} and at < ${to}
          order by tracking_no, at desc, id desc
        ) o
        where not exists (
          select 1 from scans c
          where c.tracking_no = o.tracking_no and c.kind in (${sql.join(DELIVERY_CLOSING_KINDS)}) and c.at >= o.at
        )
        order by o.at, o.tracking_no
        limit ${limitOf(limit)}`.execute(db);
      return parseRows(openDeliveryRow, "scans", result.rows);
    },

    async addUndelivered(rows) {
      if (rows.length === 0) return [];
      const inserted = await db
        .insertInto("undelivered_parcels")
        .values(
          rows.map((r) => ({
            day: r.day,
            tracking_no: r.trackingNo,
            out_at: r.outAt,
            origin_branch: r.originBranch,
            listed_at: r.listedAt,
            handled_at: r.handledAt,
            handled_by: r.handledBy,
          })),
        )
        .onConflict((oc) => oc.columns(["day", "tracking_no"]).doNothing())
        .returning(UNDELIVERED_COLUMNS)
        .execute();
      const added = new Set(
        parseRows(undeliveredRow, "undelivered_parcels", inserted).map((r) => r.trackingNo),
      );
      return rows.filter((r) => added.has(r.trackingNo)).map((r) => ({ ...r }));
    },

    async undeliveredOfDay(day) {
      const rows = await db
        .selectFrom("undelivered_parcels")
        .select(UNDELIVERED_COLUMNS)
        .where("day", "=", day)
        .orderBy("out_at")
        .orderBy("tracking_no")
        .execute();
      return parseRows(undeliveredRow, "undelivered_parcels", rows);
    },

    async openUndelivered(day, limit = DEFAULT_LIST_LIMIT) {
      const rows = await db
        .selectFrom("undelivered_parcels")
        .select(UNDELIVERED_COLUMNS)
        .where("day", "<=", day)
        .where("handled_at", "is", null)
        .orderBy("day")
        .orderBy("out_at")
        .orderBy("tracking_no")
        .limit(limitOf(limit))
        .execute();
      return parseRows(undeliveredRow, "undelivered_parcels", rows);
    },

    async markHandled(day, trackingNo, at, by) {
      const rows = await db
        .updateTable("undelivered_parcels")
        .set({ handled_at: at, handled_by: by })
        .where("day", "=", day)
        .where("handled_at", "is", null)
        .$if(trackingNo !== undefined, (q) => q.where("tracking_no", "=", trackingNo ?? ""))
        .returning(UNDELIVERED_COLUMNS)
        .execute();
      return parseRows(undeliveredRow, "undelivered_parcels", rows).sort(
        (a, b) => a.outAt.getTime() - b.outAt.getTime() || (a.trackingNo < b.trackingNo ? -1 : 1),
      );
    },
  };
}

/** SOP-73, SOP-74: deliveries without a receipt, and the receipts. */
function receiptMethods(db: Db): Omit<DeliveryRepository, keyof UndeliveredMethods> {
  return {
    async unsignedDeliveries(from, to, limit = DEFAULT_LIST_LIMIT) {
      const result = await sql<Record<string, unknown>>`
        select d.tracking_no, d.at, d.location, d.note,
          o.location as out_location, o.note as out_note
        from (
          select distinct on (tracking_no) tracking_no, at, location, note, id
          from scans
          where kind = 'delivered' and at >= ${from} and at < ${to}
          order by tracking_no, at desc, id desc
        ) d
        left join lateral (
          select s.location, s.note from scans s
          where s.tracking_no = d.tracking_no and s.kind = 'out_for_delivery' and s.at <= d.at
          order by s.at desc, s.id desc limit 1
        ) o on true
        where not exists (
          select 1 from receipts r where r.tracking_no = d.tracking_no and r.delivered_at >= d.at
        )
        order by d.at, d.tracking_no
        limit ${limitOf(limit)}`.execute(db);
      return parseRows(unsignedRow, "scans", result.rows);
    },

    async getReceipt(trackingNo) {
      const row = await db
        .selectFrom("receipts")
        .selectAll()
        .where("tracking_no", "=", trackingNo)
        .executeTakeFirst();
      return row === undefined ? undefined : parseRow(receiptRow, "receipts", row);
    },

    async putReceipt(receipt) {
      return atomically(db, async (trx) => {
        const previous = await trx
          .selectFrom("receipts")
          .selectAll()
          .where("tracking_no", "=", receipt.trackingNo)
          .forUpdate()
          .executeTakeFirst();
        const values = {
          tracking_no: receipt.trackingNo,
          delivered_at: receipt.deliveredAt,
          signer_kind: receipt.signerKind,
          signer: receipt.signer,
          cod_fen: receipt.codFen,
          entered_by: receipt.enteredBy,
          entered_at: receipt.enteredAt,
        };
        await trx
          .insertInto("receipts")
          .values(values)
          .onConflict((oc) => oc.column("tracking_no").doUpdateSet(values))
          .execute();
        return previous === undefined ? undefined : parseRow(receiptRow, "receipts", previous);
      });
    },
  };
}
