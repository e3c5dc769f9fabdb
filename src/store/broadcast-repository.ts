import { sql } from "kysely";
import { z } from "zod";
import type {
  AcknowledgeOutcome,
  Broadcast,
  BroadcastRepository,
  WorkloadRepository,
} from "../domain/ports/broadcast-records";
import { atomically, type Db } from "./db";
import { parseRows } from "./rows";

/** SOP-83 broadcasts and their recipients; SOP-90 queries answered per person. */

const timestamp = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);

const broadcastRow = z.object({
  id: z.string().min(1),
  sent_by: z.string().min(1),
  text: z.string().min(1),
  sent_at: timestamp,
});

const recipientRow = z.object({
  broadcast_id: z.string().min(1),
  person_id: z.string().min(1),
  acknowledged_at: timestamp.nullable(),
});

const countRow = z.object({
  person_id: z.string().min(1),
  count: z.union([z.number().int(), z.string().regex(/^\d+$/), z.bigint()]).transform(Number),
});

async function withRecipients(db: Db, rows: readonly unknown[]): Promise<Broadcast[]> {
  const broadcasts = parseRows(broadcastRow, "broadcasts", rows);
  if (broadcasts.length === 0) return [];
  const recipients = parseRows(
    recipientRow,
    "broadcast_recipients",
    await db
      .selectFrom("broadcast_recipients")
      .select(["broadcast_id", "person_id", "acknowledged_at"])
      .where(
        "broadcast_id",
        "in",
        broadcasts.map((b) => b.id),
      )
      .orderBy("broadcast_id")
      .orderBy("seq")
      .execute(),
  );
  return broadcasts.map((b) => ({
    id: b.id,
    sentBy: b.sent_by,
    text: b.text,
    sentAt: b.sent_at,
    recipients: recipients
      .filter((r) => r.broadcast_id === b.id)
      .map((r) => ({ personId: r.person_id, acknowledgedAt: r.acknowledged_at })),
  }));
}

export function broadcastRepository(db: Db): BroadcastRepository {
  return {
    async insert(broadcast) {
      await atomically(db, async (trx) => {
        await trx
          .insertInto("broadcasts")
          .values({
            id: broadcast.id,
            sent_by: broadcast.sentBy,
            text: broadcast.text,
            sent_at: broadcast.sentAt,
          })
          .execute();
        if (broadcast.recipients.length === 0) return;
        await trx
          .insertInto("broadcast_recipients")
          .values(
            broadcast.recipients.map((r, seq) => ({
              broadcast_id: broadcast.id,
              person_id: r.personId,
              seq,
              acknowledged_at: r.acknowledgedAt,
            })),
          )
          .execute();
      });
    },

    async get(id) {
      const rows = await db.selectFrom("broadcasts").selectAll().where("id", "=", id).execute();
      return (await withRecipients(db, rows))[0];
    },

    async acknowledge(id, personId, at): Promise<AcknowledgeOutcome> {
      // Compare and set: of two taps only the first records a time.
      const updated = await db
        .updateTable("broadcast_recipients")
        .set({ acknowledged_at: at })
        .where("broadcast_id", "=", id)
        .where("person_id", "=", personId)
        .where("acknowledged_at", "is", null)
        .returning("person_id")
        .executeTakeFirst();
      if (updated) return "acknowledged";
      const recipient = await db
        .selectFrom("broadcast_recipients")
        .select("person_id")
        .where("broadcast_id", "=", id)
        .where("person_id", "=", personId)
        .executeTakeFirst();
      if (recipient) return "already";
      const broadcast = await db
        .selectFrom("broadcasts")
        .select("id")
        .where("id", "=", id)
        .executeTakeFirst();
      return broadcast ? "not_recipient" : "not_found";
    },

    async listRecent(limit) {
      const rows = await db
        .selectFrom("broadcasts")
        .selectAll()
        .orderBy("sent_at", "desc")
        .orderBy("id")
        .limit(limit)
        .execute();
      return withRecipients(db, rows);
    },
  };
}

export function workloadRepository(db: Db): WorkloadRepository {
  return {
    async answeredCounts(from, to) {
      const rows = await db
        .selectFrom("queries")
        .select(["answered_by as person_id", sql<number>`count(*)`.as("count")])
        .where("answered_at", ">=", from)
        .where("answered_at", "<", to)
        .where("answered_by", "is not", null)
        .groupBy("answered_by")
        .orderBy("answered_by")
        .execute();
      return parseRows(countRow, "queries", rows).map((r) => ({ personId: r.person_id, count: r.count }));
    },
  };
}
