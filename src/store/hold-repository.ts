import type { Insertable, Updateable } from "kysely";
import type { HoldExpectation, HoldRepository } from "../domain/ports";
import type { SelfPickupHold } from "../domain/ports/records";
import { atomically, type Db, DEFAULT_LIST_LIMIT, ensureParcel } from "./db";
import { asConflict, holdRow, parseRow, parseRows } from "./rows";
import type { HoldsTable } from "./schema";

type HoldChange = Parameters<HoldRepository["updateOpen"]>[1];

function holdValues(hold: SelfPickupHold): Insertable<HoldsTable> {
  return {
    id: hold.id,
    tracking_no: hold.trackingNo,
    place: hold.place,
    origin_branch: hold.originBranch,
    held_at: hold.heldAt,
    origin_messaged_at: hold.originMessagedAt,
    origin_replied_at: hold.originRepliedAt,
    marked_for_return_at: hold.markedForReturnAt,
    closed_at: hold.closedAt,
    close_reason: hold.closeReason,
  };
}

function changeColumns(change: HoldChange): Updateable<HoldsTable> {
  const set: Updateable<HoldsTable> = {};
  if (change.originMessagedAt !== undefined) set.origin_messaged_at = change.originMessagedAt;
  if (change.originRepliedAt !== undefined) set.origin_replied_at = change.originRepliedAt;
  if (change.markedForReturnAt !== undefined) set.marked_for_return_at = change.markedForReturnAt;
  if (change.closedAt !== undefined) set.closed_at = change.closedAt;
  if (change.closeReason !== undefined) set.close_reason = change.closeReason;
  return set;
}

/** The steps updateOpen can expect still unrecorded, and their columns. */
const EXPECTABLE = [
  ["originMessagedAt", "origin_messaged_at"],
  ["originRepliedAt", "origin_replied_at"],
  ["markedForReturnAt", "marked_for_return_at"],
] as const satisfies readonly (readonly [keyof HoldExpectation, keyof HoldsTable])[];

/**
 * Compare and set: only an open hold changes (closing it is the last change it takes), and only
 * while the steps the caller expects unrecorded still are. With nothing to change it only checks.
 */
async function updateOpenHold(
  db: Db,
  id: string,
  change: HoldChange,
  expected: HoldExpectation,
): Promise<SelfPickupHold | undefined> {
  const set = changeColumns(change);
  const unrecorded = EXPECTABLE.filter(([key]) => expected[key] === null).map(([, column]) => column);
  const row =
    Object.keys(set).length === 0
      ? await db
          .selectFrom("holds")
          .selectAll()
          .where("id", "=", id)
          .where("closed_at", "is", null)
          .$call((q) => unrecorded.reduce((acc, column) => acc.where(column, "is", null), q))
          .executeTakeFirst()
      : await db
          .updateTable("holds")
          .set(set)
          .where("id", "=", id)
          .where("closed_at", "is", null)
          .$call((q) => unrecorded.reduce((acc, column) => acc.where(column, "is", null), q))
          .returningAll()
          .executeTakeFirst();
  return row === undefined ? undefined : parseRow(holdRow, "holds", row);
}

export function holdRepository(db: Db): HoldRepository {
  return {
    async insert(hold) {
      await atomically(db, async (trx) => {
        await ensureParcel(trx, hold.trackingNo, hold.heldAt);
        try {
          await trx.insertInto("holds").values(holdValues(hold)).execute();
        } catch (error) {
          asConflict(error, (constraint) =>
            constraint === "holds_one_open_per_parcel"
              ? `parcel ${hold.trackingNo} already has an open self-pickup hold`
              : `hold ${hold.id} already exists`,
          );
        }
      });
    },

    async get(id) {
      const row = await db.selectFrom("holds").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : parseRow(holdRow, "holds", row);
    },

    async openForParcel(trackingNo) {
      const row = await db
        .selectFrom("holds")
        .selectAll()
        .where("tracking_no", "=", trackingNo)
        .where("closed_at", "is", null)
        .executeTakeFirst();
      return row === undefined ? undefined : parseRow(holdRow, "holds", row);
    },

    async openForParcels(trackingNos) {
      if (trackingNos.length === 0) return [];
      const rows = await db
        .selectFrom("holds")
        .selectAll()
        .where("tracking_no", "in", [...new Set(trackingNos)])
        .where("closed_at", "is", null)
        .execute();
      return parseRows(holdRow, "holds", rows);
    },

    updateOpen(id, change, expected = {}) {
      return updateOpenHold(db, id, change, expected);
    },

    async listOpen(limit = DEFAULT_LIST_LIMIT) {
      const rows = await db
        .selectFrom("holds")
        .selectAll()
        .where("closed_at", "is", null)
        .orderBy("held_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(holdRow, "holds", rows);
    },
  };
}
