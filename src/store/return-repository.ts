import { sql } from "kysely";
import { z } from "zod";
import type {
  OriginTask,
  OriginTaskRepository,
  ParcelReturn,
  ReturnRepository,
} from "../domain/ports/returns-records";
import { SCANNED_OUT_KINDS } from "../domain/returns/scanned-out";
import { atomically, type Db, DEFAULT_LIST_LIMIT, ensureParcel } from "./db";
import { asConflict, parseRow, parseRows } from "./rows";

/** Returns (SOP-51, SOP-52, SOP-60) and the tracked messages to the origin (SOP-38, SOP-45). */

const timestamp = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);
const nullableText = z.string().nullable();

export const returnRow: z.ZodType<ParcelReturn> = z
  .object({
    id: z.string().min(1),
    tracking_no: z.string().min(1),
    hold_id: nullableText,
    origin_branch: nullableText,
    marking: z.string().min(1),
    rule: z.enum(["SOP-51", "SOP-52"]),
    marked_at: timestamp,
    marked_by: nullableText,
    destination: nullableText,
    weight_kg: z.coerce.number().positive().nullable(),
    fee_yuan: z.coerce.number().int().nonnegative().nullable(),
    held_by: nullableText,
  })
  .transform(
    (r): ParcelReturn => ({
      id: r.id,
      trackingNo: r.tracking_no,
      holdId: r.hold_id,
      originBranch: r.origin_branch,
      marking: r.marking,
      rule: r.rule,
      markedAt: r.marked_at,
      markedBy: r.marked_by,
      destination: r.destination,
      weightKg: r.weight_kg,
      feeYuan: r.fee_yuan,
      heldBy: r.held_by,
    }),
  );

const originTaskRow: z.ZodType<OriginTask> = z
  .object({
    id: z.string().min(1),
    tracking_no: z.string().min(1),
    rule: z.enum(["SOP-38", "SOP-45"]),
    note_id: z.string().min(1),
    origin_branch: nullableText,
    text: z.string().min(1),
    created_at: timestamp,
    sent_at: timestamp.nullable(),
    sent_by: nullableText,
  })
  .transform(
    (r): OriginTask => ({
      id: r.id,
      trackingNo: r.tracking_no,
      rule: r.rule,
      noteId: r.note_id,
      originBranch: r.origin_branch,
      text: r.text,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      sentBy: r.sent_by,
    }),
  );

export function returnRepository(db: Db): ReturnRepository {
  return {
    async insert(r) {
      await atomically(db, async (trx) => {
        await ensureParcel(trx, r.trackingNo, r.markedAt);
        try {
          await trx
            .insertInto("parcel_returns")
            .values({
              id: r.id,
              tracking_no: r.trackingNo,
              hold_id: r.holdId,
              origin_branch: r.originBranch,
              marking: r.marking,
              rule: r.rule,
              marked_at: r.markedAt,
              marked_by: r.markedBy,
              destination: r.destination,
              weight_kg: r.weightKg,
              fee_yuan: r.feeYuan,
              held_by: r.heldBy,
            })
            .execute();
        } catch (error) {
          asConflict(error, (constraint) =>
            constraint === "parcel_returns_one_per_parcel"
              ? `parcel ${r.trackingNo} is already marked for return`
              : `return ${r.id} already exists`,
          );
        }
      });
    },

    async get(id) {
      const row = await db.selectFrom("parcel_returns").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : parseRow(returnRow, "parcel_returns", row);
    },

    async forParcel(trackingNo) {
      const row = await db
        .selectFrom("parcel_returns")
        .selectAll()
        .where("tracking_no", "=", trackingNo)
        .executeTakeFirst();
      return row === undefined ? undefined : parseRow(returnRow, "parcel_returns", row);
    },

    async listNotScannedOut(limit = DEFAULT_LIST_LIMIT) {
      const rows = await db
        .selectFrom("parcel_returns as r")
        .selectAll("r")
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("scans as s")
                .select(sql<number>`1`.as("one"))
                .whereRef("s.tracking_no", "=", "r.tracking_no")
                .where("s.kind", "in", SCANNED_OUT_KINDS)
                .whereRef("s.at", ">=", "r.marked_at"),
            ),
          ),
        )
        .orderBy("r.marked_at")
        .orderBy("r.id")
        .limit(limit)
        .execute();
      return parseRows(returnRow, "parcel_returns", rows);
    },
  };
}

export function originTaskRepository(db: Db): OriginTaskRepository {
  return {
    async insert(task) {
      try {
        await db
          .insertInto("origin_tasks")
          .values({
            id: task.id,
            tracking_no: task.trackingNo,
            rule: task.rule,
            note_id: task.noteId,
            origin_branch: task.originBranch,
            text: task.text,
            created_at: task.createdAt,
            sent_at: task.sentAt,
            sent_by: task.sentBy,
          })
          .execute();
      } catch (error) {
        asConflict(error, () => `origin task ${task.id} already exists`);
      }
    },

    async get(id) {
      const row = await db.selectFrom("origin_tasks").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : parseRow(originTaskRow, "origin_tasks", row);
    },

    async markSent(id, at, personId) {
      const row = await db
        .updateTable("origin_tasks")
        .set({ sent_at: at, sent_by: personId })
        .where("id", "=", id)
        .where("sent_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : parseRow(originTaskRow, "origin_tasks", row);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const rows = await db
        .selectFrom("origin_tasks")
        .selectAll()
        .where("sent_at", "is", null)
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(originTaskRow, "origin_tasks", rows);
    },
  };
}
