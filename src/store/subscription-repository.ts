import { sql } from "kysely";
import type { ChatRef } from "../domain/kernel/chat";
import type { SubscriptionRepository } from "../domain/ports";
import type { ChatKey } from "../domain/ports/following-records";
import type { Db } from "./db";
import { READ_CACHE_MARK } from "./pglite-dialect";
import { parseRows, subscriptionRow, withOwnDates } from "./rows";

async function setEveryScan(db: Db, trackingNo: string, chat: ChatRef, everyScan: boolean): Promise<boolean> {
  const result = await db
    .updateTable("subscriptions")
    .set({ every_scan: everyScan })
    .where("tracking_no", "=", trackingNo)
    .where("channel", "=", chat.channel)
    .where("chat_id", "=", chat.chatId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Issue 17: the parcels a chat follows, newest following first. */
async function followedBy(db: Db, chat: ChatKey) {
  const rows = await db
    .selectFrom("subscriptions")
    .selectAll()
    .where("channel", "=", chat.channel)
    .where("chat_id", "=", chat.chatId)
    .orderBy("created_at", "desc")
    .orderBy("tracking_no")
    .execute();
  return parseRows(subscriptionRow, "subscriptions", rows);
}

export function subscriptionRepository(db: Db): SubscriptionRepository {
  return {
    async subscribe(subscription) {
      // Idempotent: one subscription per parcel and chat; following again updates the language
      // (and keeps what the chat chose: every scan or not).
      await db
        .insertInto("subscriptions")
        .values({
          tracking_no: subscription.trackingNo,
          channel: subscription.chat.channel,
          chat_id: subscription.chat.chatId,
          user_id: subscription.chat.userId ?? null,
          language: subscription.language,
          created_at: subscription.createdAt,
          ...(subscription.everyScan === undefined ? {} : { every_scan: subscription.everyScan }),
        })
        .onConflict((oc) =>
          oc.columns(["tracking_no", "channel", "chat_id"]).doUpdateSet((eb) => ({
            language: eb.ref("excluded.language"),
            user_id: eb.ref("excluded.user_id"),
          })),
        )
        .execute();
    },

    async unsubscribe(trackingNo, chat) {
      await db
        .deleteFrom("subscriptions")
        .where("tracking_no", "=", trackingNo)
        .where("channel", "=", chat.channel)
        .where("chat_id", "=", chat.chatId)
        .execute();
    },

    async subscribers(trackingNo) {
      const rows = await db
        .selectFrom("subscriptions")
        .selectAll()
        .where("tracking_no", "=", trackingNo)
        .orderBy("created_at")
        .orderBy("channel")
        .orderBy("chat_id")
        .execute();
      return parseRows(subscriptionRow, "subscriptions", rows);
    },

    async get(trackingNo, chat) {
      // Read on every tracking answer (issue 15): SQL text, not the query builder (its building
      // cost as much as the read), marked for PGlite's read cache (pglite-dialect.ts). The parcel's
      // few followers are read and this chat's row picked here, so that the read is the same for
      // every chat asking about the parcel and the cache answers it again.
      const { rows } = await sql<Record<string, unknown>>`${sql.raw(READ_CACHE_MARK)}
        select * from subscriptions where tracking_no = ${trackingNo}`.execute(db);
      const row = rows.find((r) => r.channel === chat.channel && r.chat_id === chat.chatId);
      return row === undefined
        ? undefined
        : parseRows(subscriptionRow, "subscriptions", [withOwnDates(row)])[0];
    },

    setEveryScan: (trackingNo, chat, everyScan) => setEveryScan(db, trackingNo, chat, everyScan),

    async subscribersOf(trackingNos) {
      if (trackingNos.length === 0) return [];
      // One array parameter, not one parameter per number: a batch names thousands of parcels.
      const rows = await db
        .selectFrom("subscriptions")
        .selectAll()
        .where(sql<boolean>`tracking_no = any(${[...new Set(trackingNos)]}::text[])`)
        .orderBy("tracking_no")
        .orderBy("created_at")
        .orderBy("channel")
        .orderBy("chat_id")
        .execute();
      return parseRows(subscriptionRow, "subscriptions", rows);
    },

    followedBy: (chat) => followedBy(db, chat),

    async unsubscribeChat(chat) {
      const result = await db
        .deleteFrom("subscriptions")
        .where("channel", "=", chat.channel)
        .where("chat_id", "=", chat.chatId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
