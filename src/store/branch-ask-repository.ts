import { z } from "zod";
import type { BranchAsk, BranchAskRepository } from "../domain/ports/branch-ask-records";
import type { Db } from "./db";
import { parseRow, parseRows } from "./rows";

/** SOP-13: queries raised to another branch (branch_asks, migration 0009_branch_asks). */

const timestamp = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);

const branchAskRow: z.ZodType<BranchAsk> = z
  .object({
    id: z.string().min(1),
    tracking_no: z.string().min(1),
    branch: z.string().min(1),
    question: z.string().min(1),
    query_id: z.string().nullable(),
    asked_by: z.string().min(1),
    asked_at: timestamp,
    due_at: timestamp,
    status: z.enum(["open", "answered"]),
    answer: z.string().nullable(),
    answered_at: timestamp.nullable(),
    answered_by: z.string().nullable(),
  })
  .transform(
    (r): BranchAsk => ({
      id: r.id,
      trackingNo: r.tracking_no,
      branch: r.branch,
      question: r.question,
      queryId: r.query_id,
      askedBy: r.asked_by,
      askedAt: r.asked_at,
      dueAt: r.due_at,
      status: r.status,
      answer: r.answer,
      answeredAt: r.answered_at,
      answeredBy: r.answered_by,
    }),
  );

const TABLE = "branch_asks";

export function branchAskRepository(db: Db): BranchAskRepository {
  return {
    async insert(ask) {
      await db
        .insertInto(TABLE)
        .values({
          id: ask.id,
          tracking_no: ask.trackingNo,
          branch: ask.branch,
          question: ask.question,
          query_id: ask.queryId,
          asked_by: ask.askedBy,
          asked_at: ask.askedAt,
          due_at: ask.dueAt,
          status: ask.status,
          answer: ask.answer,
          answered_at: ask.answeredAt,
          answered_by: ask.answeredBy,
        })
        .execute();
    },

    async get(id) {
      const row = await db.selectFrom(TABLE).selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : parseRow(branchAskRow, TABLE, row);
    },

    async listOpen(limit) {
      const rows = await db
        .selectFrom(TABLE)
        .selectAll()
        .where("status", "=", "open")
        .orderBy("due_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(branchAskRow, TABLE, rows);
    },

    async listByQuery(queryId) {
      const rows = await db
        .selectFrom(TABLE)
        .selectAll()
        .where("query_id", "=", queryId)
        .orderBy("asked_at")
        .orderBy("id")
        .execute();
      return parseRows(branchAskRow, TABLE, rows);
    },

    async recordAnswer(id, answer) {
      const row = await db
        .updateTable(TABLE)
        .set({
          status: "answered",
          answer: answer.answer,
          answered_at: answer.answeredAt,
          answered_by: answer.answeredBy,
        })
        .where("id", "=", id)
        .where("status", "=", "open")
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : parseRow(branchAskRow, TABLE, row);
    },
  };
}
