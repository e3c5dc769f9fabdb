import type { Updateable } from "kysely";
import { z } from "zod";
import { chatRefSchema, LANGUAGES } from "../domain/kernel/chat";
import type { ComplaintRepository } from "../domain/ports";
import { COMPLAINT_LEVELS, type Complaint, type ComplaintChange } from "../domain/ports/claims-records";
import type { Db } from "./db";
import { DEFAULT_LIST_LIMIT } from "./db";
import { parseRow, parseRows, queryRow, toJson } from "./rows";
import type { ComplaintsTable } from "./schema";

/** Complaints (SOP-82, SOP-11's fine; migration 0006). */

const timestamp = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);
const nullableTimestamp = timestamp.nullable();
const nonEmpty = z.string().min(1);

export const complaintRow: z.ZodType<Complaint> = z
  .object({
    id: nonEmpty,
    customer: chatRefSchema.nullable(),
    language: z.enum(LANGUAGES),
    tracking_no: z.string().nullable(),
    query_id: z.string().nullable(),
    from_branch: z.string().nullable(),
    text: nonEmpty,
    level: z.enum(COMPLAINT_LEVELS),
    opened_at: timestamp,
    opened_by: nonEmpty,
    level_since: timestamp,
    acted_at: nullableTimestamp,
    branch_acted_at: nullableTimestamp,
    escalate_at: nullableTimestamp,
    fine_yuan: z.number().int().nullable(),
    closed_at: nullableTimestamp,
    closed_by: z.string().nullable(),
    resolution: z.string().nullable(),
  })
  .transform(
    (r): Complaint => ({
      id: r.id,
      customer: r.customer,
      language: r.language,
      trackingNo: r.tracking_no,
      queryId: r.query_id,
      fromBranch: r.from_branch,
      text: r.text,
      level: r.level,
      openedAt: r.opened_at,
      openedBy: r.opened_by,
      levelSince: r.level_since,
      actedAt: r.acted_at,
      branchActedAt: r.branch_acted_at,
      escalateAt: r.escalate_at,
      fineYuan: r.fine_yuan,
      closedAt: r.closed_at,
      closedBy: r.closed_by,
      resolution: r.resolution,
    }),
  );

type ComplaintUpdate = Updateable<ComplaintsTable>;

function columns(change: ComplaintChange): ComplaintUpdate {
  const set: ComplaintUpdate = {};
  if (change.level !== undefined) set.level = change.level;
  if (change.levelSince !== undefined) set.level_since = change.levelSince;
  if (change.actedAt !== undefined) set.acted_at = change.actedAt;
  if (change.branchActedAt !== undefined) set.branch_acted_at = change.branchActedAt;
  if (change.escalateAt !== undefined) set.escalate_at = change.escalateAt;
  if (change.closedAt !== undefined) set.closed_at = change.closedAt;
  if (change.closedBy !== undefined) set.closed_by = change.closedBy;
  if (change.resolution !== undefined) set.resolution = change.resolution;
  return set;
}

export function complaintRepository(db: Db): ComplaintRepository {
  return {
    async insert(c) {
      await db
        .insertInto("complaints")
        .values({
          id: c.id,
          customer: c.customer === null ? null : toJson(c.customer),
          language: c.language,
          tracking_no: c.trackingNo,
          query_id: c.queryId,
          from_branch: c.fromBranch,
          text: c.text,
          level: c.level,
          opened_at: c.openedAt,
          opened_by: c.openedBy,
          level_since: c.levelSince,
          acted_at: c.actedAt,
          branch_acted_at: c.branchActedAt,
          escalate_at: c.escalateAt,
          fine_yuan: c.fineYuan,
          closed_at: c.closedAt,
          closed_by: c.closedBy,
          resolution: c.resolution,
        })
        .execute();
    },

    async get(id) {
      const row = await db.selectFrom("complaints").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : parseRow(complaintRow, "complaints", row);
    },

    async updateOpen(id, change, expected) {
      const set = columns(change);
      let query = db.updateTable("complaints").where("id", "=", id).where("closed_at", "is", null);
      if (expected?.level !== undefined) query = query.where("level", "=", expected.level);
      const row = await (Object.keys(set).length === 0 ? query.set({ id }) : query.set(set))
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : parseRow(complaintRow, "complaints", row);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const rows = await db
        .selectFrom("complaints")
        .selectAll()
        .where("closed_at", "is", null)
        .orderBy("opened_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(complaintRow, "complaints", rows);
    },

    async branchQueriesAbout(trackingNo) {
      const rows = await db
        .selectFrom("queries")
        .selectAll()
        .where("tracking_no", "=", trackingNo)
        .where("kind", "=", "branch")
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(DEFAULT_LIST_LIMIT)
        .execute();
      return parseRows(queryRow, "queries", rows);
    },
  };
}
