import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

/** The database, or one transaction on it: repositories work on either. */
export type Db = Kysely<Database>;

/** How many rows a list returns when the caller names no limit. */
export const DEFAULT_LIST_LIMIT = 100;

/**
 * Runs `work` atomically: inside the caller's transaction when there is one, else in a
 * transaction of its own (a repository method that writes two tables never half-writes).
 */
export async function atomically<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute((trx: Transaction<Database>) => work(trx));
}

/** Makes sure the parcel row exists (the first thing the desk learns of a parcel creates it). */
export async function ensureParcel(db: Db, trackingNo: string, seenAt: Date): Promise<void> {
  await db
    .insertInto("parcels")
    .values({ tracking_no: trackingNo, first_seen_at: seenAt })
    .onConflict((oc) => oc.column("tracking_no").doNothing())
    .execute();
}
