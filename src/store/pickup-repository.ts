import { type Insertable, sql } from "kysely";
import type { PickupRepository } from "../domain/ports";
import type { PickupEvent, PickupRequest, PickupStatus } from "../domain/ports/records";
import { atomically, type Db, DEFAULT_LIST_LIMIT } from "./db";
import { parseRow, parseRows, pickupEventRow, pickupRow, toJson } from "./rows";
import type { PickupsTable } from "./schema";

// pickup_day is a date; read as text, since the drivers would turn it into a local-midnight Date.
const pickupColumns = [
  "id",
  "customer_channel",
  "customer_chat_id",
  "customer_user_id",
  "language",
  "contact_name",
  "phone",
  "address",
  "zone_id",
  "goods",
  "payment",
  sql<string>`pickup_day::text`.as("pickup_day"),
  "earliest_at",
  "morning",
  "by_air",
  "destination",
  "status",
  "courier_id",
  "created_at",
  "updated_at",
] as const;

type PickupChange = Parameters<PickupRepository["transition"]>[2];
type CourierExpectation = Parameters<PickupRepository["transition"]>[4];

function pickupValues(pickup: PickupRequest): Insertable<PickupsTable> {
  return {
    id: pickup.id,
    customer_channel: pickup.customer.channel,
    customer_chat_id: pickup.customer.chatId,
    customer_user_id: pickup.customer.userId ?? null,
    language: pickup.language,
    contact_name: pickup.contactName,
    phone: pickup.phone,
    address: pickup.address,
    zone_id: pickup.zoneId,
    goods: pickup.goods,
    payment: pickup.payment,
    pickup_day: pickup.pickupDay,
    earliest_at: pickup.earliestAt,
    morning: pickup.morning,
    by_air: pickup.byAir,
    destination: pickup.destination ?? null,
    status: pickup.status,
    courier_id: pickup.courierId,
    created_at: pickup.createdAt,
    updated_at: pickup.updatedAt,
  };
}

async function insertEvent(db: Db, event: PickupEvent): Promise<void> {
  await db
    .insertInto("pickup_events")
    .values({
      pickup_id: event.pickupId,
      at: event.at,
      event: event.event,
      actor: toJson(event.actor),
      note: event.note,
    })
    .execute();
}

async function transitionPickup(
  db: Db,
  id: string,
  from: readonly PickupStatus[],
  change: PickupChange,
  event: PickupEvent,
  expected: CourierExpectation,
): Promise<PickupRequest | undefined> {
  if (from.length === 0) return undefined;
  const courier = expected?.courierId;
  return atomically(db, async (trx) => {
    // Compare and set: the status moves only from one of `from` (and, when expected, only while
    // the pickup is still with that courier); the loser of a race gets undefined.
    const row = await trx
      .updateTable("pickups")
      .set({
        ...(change.status !== undefined ? { status: change.status } : {}),
        ...(change.courierId !== undefined ? { courier_id: change.courierId } : {}),
        updated_at: event.at,
      })
      .where("id", "=", id)
      .where("status", "in", from)
      .$if(expected !== undefined, (q) =>
        courier === null || courier === undefined
          ? q.where("courier_id", "is", null)
          : q.where("courier_id", "=", courier),
      )
      .returning(pickupColumns)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    await insertEvent(trx, { ...event, pickupId: id });
    return parseRow(pickupRow, "pickups", row);
  });
}

export function pickupRepository(db: Db): PickupRepository {
  return {
    async insert(pickup, first) {
      if (first.pickupId !== pickup.id) {
        throw new Error(`pickup ${pickup.id}: its first event belongs to pickup ${first.pickupId}`);
      }
      await atomically(db, async (trx) => {
        await trx.insertInto("pickups").values(pickupValues(pickup)).execute();
        await insertEvent(trx, first);
      });
    },

    async get(id) {
      const row = await db
        .selectFrom("pickups")
        .select(pickupColumns)
        .where("id", "=", id)
        .executeTakeFirst();
      return row === undefined ? undefined : parseRow(pickupRow, "pickups", row);
    },

    transition(id, from, change, event, expected) {
      return transitionPickup(db, id, from, change, event, expected);
    },

    async addEvent(event) {
      await insertEvent(db, event);
    },

    async events(id) {
      const rows = await db
        .selectFrom("pickup_events")
        .selectAll()
        .where("pickup_id", "=", id)
        .orderBy("at")
        .orderBy("id")
        .execute();
      return parseRows(pickupEventRow, "pickup_events", rows);
    },

    async listByCustomer(chat, statuses) {
      if (statuses.length === 0) return [];
      let q = db
        .selectFrom("pickups")
        .select(pickupColumns)
        .where("customer_channel", "=", chat.channel)
        .where("customer_chat_id", "=", chat.chatId)
        .where("status", "in", statuses);
      if (chat.userId !== undefined) q = q.where("customer_user_id", "=", chat.userId);
      const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").execute();
      return parseRows(pickupRow, "pickups", rows);
    },

    async listByStatus(statuses, limit = DEFAULT_LIST_LIMIT) {
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom("pickups")
        .select(pickupColumns)
        .where("status", "in", statuses)
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(pickupRow, "pickups", rows);
    },

    async listByCourier(courierId, statuses, limit = DEFAULT_LIST_LIMIT, createdSince) {
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom("pickups")
        .select(pickupColumns)
        .where("courier_id", "=", courierId)
        .where("status", "in", statuses)
        .$if(createdSince !== undefined, (q) => q.where("created_at", ">=", createdSince as Date))
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return parseRows(pickupRow, "pickups", rows);
    },
  };
}
