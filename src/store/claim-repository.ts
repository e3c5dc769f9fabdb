import type { ClaimRepository } from "../domain/ports";
import type { Db } from "./db";
import { DEFAULT_LIST_LIMIT } from "./db";
import { claimRow, parseRow, parseRows, toJson } from "./rows";

export function claimRepository(db: Db): ClaimRepository {
  return {
    async insert(claim) {
      await db
        .insertInto("claims")
        .values({
          id: claim.id,
          tracking_no: claim.trackingNo,
          kind: claim.kind,
          customer: claim.customer === null ? null : toJson(claim.customer),
          opened_at: claim.openedAt,
          due_at: claim.dueAt,
          opened_by: claim.openedBy,
          settled_at: claim.settledAt,
          note: claim.note,
        })
        .execute();
    },

    async get(id) {
      const row = await db.selectFrom("claims").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : parseRow(claimRow, "claims", row);
    },

    async settle(id, at, note) {
      // Compare and set: a claim is settled once (SOP-70, SOP-71); a second settle gets undefined.
      const row = await db
        .updateTable("claims")
        .set({ settled_at: at, note })
        .where("id", "=", id)
        .where("settled_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : parseRow(claimRow, "claims", row);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const rows = await db
        .selectFrom("claims")
        .selectAll()
        .where("settled_at", "is", null)
        .orderBy("due_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(claimRow, "claims", rows);
    },
  };
}
