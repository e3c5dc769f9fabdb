import type { SubscriptionRepository } from "../domain/ports";
import type { Db } from "./db";
import { parseRows, subscriptionRow } from "./rows";

export function subscriptionRepository(db: Db): SubscriptionRepository {
  return {
    async subscribe(subscription) {
      // Idempotent: one subscription per parcel and chat; following again updates the language.
      await db
        .insertInto("subscriptions")
        .values({
          tracking_no: subscription.trackingNo,
          channel: subscription.chat.channel,
          chat_id: subscription.chat.chatId,
          user_id: subscription.chat.userId ?? null,
          language: subscription.language,
          created_at: subscription.createdAt,
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
  };
}
