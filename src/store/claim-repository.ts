import type { Updateable } from "kysely";
import { z } from "zod";
import { chatRefSchema, LANGUAGES } from "../domain/kernel/chat";
import type { ClaimRepository } from "../domain/ports";
import { CLAIM_KINDS, CLAIM_PAYOUTS, type Claim, type ClaimChange } from "../domain/ports/claims-records";
import type { Db } from "./db";
import { DEFAULT_LIST_LIMIT } from "./db";
import { parseRow, parseRows, toJson } from "./rows";
import type { ClaimsTable } from "./schema";

/** Compensation claims (SOP-70..SOP-72), with what the desk records on them (migration 0006). */

const timestamp = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);
const nullableTimestamp = timestamp.nullable();
const nonEmpty = z.string().min(1);
const fen = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).nullable();

export const claimRow: z.ZodType<Claim> = z
  .object({
    id: nonEmpty,
    tracking_no: nonEmpty,
    kind: z.enum(CLAIM_KINDS),
    customer: chatRefSchema.nullable(),
    language: z.enum(LANGUAGES),
    description: z.string(),
    photos: z.array(z.string()),
    opened_at: timestamp,
    due_at: timestamp,
    opened_by: nonEmpty,
    holder: z.string().nullable(),
    contacted_at: nullableTimestamp,
    outcome: z.enum(["settled", "refused"]).nullable(),
    closed_at: nullableTimestamp,
    closed_by: z.string().nullable(),
    amount_fen: fen,
    paid_by: z.enum(CLAIM_PAYOUTS).nullable(),
    settled_at: nullableTimestamp,
    refusal_reason: z.string().nullable(),
    note: z.string().nullable(),
  })
  .transform(
    (r): Claim => ({
      id: r.id,
      trackingNo: r.tracking_no,
      kind: r.kind,
      customer: r.customer,
      language: r.language,
      description: r.description,
      photos: r.photos,
      openedAt: r.opened_at,
      dueAt: r.due_at,
      openedBy: r.opened_by,
      holder: r.holder,
      contactedAt: r.contacted_at,
      outcome: r.outcome,
      closedAt: r.closed_at,
      closedBy: r.closed_by,
      amountFen: r.amount_fen,
      paidBy: r.paid_by,
      settledAt: r.settled_at,
      refusalReason: r.refusal_reason,
      note: r.note,
    }),
  );

type ClaimUpdate = Updateable<ClaimsTable>;

function columns(change: ClaimChange): ClaimUpdate {
  const set: ClaimUpdate = {};
  if (change.holder !== undefined) set.holder = change.holder;
  if (change.contactedAt !== undefined) set.contacted_at = change.contactedAt;
  if (change.outcome !== undefined) set.outcome = change.outcome;
  if (change.closedAt !== undefined) set.closed_at = change.closedAt;
  if (change.closedBy !== undefined) set.closed_by = change.closedBy;
  if (change.amountFen !== undefined) set.amount_fen = change.amountFen;
  if (change.paidBy !== undefined) set.paid_by = change.paidBy;
  if (change.settledAt !== undefined) set.settled_at = change.settledAt;
  if (change.refusalReason !== undefined) set.refusal_reason = change.refusalReason;
  if (change.note !== undefined) set.note = change.note;
  return set;
}

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
          language: claim.language,
          description: claim.description,
          photos: claim.photos,
          opened_at: claim.openedAt,
          due_at: claim.dueAt,
          opened_by: claim.openedBy,
          holder: claim.holder,
          contacted_at: claim.contactedAt,
          outcome: claim.outcome,
          closed_at: claim.closedAt,
          closed_by: claim.closedBy,
          amount_fen: claim.amountFen,
          paid_by: claim.paidBy,
          settled_at: claim.settledAt,
          refusal_reason: claim.refusalReason,
          note: claim.note,
        })
        .execute();
    },

    async get(id) {
      const row = await db.selectFrom("claims").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : parseRow(claimRow, "claims", row);
    },

    async updateOpen(id, change, expected) {
      const set = columns(change);
      let query = db.updateTable("claims").where("id", "=", id).where("closed_at", "is", null);
      if (expected && expected.holder !== undefined) {
        query =
          expected.holder === null
            ? query.where("holder", "is", null)
            : query.where("holder", "=", expected.holder);
      }
      // An empty change still checks (and returns) the open claim.
      const row = await (Object.keys(set).length === 0 ? query.set({ id }) : query.set(set))
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : parseRow(claimRow, "claims", row);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const rows = await db
        .selectFrom("claims")
        .selectAll()
        .where("closed_at", "is", null)
        .orderBy("due_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(claimRow, "claims", rows);
    },

    async listOpenByParcel(trackingNo) {
      const rows = await db
        .selectFrom("claims")
        .selectAll()
        .where("tracking_no", "=", trackingNo)
        .where("closed_at", "is", null)
        .orderBy("opened_at")
        .orderBy("id")
        .execute();
      return parseRows(claimRow, "claims", rows);
    },
  };
}
