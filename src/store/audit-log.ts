import type { AuditLog } from "../domain/ports";
import type { Db } from "./db";
import { DEFAULT_LIST_LIMIT } from "./db";
import { auditRow, parseRows, toJson } from "./rows";

/** Append-only: there is no update or delete here, and the table's triggers refuse them too. */
export function auditLog(db: Db): AuditLog {
  return {
    async append(entry) {
      await db
        .insertInto("audit_log")
        .values({
          at: entry.at,
          actor: toJson(entry.actor),
          action: entry.action,
          subject: entry.subject,
          data: toJson(entry.data),
        })
        .execute();
    },

    /** Newest first. */
    async list(filter) {
      let q = db.selectFrom("audit_log").selectAll();
      if (filter.subject !== undefined) q = q.where("subject", "=", filter.subject);
      const rows = await q
        .orderBy("id", "desc")
        .limit(filter.limit ?? DEFAULT_LIST_LIMIT)
        .execute();
      return parseRows(auditRow, "audit_log", rows);
    },
  };
}
