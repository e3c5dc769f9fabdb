import type { ProblemNoteRepository } from "../domain/ports";
import { atomically, type Db, ensureParcel } from "./db";
import { parseRows, problemNoteRow, toJson } from "./rows";

export function problemNoteRepository(db: Db): ProblemNoteRepository {
  return {
    async insert(note) {
      await atomically(db, async (trx) => {
        await ensureParcel(trx, note.trackingNo, note.recordedAt);
        await trx
          .insertInto("problem_notes")
          .values({
            id: note.id,
            tracking_no: note.trackingNo,
            category: note.category,
            details: toJson(note.details),
            counts_as_delayed: note.countsAsDelayed,
            follow_ups: note.followUps,
            recorded_by: note.recordedBy,
            recorded_at: note.recordedAt,
          })
          .execute();
      });
    },

    async listByParcel(trackingNo) {
      const rows = await db
        .selectFrom("problem_notes")
        .selectAll()
        .where("tracking_no", "=", trackingNo)
        .orderBy("recorded_at", "desc")
        .orderBy("id")
        .execute();
      return parseRows(problemNoteRow, "problem_notes", rows);
    },
  };
}
